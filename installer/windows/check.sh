#!/usr/bin/env bash
# make windows-check: the setup that make windows built, installed as a caseworker would, then the installed
# program run (installer/README.md, "Windows on Linux").
#
#   1. a fresh Wine prefix (build/wine/prefix, kept afterwards for installer/windows/wine-run.sh)
#   2. silent per-user install (/VERYSILENT /CURRENTUSER): the setup's log must say it is not administrative
#   3. the installed ilot-desktop-cli.exe: --version, self-test, then a whole scenario in a data folder whose
#      path has spaces and accents: init, import, check, funder-report --pdf, action-plan, export, backup,
#      restore, change-password, restore of a backup made with the former password
#   4. the windowed ilot-desktop.exe under Xvfb: its start page, screenshot in build/wine/start-page.png
#   5. silent uninstall: the program's folder and shortcut are gone, the data folder is kept
#   6. installed again, so that the prefix holds an installed copy for installer/windows/wine-run.sh
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
started=$SECONDS
version=$(python3 -c "import re,sys; print(re.search(r'__version__ = \"(.*)\"', open(sys.argv[1]).read()).group(1))" \
    "$WIN_ROOT/src/ilot_desktop/__init__.py")
setup=$WIN_DIST/ilot-desktop-$version-setup.exe
[ -f "$setup" ] || fail "pas de $setup : lancez make windows d'abord."
ensure_debian_packages
run=$WIN_HERE/wine-run.sh
user=$(id -un)
users_dir=$CHECK_PREFIX/drive_c/users/$user
app_dir=$users_dir/AppData/Local/Programs/$APP_DIR_NAME
out=$WIN_WORK/check
mkdir -p "$WIN_WORK"

# Run the installed CLI; its output is kept in $out/<name>.txt and shown; stops at the first failure.
cli() {
    local name=$1 rc=0
    shift
    echo "\$ ilot-desktop-cli.exe $*"
    "$run" ilot-desktop-cli.exe "$@" >"$out/$name.raw" 2>"$out/$name.err" || rc=$?
    tr -d '\r' <"$out/$name.raw" >"$out/$name.txt"  # Windows ends lines with CR LF
    sed 's/^/    /' "$out/$name.txt"
    if [ "$rc" != 0 ]; then
        sed 's/^/    ! /' "$out/$name.err"
        fail "ilot-desktop-cli.exe ($name) : code $rc"
    fi
}
expect() { grep -q -- "$2" "$out/$1.txt" || fail "« $2 » absent de la sortie de $1"; }

step "fresh Wine prefix $CHECK_PREFIX"
new_prefix "$CHECK_PREFIX"
rm -rf "$out"
mkdir -p "$out"
export WINEPREFIX=$CHECK_PREFIX
took "prefix"

step "silent per-user install of $(basename "$setup")"
wx "$(win_path "$setup")" /VERYSILENT /CURRENTUSER /SUPPRESSMSGBOXES /NORESTART "/LOG=$(win_path "$out/install.log")"
tr -d '\000' <"$out/install.log" >"$out/install.txt"
grep -aE "Administrative install mode|Install mode root key|Installation process succeeded" "$out/install.txt"
grep -aq "Administrative install mode: No" "$out/install.txt" || fail "installation administrateur (journal : $out/install.txt)"
grep -aq "Install mode root key: HKEY_CURRENT_USER" "$out/install.txt" || fail "clé de registre autre que HKCU"
grep -aq "Installation process succeeded" "$out/install.txt" || fail "installation échouée"
for f in ilot-desktop.exe ilot-desktop-cli.exe unins000.exe _internal/resources/fonts/DejaVuSans.ttf; do
    [ -f "$app_dir/$f" ] || fail "installé sans $f"
done
menu=$users_dir/AppData/Roaming/Microsoft/Windows/Start\ Menu/Programs
[ -f "$menu/Îlot desktop.lnk" ] || fail "pas de raccourci dans le menu Démarrer"
others=$(find "$app_dir" -name '*.qm' ! -name '*_fr.qm' | wc -l)
[ "$others" = 0 ] || fail "$others catalogues Qt non français installés"
echo "installed: $(du -sm "$app_dir" | cut -f1) MiB in %LOCALAPPDATA%\\Programs\\$APP_DIR_NAME, Start menu shortcut, French Qt catalogues only"
took "install"

step "the installed program: version and self-test"
cli version --version
expect version "Îlot desktop $version"
cli self-test self-test
expect self-test "Autotest réussi"
took "self-test"

