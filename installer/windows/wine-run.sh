#!/usr/bin/env bash
# Run a program of the copy that make windows-check installed, in its Wine prefix (build/wine/prefix).
#
#   installer/windows/wine-run.sh ilot-desktop-cli.exe --version
#   ILOT_PASSPHRASE=… installer/windows/wine-run.sh ilot-desktop-cli.exe --data-dir /tmp/x init
#
# PROGRAM: a bare name is a program of the installed folder (%LOCALAPPDATA%\Programs\Ilot desktop); an
# absolute Unix path or a Windows path is run as given. Arguments that are absolute Unix paths (/tmp/x, or
# --option=/tmp/x) become Z:\… paths; other arguments (C:\…, /VERYSILENT) are left alone. The environment,
# ILOT_PASSPHRASE, ILOT_NEW_PASSPHRASE, ILOT_TEAM_PASSPHRASE and ILOT_BACKUP_PASSPHRASE included, reaches
# the program (Wine passes ordinary variables). Standard input is given when it is not a terminal. Standard
# output comes back as the program wrote it: the command line writes UTF-8 when redirected (cli_console);
# standard error likewise, less the NUL bytes of SQLCipher's UTF-16 log lines. Exit code: the program's.
set -uo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
export WINEPREFIX=${ILOT_WINE_PREFIX:-$CHECK_PREFIX}

if [ $# -lt 1 ]; then
    echo "utilisation : $0 PROGRAMME [ARGUMENTS…]" >&2
    exit 2
fi
[ -f "$WINEPREFIX/system.reg" ] || {
    echo "Pas de préfixe Wine dans $WINEPREFIX : lancez make windows-check." >&2
    exit 2
}

unix_to_windows() {
    local arg=$1 top
    if [[ $arg == /* ]]; then
        top=${arg#/}
        top=/${top%%/*}
        if [ -e "$top" ]; then
            win_path "$arg"
            return
        fi
    elif [[ $arg == --*=/* ]]; then
        printf '%s=%s' "${arg%%=*}" "$(unix_to_windows "${arg#*=}")"
        return
    fi
    printf '%s' "$arg"
}

program=$1
shift
if [[ $program != */* && $program != *\\* ]]; then
    program="C:\\users\\$(id -un)\\AppData\\Local\\Programs\\$APP_DIR_NAME\\$program"
else
    program=$(unix_to_windows "$program")
fi
args=()
for arg in "$@"; do
    args+=("$(unix_to_windows "$arg")")
done

# Python under Wine needs pipes, not files or /dev/null, for its standard output and error.
if [ -t 0 ]; then
    wine "$program" "${args[@]}" </dev/null 2> >(tr -d '\000' >&2) | cat
else
    cat | wine "$program" "${args[@]}" 2> >(tr -d '\000' >&2) | cat
fi
status=("${PIPESTATUS[@]}")
if [ -t 0 ]; then
    exit "${status[0]}"
fi
exit "${status[1]}"
