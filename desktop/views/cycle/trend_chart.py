"""A small line chart of one indicator's numbers over time, painted with QPainter.

Dates are spaced by time, not by entry, so a gap in monitoring shows as a gap.
The baseline and target, when they are numbers, are drawn as dashed lines.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

_MARGIN_LEFT = 44
_MARGIN = 14


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[date, float]] = []
        self.baseline: float | None = None
        self.target: float | None = None
        self.message = ""
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Trend chart"))

    def sizeHint(self) -> QSize:
        return QSize(360, 200)

    def set_data(
        self,
        points: Sequence[tuple[date, float]],
        *,
        baseline: float | None = None,
        target: float | None = None,
        message: str = "",
        title: str = "",
    ) -> None:
        self.points = sorted(points)
        self.baseline, self.target, self.message = baseline, target, message
        self.setAccessibleName(
            self.tr("Trend chart: %1").replace("%1", title) if title else self.tr("Trend chart")
        )
        self.setAccessibleDescription(self.describe(title))
        self.update()

    def describe(self, title: str = "") -> str:
        """The chart in words, for a screen reader: every number the picture shows.

        For example "Girls attending meetings: 12 at baseline, 30 on 2026-11-02, target 40".
        """
        if not self.points:
            return self.message or self.tr("No numbers recorded yet.")
        parts = []
        if self.baseline is not None:
            parts.append(self.tr("%1 at baseline").replace("%1", f"{self.baseline:g}"))
        parts += [
            self.tr("%1 on %2").replace("%1", f"{value:g}").replace("%2", day.isoformat())
            for day, value in self.points
        ]
        if self.target is not None:
            parts.append(self.tr("target %1").replace("%1", f"{self.target:g}"))
        words = ", ".join(parts)
        return f"{title}: {words}" if title else words

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_pen = QPen(palette.color(QPalette.ColorRole.WindowText))
        area = QRectF(self.rect()).adjusted(_MARGIN_LEFT, _MARGIN, -_MARGIN, -_MARGIN - 14)
        if not self.points:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(self.rect()),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.message or self.tr("No numbers recorded yet."),
            )
            painter.end()
            return
        values = [v for _d, v in self.points]
        values += [v for v in (self.baseline, self.target) if v is not None]
        low, high = min(values), max(values)
        if high == low:
            low, high = low - 1, high + 1
        first = self.points[0][0].toordinal()
        span = max(self.points[-1][0].toordinal() - first, 1)

        def at(day: date, value: float) -> QPointF:
            x = area.left() + area.width() * ((day.toordinal() - first) / span)
            if len(self.points) == 1:
                x = area.center().x()
            y = area.bottom() - area.height() * ((value - low) / (high - low))
            return QPointF(x, y)

        axis = QPen(palette.color(QPalette.ColorRole.Mid))
        painter.setPen(axis)
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        painter.setPen(text_pen)
        for value in (low, high):
            y = at(self.points[0][0], value).y()
            painter.drawText(
                QRectF(0, y - 8, _MARGIN_LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{value:g}",
            )
        bottom = QRectF(area.left(), area.bottom() + 2, area.width(), 16)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, self.points[0][0].isoformat())
        if len(self.points) > 1:
            painter.drawText(bottom, Qt.AlignmentFlag.AlignRight, self.points[-1][0].isoformat())

        for line_value, caption in (
            (self.baseline, self.tr("baseline")),
            (self.target, self.tr("target")),
        ):
            if line_value is None:
                continue
            dashed = QPen(palette.color(QPalette.ColorRole.PlaceholderText))
            dashed.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(dashed)
            y = at(self.points[0][0], line_value).y()
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(QPointF(area.left() + 4, y - 3), caption)

        line = QPen(palette.color(QPalette.ColorRole.Highlight))
        line.setWidthF(2.0)
        painter.setPen(line)
        corners = [at(day, value) for day, value in self.points]
        for start, end in itertools.pairwise(corners):
            painter.drawLine(start, end)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        for corner in corners:
            painter.drawEllipse(corner, 3.5, 3.5)
        painter.end()


def as_number(text: str) -> float | None:
    """A baseline or target written as a number ("12", "12.5", "12 girls"), else None."""
    first = text.strip().replace(",", ".").split(" ")[0] if text.strip() else ""
    try:
        return float(first)
    except ValueError:
        return None
