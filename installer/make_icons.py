"""Generate the installers' icons from ``resources/icons/ilot-desktop.svg``.

    .venv/bin/python installer/make_icons.py

Writes into ``resources/icons/`` (the results are committed, so a Windows or macOS build does not
need this script):

* ``ilot-desktop-<N>.png`` for N in 16, 24, 32, 48, 64, 128, 256, 512 (the Linux hicolor theme);
* ``ilot-desktop.ico``: every size up to 256 as PNG entries (Windows Vista and later read them);
* ``ilot-desktop.icns``: ``ic07``…``ic10`` (128, 256, 512 and 1024 pixels) as PNG entries.

The SVG is drawn with Qt's own renderer (QtSvg, offscreen), so no other tool is needed. The ICO and
ICNS containers are written here: Qt's plugins can read them but writing is not guaranteed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS / "ilot-desktop.svg"
NAME = "ilot-desktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024))


def render_png(renderer, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"PNG {size} not written")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (ICONDIR, then one ICONDIRENTRY per size, then the data)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(entries: list[tuple[bytes, bytes]]) -> bytes:
    """An ICNS file: ``icns`` + total length, then (type, length including its 8-byte header, PNG data)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(blob)) + blob for kind, blob in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - kept alive while drawing
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"SVG illisible : {SOURCE}", file=sys.stderr)
        return 1
    wanted = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {size for _kind, size in ICNS_TYPES})
    pngs = {size: render_png(renderer, size) for size in wanted}
    written = []
    for size in PNG_SIZES:
        path = ICONS / f"{NAME}-{size}.png"
        path.write_bytes(pngs[size])
        written.append(path)
    ico = ICONS / f"{NAME}.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = ICONS / f"{NAME}.icns"
    icns.write_bytes(icns_bytes([(kind, pngs[size]) for kind, size in ICNS_TYPES]))
    for path in [*written, ico, icns]:
        print(f"{path.relative_to(ICONS.parents[1])} ({path.stat().st_size} octets)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