step "command-line scenario in « Documents\\Équipe emploi\\données »"
docs='C:\users\'"$user"'\Documents'
data="$docs\\Équipe emploi\\données"
outputs="$docs\\Équipe emploi\\sorties"
usb="$docs\\Clé USB"
mkdir -p "$users_dir/Documents/Équipe emploi/sorties" "$users_dir/Documents/Clé USB"
first='Cheval-Agrafe-Pile-Correcte-71'
second='Tortue-Lampe-Violon-Brique-42'
export ILOT_PASSPHRASE=$first
# The workbook to import: the program's own fictional people, exported from a demonstration folder.
cli demo --data-dir "$docs\\démonstration" demo
cli demo-export --data-dir "$docs\\démonstration" export "$outputs\\démonstration.xlsx"
cli init --data-dir "$data" init --recovery-sheet "$outputs\\feuille de secours.pdf"
cli import --data-dir "$data" import "$outputs\\démonstration.xlsx"
expect import "Participants.*: 50 créé"
cli check --data-dir "$data" check
expect check "Participants.*: 50$"
expect check "Intégrité.*: correcte"
cli funder-report --data-dir "$data" funder-report --year 2026 --out "$outputs\\bilan 2026.xlsx" --pdf "$outputs\\bilan 2026.pdf"
cli action-plan --data-dir "$data" action-plan DE-2026-001 --out "$outputs\\plan d'action.pdf"
cli export --data-dir "$data" export "$outputs\\tous les dossiers.xlsx"
cli backup --data-dir "$data" backup --out "$usb"
backup_name=$(find "$users_dir/Documents/Clé USB" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | head -1)
[ -n "$backup_name" ] || fail "aucune sauvegarde sur la « clé USB »"
cli restore --data-dir "$data" restore "$usb\\$backup_name"
expect restore "remise en place"
ILOT_NEW_PASSPHRASE=$second cli change-password --data-dir "$data" change-password
expect change-password "nouveau mot de passe est enregistré"
export ILOT_PASSPHRASE=$second
# The backup on the "USB key" was made with the former password: it is given apart.
ILOT_BACKUP_PASSPHRASE=$first cli restore-older --data-dir "$data" restore "$usb\\$backup_name"
cli check-after --data-dir "$data" check
expect check-after "Participants.*: 50$"
expect check-after "Intégrité.*: correcte"
for f in "feuille de secours.pdf" "bilan 2026.xlsx" "bilan 2026.pdf" "plan d'action.pdf" "tous les dossiers.xlsx"; do
    [ -s "$users_dir/Documents/Équipe emploi/sorties/$f" ] || fail "absent : $f"
done
head -c 5 "$users_dir/Documents/Équipe emploi/sorties/bilan 2026.pdf" | grep -q "%PDF-" || fail "bilan 2026.pdf n'est pas un PDF"
unset ILOT_PASSPHRASE
took "scenario"

step "the window under Xvfb: start page"
shot=$WIN_ROOT/build/windows-start-page.png
# The command-line runs above leave a wineserver (and Wine's desktop process) started without a display: a
# window opened in that session is drawn nowhere. The window gets a session of its own, started under Xvfb.
end_prefix "$CHECK_PREFIX"
# Screenshots every 3 s until the screen is more than a plain background (at most 180 s: a loaded machine
# takes a while to start Wine's first window), then one more once it has settled. A second attempt in a new
# Wine session if the first drew nothing.
show_window() {
    rm -f "$shot"
    ILOT_DATA_DIR_WIN="$data" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        wine "$1" --data-dir "$ILOT_DATA_DIR_WIN" </dev/null 2>&1 | tr -d "\000" >"$3/window.log" &
        for _ in $(seq 60); do
            sleep 3
            import -window root "$2" 2>/dev/null || continue
            [ "$(convert "$2" -format %k info:)" -gt 64 ] && break
        done
        sleep 3
        import -window root "$2"
        wineserver -k 2>/dev/null || true
        wait || true' window "C:\\users\\$user\\AppData\\Local\\Programs\\$APP_DIR_NAME\\ilot-desktop.exe" "$shot" "$out"
    end_prefix "$CHECK_PREFIX"
    [ -s "$shot" ] && [ "$(convert "$shot" -format %k info:)" -gt 64 ]
}
if ! show_window; then
    echo "no window drawn in the first attempt (log: $out/window.log); once more in a new Wine session"
    cp "$out/window.log" "$out/window-first-attempt.log" 2>/dev/null || true
    show_window || true
fi
[ -s "$shot" ] || fail "pas de capture d'écran"
colours=$(convert "$shot" -format %k info:)
echo "screenshot $shot: $colours colours"
[ "$colours" -gt 64 ] || fail "écran presque uni ($colours couleurs) : la fenêtre ne s'est pas affichée (journal : $out/window.log)"
took "window"

step "silent uninstall"
end_prefix "$CHECK_PREFIX"
wx "C:\\users\\$user\\AppData\\Local\\Programs\\$APP_DIR_NAME\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
for _ in $(seq 60); do
    [ -e "$app_dir/ilot-desktop.exe" ] || break
    sleep 1
done
end_prefix "$CHECK_PREFIX"
[ ! -e "$app_dir/ilot-desktop.exe" ] || fail "le programme est toujours là après la désinstallation"
[ ! -e "$app_dir/_internal" ] || fail "_internal est toujours là après la désinstallation"
[ ! -e "$menu/Îlot desktop.lnk" ] || fail "le raccourci du menu Démarrer est toujours là"
[ -f "$users_dir/Documents/Équipe emploi/données/ilot.db" ] || fail "la désinstallation a supprimé les données"
echo "uninstalled: program and shortcut removed, « Documents\\Équipe emploi\\données\\ilot.db » kept"
took "uninstall"

step "installed again, for installer/windows/wine-run.sh"
wx "$(win_path "$setup")" /VERYSILENT /CURRENTUSER /SUPPRESSMSGBOXES /NORESTART "/LOG=$(win_path "$out/reinstall.log")"
again=$("$run" ilot-desktop-cli.exe --version) || fail "réinstallation : ilot-desktop-cli.exe --version a échoué"
[[ $again == *"Îlot desktop $version"* ]] || fail "réinstallation : « $again »"
end_prefix "$CHECK_PREFIX"
took "install again"

echo
echo "make windows-check: ok in $((SECONDS - started)) s (the prefix stays in $CHECK_PREFIX for wine-run.sh)"
