#!/usr/bin/env bash
# make test-x11: the working week in a real X11 window (Xvfb + openbox), at 1366 × 768 and at 1920 × 1080 with
# QT_SCALE_FACTOR=1.5. See docs/real-window.md. Screenshots in build/screens/<size>/.
#   GUIDE=1   also remake the user guide's pictures (docs/images/) at 1366 × 768 from the demo data.
#   SIZES     the sizes to run ("1366x768:1 1920x1080:1.5" by default; WIDTHxHEIGHT:QT_SCALE_FACTOR).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
SIZES=${SIZES:-"1366x768:1 1920x1080:1.5"}

# What a fresh Debian/Ubuntu lacks: the X server, the window manager, xdotool and xprop, and the libraries of
# Qt's xcb platform plugin. Installed once; sudo only when not root.
qt_plugin=$($PY -c 'import os, PySide6; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))')
missing_libs() { ldd "$qt_plugin/plugins/platforms/libqxcb.so" "$qt_plugin/lib/libQt6XcbQpa.so.6" 2>/dev/null | grep -q "not found"; }
if ! command -v Xvfb >/dev/null || ! command -v openbox >/dev/null || ! command -v xdotool >/dev/null \
    || ! command -v xprop >/dev/null || missing_libs; then
    as_root=""
    [ "$(id -u)" = 0 ] || as_root="sudo"
    { $as_root apt-get update -qq && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends xvfb openbox xdotool x11-utils libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
        libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 >/dev/null; } || {
        echo "ERREUR : impossible d'installer Xvfb, openbox, xdotool et les bibliothèques xcb de Qt" \
            "(apt-get install xvfb openbox xdotool x11-utils libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1)." >&2
        exit 1
    }
fi

server_pid=""
wm_pid=""
stop_display() {
    [ -n "$wm_pid" ] && kill "$wm_pid" 2>/dev/null && wait "$wm_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    wm_pid=""
    server_pid=""
}
trap stop_display EXIT

# A free display number, the server, then the window manager; each waited for (no fixed sleep).
start_display() {
    local geometry=$1 number=90
    while [ -e "/tmp/.X11-unix/X$number" ] || [ -e "/tmp/.X$number-lock" ]; do number=$((number + 1)); done
    export DISPLAY=":$number"
    Xvfb "$DISPLAY" -screen 0 "${geometry}x24" -nolisten tcp -noreset >"build/screens/xvfb-$number.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    xdpyinfo >/dev/null 2>&1 || { echo "ERREUR : Xvfb n'a pas démarré sur $DISPLAY." >&2; exit 1; }
    openbox --sm-disable >"build/screens/openbox-$number.log" 2>&1 &
    wm_pid=$!
    for _ in $(seq 100); do xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break; sleep 0.1; done
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" \
        || { echo "ERREUR : openbox n'a pas démarré sur $DISPLAY." >&2; exit 1; }
}

mkdir -p build/screens
status=0
for size in $SIZES; do
    geometry=${size%%:*}
    scale=${size##*:}
    start_display "$geometry"
    rm -rf "build/screens/$geometry"
    echo "== Fenêtre réelle $geometry, QT_SCALE_FACTOR=$scale (DISPLAY=$DISPLAY)"
    # A box nobody answers cannot hang CI: the run is stopped after 150 s (it takes about 20).
    ILOT_X11_SIZE="$geometry" QT_SCALE_FACTOR="$scale" QT_QPA_PLATFORM=xcb \
        timeout -k 10 150 $PY -m pytest -q -p no:xdist -p no:cacheprovider -rxXs tests/x11/week_x11.py || status=1
    [ -f "build/screens/$geometry.txt" ] && sed 's/^/    /' "build/screens/$geometry.txt"
    if [ "${GUIDE:-0}" = 1 ] && [ "$geometry" = 1366x768 ]; then
        echo "== Captures du guide (docs/images/) à 1366 × 768"
        QT_SCALE_FACTOR=1 QT_QPA_PLATFORM=xcb $PY scripts/guide_screenshots.py --fenetre-reelle || status=1
    fi
    stop_display
done
exit $status
