#!/usr/bin/env bash
# make windows-test: the test suite under Wine's Windows CPython 3.11 with the Windows wheels, in the prefix
# make windows built (build/wine/build-prefix). Arguments are pytest's; without any, the default set below.
#
#   make windows-test                          # WINDOWS_TESTS (what CI runs)
#   make windows-test ARGS="tests/unit -x"     # any pytest selection
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
started=$SECONDS
# What CI runs under Wine (measured in installer/README.md): unit, integration and fault tests, and the GUI tests.
WINDOWS_TESTS=(-q tests/unit tests/integration tests/faults tests/gui)
compgen -G "$BUILD_PREFIX/.ready-*" >/dev/null || fail "pas de préfixe de construction : lancez make windows d'abord."
export WINEPREFIX=$BUILD_PREFIX
args=("$@")
[ ${#args[@]} -gt 0 ] || args=("${WINDOWS_TESTS[@]}")
step "pytest under Wine's CPython: ${args[*]}"
rc=0
w "$WIN_PY" "$(win_path "$WIN_HERE/run_tests.py")" "${args[@]}" | tr -d '\000' | grep --line-buffered -av "ERROR CORE" || rc=$?
end_prefix "$BUILD_PREFIX"
took "windows-test" "exit $rc"
echo "make windows-test: exit $rc in $((SECONDS - started)) s"
exit "$rc"
