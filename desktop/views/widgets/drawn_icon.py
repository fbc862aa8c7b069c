"""Small icons drawn in code, so the app needs no icon theme (a bare Linux has none)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

#: Drawn at twice the size and shown at 16 x 16 logical pixels: sharp at 100% and 200%.
SCALE = 2
SIZE = 16


def drawn_icon(draw: Callable[[QPainter], None]) -> QIcon:
    """An icon of ``SIZE`` logical pixels; ``draw`` paints it in those units, antialiased."""
    pixmap = QPixmap(SIZE * SCALE, SIZE * SCALE)
    pixmap.setDevicePixelRatio(SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        draw(painter)
    finally:
        painter.end()
    return QIcon(pixmap)
