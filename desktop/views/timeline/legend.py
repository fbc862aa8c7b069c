"""The key to the timelines' colours, patterns and symbols, shown under them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.labels import label, labels, marker_labels
from desktop.models.enums import ActionStatus
from desktop.services.queries.timeline import MARKER_ENTITIES, PHASE_COLOURS, TODAY_COLOUR
from desktop.views.timeline.drawing import (
    action_brush,
    action_mark,
    action_pen,
    draw_overdue_badge,
    marker_colour,
    marker_path,
    overdue_brush,
    phase_abbreviation,
    phase_colour,
)

ICON_WIDTH, ICON_HEIGHT = 26, 16
COLUMNS = 6

Painter = Callable[[QPainter, QRectF], None]


class Legend(QWidget):
    """``Legend(office=True)`` keys the office timeline; otherwise a community's timeline."""

    def __init__(self, *, office: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[str] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setHorizontalSpacing(14)
        layout.setVerticalSpacing(2)
        for text, paint in self._items(office):
            self._add(layout, text, paint)
        layout.setColumnStretch(COLUMNS * 2, 1)
        self.setAccessibleName(self.tr("Legend"))

    def _items(self, office: bool) -> list[tuple[str, Painter]]:
        items: list[tuple[str, Painter]] = [
            (f"{label(kind)} ({phase_abbreviation(kind)})", _swatch(kind)) for kind in PHASE_COLOURS
        ]
        if office:
            items += [
                (self.tr("Meeting"), _meeting_tick),
                (self.tr("No recent meeting (hatched to today)"), _gap),
                (self.tr("Needs attention (the tooltip and the table say why)"), _badge),
                (self.tr("Today"), _today),
            ]
            return items
        items += [
            (
                self.tr("Action: %1").replace("%1", f"{action_mark(status)} {words}"),
                _action(status, overdue=False),
            )
            for status, words in labels(ActionStatus).items()
        ]
        items.append((self.tr("Overdue action (hatched to today)"), _action("under_way", True)))
        names = marker_labels()
        items += [(names[entity], _marker(entity)) for entity in MARKER_ENTITIES]
        items += [(self.tr("Overdue follow-up"), _badge), (self.tr("Today"), _today)]
        return items

    def _add(self, layout: QGridLayout, text: str, paint: Painter) -> None:
        index = len(self.entries)
        row, column = divmod(index, COLUMNS)
        pixmap = QPixmap(ICON_WIDTH * 2, ICON_HEIGHT * 2)
        pixmap.setDevicePixelRatio(2.0)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter, QRectF(1, 2, ICON_WIDTH - 2, ICON_HEIGHT - 4))
        painter.end()
        icon = QLabel()
        icon.setPixmap(pixmap)
        label = QLabel(text)
        label.setBuddy(icon)
        layout.addWidget(icon, row, column * 2)
        layout.addWidget(label, row, column * 2 + 1)
        self.entries.append(text)


def _swatch(kind: str) -> Painter:
    def paint(painter: QPainter, rect: QRectF) -> None:
        painter.setPen(QPen(phase_colour(kind).darker(140), 1))
        painter.setBrush(phase_colour(kind))
        painter.drawRect(rect)

    return paint


def _action(status: str, overdue: bool) -> Painter:
    def paint(painter: QPainter, rect: QRectF) -> None:
        bar = rect.adjusted(0, 3, -10 if overdue else 0, -3)
        if overdue:
            painter.fillRect(
                QRectF(bar.right(), bar.top() + 2, 10, bar.height() - 4), overdue_brush()
            )
        painter.setPen(action_pen(status, overdue))
        painter.setBrush(action_brush(status))
        painter.drawRect(bar)

    return paint


def _marker(entity: str) -> Painter:
    def paint(painter: QPainter, rect: QRectF) -> None:
        painter.translate(rect.center())
        painter.setPen(QPen(QColor("white"), 1))
        painter.setBrush(marker_colour(entity))
        painter.drawPath(marker_path(entity, 12))

    return paint


def _meeting_tick(painter: QPainter, rect: QRectF) -> None:
    x, y = rect.center().x(), rect.bottom()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(marker_colour("meeting"))
    painter.drawPolygon(QPolygonF([QPointF(x, y - 6), QPointF(x + 4, y), QPointF(x - 4, y)]))


def _gap(painter: QPainter, rect: QRectF) -> None:
    painter.fillRect(QRectF(rect.left(), rect.bottom() - 5, rect.width(), 5), overdue_brush())


def _badge(painter: QPainter, rect: QRectF) -> None:
    draw_overdue_badge(painter, rect.center(), 13)


def _today(painter: QPainter, rect: QRectF) -> None:
    painter.setPen(QPen(QColor(TODAY_COLOUR), 2))
    painter.drawLine(
        QPointF(rect.center().x(), rect.top()), QPointF(rect.center().x(), rect.bottom())
    )
