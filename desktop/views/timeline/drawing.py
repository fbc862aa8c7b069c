"""Colours, marker shapes, zoom levels and date words shared by both timelines and the legend.

Meaning never rests on colour alone: each marker kind has its own shape, action statuses
differ by a mark (○ ▶ ✓ ✗) as well as by fill, phase bars carry their name or a two-letter
abbreviation, and anything overdue carries a "!" badge.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from desktop.labels import label
from desktop.services.queries.timeline import (
    ACTION_COLOURS,
    FALLBACK_COLOUR,
    MARKER_COLOURS,
    OVERDUE_COLOUR,
    PHASE_COLOURS,
    text_colour_on,
)

MIN_PIXELS_PER_DAY = 0.15
MAX_PIXELS_PER_DAY = 40.0
WHEEL_ZOOM_STEP = 1.25


class Zoom(Enum):
    """Preset scales, in pixels per day: about a season, a year or four years on a screen."""

    MONTH = 12.0
    QUARTER = 3.2
    YEAR = 0.8


def clamp_zoom(pixels_per_day: float) -> float:
    return max(MIN_PIXELS_PER_DAY, min(MAX_PIXELS_PER_DAY, pixels_per_day))


def key_zoom_factor(key: int) -> float | None:
    """How much a key zooms a timeline: + (or =) in, - out; None for other keys."""
    if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
        return WHEEL_ZOOM_STEP
    if key == Qt.Key.Key_Minus:
        return 1 / WHEEL_ZOOM_STEP
    return None


def phase_colour(kind: str) -> QColor:
    return QColor(PHASE_COLOURS.get(kind, FALLBACK_COLOUR))


def phase_text_colour(kind: str) -> QColor:
    """The words on a phase bar: dark on the mid tones, white on the deep ones."""
    return QColor(text_colour_on(PHASE_COLOURS.get(kind, FALLBACK_COLOUR)))


def phase_abbreviation(kind: str) -> str:
    """Two letters naming a phase on a bar too narrow for its name (the legend lists them)."""
    words = {
        "relationship_building": QCoreApplication.translate("Phase", "Rb"),
        "learning": QCoreApplication.translate("Phase", "Le"),
        "feedback": QCoreApplication.translate("Phase", "Fb"),
        "planning": QCoreApplication.translate("Phase", "Pl"),
        "action": QCoreApplication.translate("Phase", "Ac"),
        "review": QCoreApplication.translate("Phase", "Rv"),
    }
    return words.get(kind, kind[:2].title())


def phase_caption(kind: str, room: float, metrics: QFontMetricsF) -> str:
    """What fits on a phase bar ``room`` pixels wide: the name, else its abbreviation,
    else nothing (the tooltip and the table still name it). A phase never rests on its
    colour alone where there is room for two letters."""
    name = label(kind)
    if metrics.horizontalAdvance(name) <= room:
        return name
    short = phase_abbreviation(kind)
    if metrics.horizontalAdvance(short) <= room:
        return short
    return ""


#: A sign for each action status, drawn before the action's words on its bar: statuses
#: differ by mark as well as by fill.
ACTION_MARKS = {"planned": "○", "under_way": "▶", "done": "✓", "dropped": "✗"}


def action_mark(status: str) -> str:
    return ACTION_MARKS.get(status, "")


def action_brush(status: str) -> QBrush:
    """Planned: pale; under way: solid; done: dark; dropped: crossed out with a hatch."""
    colour = QColor(ACTION_COLOURS.get(status, FALLBACK_COLOUR))
    if status == "dropped":
        brush = QBrush(QColor("#9E9E9E"), Qt.BrushStyle.FDiagPattern)
        return brush
    return QBrush(colour)


def action_text_colour(status: str) -> QColor:
    return QColor(text_colour_on(ACTION_COLOURS.get(status, FALLBACK_COLOUR)))


def action_pen(status: str, overdue: bool) -> QPen:
    if overdue:
        pen = QPen(QColor(OVERDUE_COLOUR), 2.0, Qt.PenStyle.DashLine)
    else:
        pen = QPen(QColor(ACTION_COLOURS.get(status, FALLBACK_COLOUR)).darker(160), 1.0)
    pen.setCosmetic(True)
    return pen


def overdue_colour() -> QColor:
    return QColor(OVERDUE_COLOUR)


def overdue_brush() -> QBrush:
    """The stretch from a missed due date (or the last meeting) to today."""
    return QBrush(QColor(OVERDUE_COLOUR), Qt.BrushStyle.BDiagPattern)


def marker_colour(entity: str) -> QColor:
    return QColor(MARKER_COLOURS.get(entity, FALLBACK_COLOUR))


def marker_path(entity: str, size: float) -> QPainterPath:
    """The symbol of a marker kind, centred on (0, 0): circle, diamond, triangle, square, flag."""
    r = size / 2
    path = QPainterPath()
    if entity == "meeting":
        path.addEllipse(QPointF(0, 0), r, r)
    elif entity == "observation":
        path.addPolygon(QPolygonF([QPointF(0, -r), QPointF(r, 0), QPointF(0, r), QPointF(-r, 0)]))
        path.closeSubpath()
    elif entity == "reflection":
        path.addPolygon(QPolygonF([QPointF(0, -r), QPointF(r, r), QPointF(-r, r)]))
        path.closeSubpath()
    elif entity == "review":
        path.addRect(QRectF(-r * 0.85, -r * 0.85, r * 1.7, r * 1.7))
    else:  # a follow-up: a pennant on a pole
        path.addRect(QRectF(-r, -r, r * 0.3, r * 2))
        path.addPolygon(
            QPolygonF([QPointF(-r * 0.7, -r), QPointF(r, -r * 0.45), QPointF(-r * 0.7, r * 0.1)])
        )
        path.closeSubpath()
    return path


def draw_overdue_badge(painter: QPainter, centre: QPointF, size: float) -> None:
    """A red disc with a white "!": overdue, readable without colour."""
    painter.save()
    painter.setPen(QPen(QColor("white"), 1.0))
    painter.setBrush(overdue_colour())
    box = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
    painter.drawEllipse(box)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(7, int(size * 0.8)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(
        box,
        Qt.AlignmentFlag.AlignCenter,
        "!",
    )
    painter.restore()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_text(day: date | None, locale: QLocale | None = None) -> str:
    """A date as the person's locale writes it briefly (e.g. 3 Mar 2026)."""
    if day is None:
        return "…"
    return (locale or QLocale()).toString(qdate(day), "d MMM yyyy")


def month_text(day: date, locale: QLocale | None = None) -> str:
    return (locale or QLocale()).monthName(day.month, QLocale.FormatType.ShortFormat)
