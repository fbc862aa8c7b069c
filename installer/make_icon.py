"""Draws the Windows icon (``.ico``) from ``resources/clcp.svg`` at build time.

Qt renders the SVG at each size Windows asks for (small list views up to large tiles); each
picture is stored as PNG inside the ICO container, which Windows reads since Vista. The
generated file is a build product and is not kept in the repository.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICON_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        _keep_alive.append(QGuiApplication(sys.argv[:1]))
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG picture Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"png")).write(image):
        raise RuntimeError("Qt could not write PNG")
    buffer.close()
    return bytes(data.data())


_keep_alive: list[object] = []


def ico_bytes(pictures: dict[int, bytes]) -> bytes:
    """An ICO file holding one PNG picture per size (width 256 is written as 0)."""
    header = struct.pack("<HHH", 0, 1, len(pictures))
    offset = len(header) + 16 * len(pictures)
    entries = b""
    payload = b""
    for size, png in sorted(pictures.items()):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        payload += png
        offset += len(png)
    return header + entries + payload


def make_icon(svg: Path, target: Path, sizes: tuple[int, ...] = ICON_SIZES) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(ico_bytes({size: render_png(svg, size) for size in sizes}))
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_icon.py SOURCE.svg TARGET.ico")
    print(make_icon(Path(sys.argv[1]), Path(sys.argv[2])))
