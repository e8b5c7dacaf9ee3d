#!/usr/bin/env bash
# make windows-test: the test suite under Wine's Windows CPython 3.11 with the Windows wheels, in the prefix
# make windows built (build/wine/build-prefix). Arguments are pytest's; without any, the default set below.
#
#   make windows-test                          # WINDOWS_TESTS: everything
#   make windows-test ARGS=--ci                # CI_TESTS: the part meant for .ci/run (not wired yet)
#   make windows-test ARGS="tests/unit -x"     # any pytest selection
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
started=$SECONDS
# Without arguments: everything (unit, integration, faults, GUI: see installer/README.md for what still fails
# under Wine). --ci: the part meant for CI (4-5 minutes), which passes: the unit tests, the instance lock's and the
# Windows file tests. Two unit tests are deselected there, an open Windows-only defect (installer/README.md):
# after the action plan's PDF tests in the same process, wipe_immutable no longer recognises a str's characters.
WINDOWS_TESTS=(-q tests/unit tests/integration tests/faults tests/gui)
CI_TESTS=(-q tests/unit tests/integration/test_instance_lock.py tests/integration/test_windows_files.py
    --deselect tests/unit/test_secret.py::test_wipe_immutable_overwrites_only_what_it_can_prove
    --deselect tests/unit/test_secret.py::test_the_key_statement_is_built_without_hex_copies_and_wiped_after_use)
compgen -G "$BUILD_PREFIX/.ready-*" >/dev/null || fail "pas de préfixe de construction : lancez make windows d'abord."
export WINEPREFIX=$BUILD_PREFIX
args=("$@")
[ ${#args[@]} -gt 0 ] || args=("${WINDOWS_TESTS[@]}")
if [ "${args[0]}" = "--ci" ]; then
    args=("${CI_TESTS[@]}")
    echo "deselected on Windows: 2 tests of tests/unit/test_secret.py (open defect, installer/README.md)"
fi
step "pytest under Wine's CPython: ${args[*]}"
rc=0
w "$WIN_PY" "$(win_path "$WIN_HERE/run_tests.py")" "${args[@]}" | tr -d '\000' | grep --line-buffered -av "ERROR CORE" || rc=$?
end_prefix "$BUILD_PREFIX"
took "windows-test" "exit $rc"
echo "make windows-test: exit $rc in $((SECONDS - started)) s"
exit "$rc"
