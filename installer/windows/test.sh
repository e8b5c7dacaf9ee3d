#!/usr/bin/env bash
# make windows-test: the test suite under Wine's Windows CPython 3.11 with the Windows wheels, in the prefix
# make windows built (build/wine/build-prefix). Arguments are pytest's; without any, the default set below.
#
#   make windows-test                          # everything: unit, integration, faults, gui
#   make windows-test ARGS=--ci                # what .ci/run runs: tests/unit and tests/integration
#   make windows-test ARGS="tests/unit -x"     # any pytest selection
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
started=$SECONDS
# Without arguments: everything (unit, integration, faults, GUI: see installer/README.md for what runs under Wine).
# --ci: what .ci/run runs, tests/unit and tests/integration, as two Windows processes at once (one per core),
# each with its own log under build/wine/, shown at the end.
WINDOWS_TESTS=(-q tests/unit tests/integration tests/faults tests/gui)
compgen -G "$BUILD_PREFIX/.ready-*" >/dev/null || fail "pas de préfixe de construction : lancez make windows d'abord."
export WINEPREFIX=$BUILD_PREFIX
runner=$(win_path "$WIN_HERE/run_tests.py")

# pytest under Wine's CPython with the given arguments; the NUL bytes of Wine's UTF-16 log lines and its
# "ERROR CORE" noise are dropped. Exit code: pytest's.
run_pytest() {
    w "$WIN_PY" "$runner" "$@" | tr -d '\000' | grep --line-buffered -av "ERROR CORE"
    return "${PIPESTATUS[0]}"
}

rc=0
if [ "${1:-}" = "--ci" ]; then
    mkdir -p "$WIN_WORK"
    step "pytest under Wine's CPython: tests/unit and tests/integration, side by side"
    run_pytest -q tests/unit >"$WIN_WORK/windows-test-unit.log" 2>&1 &
    unit=$!
    run_pytest -q tests/integration >"$WIN_WORK/windows-test-integration.log" 2>&1 &
    integration=$!
    unit_rc=0
    integration_rc=0
    wait "$unit" || unit_rc=$?
    wait "$integration" || integration_rc=$?
    for part in unit integration; do
        echo
        echo "--- tests/$part ($WIN_WORK/windows-test-$part.log)"
        grep -av "^[0-9a-f]\{4\}:\(err\|fixme\):" "$WIN_WORK/windows-test-$part.log" || true
    done
    echo
    echo "tests/unit: exit $unit_rc; tests/integration: exit $integration_rc"
    [ "$unit_rc" = 0 ] && [ "$integration_rc" = 0 ] || rc=1
else
    args=("$@")
    [ ${#args[@]} -gt 0 ] || args=("${WINDOWS_TESTS[@]}")
    step "pytest under Wine's CPython: ${args[*]}"
    run_pytest "${args[@]}" || rc=$?
fi
end_prefix "$BUILD_PREFIX"
took "windows-test" "exit $rc"
echo "make windows-test: exit $rc in $((SECONDS - started)) s"
exit "$rc"
