"""The attention mark on screen: the disc with "!" that the timelines and the printed
reports put beside a flag's words, as an icon for lists and tables."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QIcon

from desktop.views.timeline.drawing import draw_overdue_badge
from desktop.views.widgets.drawn_icon import SIZE, drawn_icon


@cache
def attention_icon() -> QIcon:
    """The mark shown before a community's flags (their words go beside or in the tooltip:
    never the mark alone)."""
    return drawn_icon(lambda painter: draw_overdue_badge(painter, QPointF(SIZE / 2, SIZE / 2), 13))
