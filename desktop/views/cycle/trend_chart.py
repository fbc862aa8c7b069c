"""A small line chart of one indicator's numbers over time, painted with QPainter.

Dates are spaced by time, not by entry, so a gap in monitoring shows as a gap.
The baseline and target, when they are numbers, are drawn as dashed lines.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
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
        if not self.points:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(self.rect()),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.message or self.tr("No numbers recorded yet."),
            )
            painter.end()
            return
        area = QRectF(self.rect()).adjusted(_MARGIN_LEFT, _MARGIN, -_MARGIN, -_MARGIN - 14)
        values = [v for _d, v in self.points]
        values += [v for v in (self.baseline, self.target) if v is not None]
        low, high = min(values), max(values)
        if high == low:
            low, high = low - 1, high + 1
        scale = _Scale(area, self.points[0][0], self.points[-1][0], low, high, len(self.points))
        self._paint_axes(painter, scale)
        self._paint_reference_lines(painter, scale)
        self._paint_line(painter, scale)
        painter.end()

    def _paint_axes(self, painter: QPainter, scale: _Scale) -> None:
        """The two axes, the lowest and highest value, the first and last date."""
        palette, area = self.palette(), scale.area
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid)))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText)))
        for value in (scale.low, scale.high):
            y = scale.y(value)
            painter.drawText(
                QRectF(0, y - 8, _MARGIN_LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{value:g}",
            )
        bottom = QRectF(area.left(), area.bottom() + 2, area.width(), 16)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, self.points[0][0].isoformat())
        if len(self.points) > 1:
            painter.drawText(bottom, Qt.AlignmentFlag.AlignRight, self.points[-1][0].isoformat())

    def _paint_reference_lines(self, painter: QPainter, scale: _Scale) -> None:
        """The baseline and the target, dashed, each with its name."""
        area = scale.area
        for line_value, caption in (
            (self.baseline, self.tr("baseline")),
            (self.target, self.tr("target")),
        ):
            if line_value is None:
                continue
            dashed = QPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            dashed.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(dashed)
            y = scale.y(line_value)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(QPointF(area.left() + 4, y - 3), caption)

    def _paint_line(self, painter: QPainter, scale: _Scale) -> None:
        """The numbers themselves: a line through a dot for each."""
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        line = QPen(highlight)
        line.setWidthF(2.0)
        painter.setPen(line)
        corners = [scale.at(day, value) for day, value in self.points]
        for start, end in itertools.pairwise(corners):
            painter.drawLine(start, end)
        painter.setBrush(highlight)
        for corner in corners:
            painter.drawEllipse(corner, 3.5, 3.5)


@dataclass(frozen=True)
class _Scale:
    """Where a (date, value) falls in the plotting area: dates spaced by time."""

    area: QRectF
    first: date
    last: date
    low: float
    high: float
    count: int

    def y(self, value: float) -> float:
        return self.area.bottom() - self.area.height() * (
            (value - self.low) / (self.high - self.low)
        )

    def at(self, day: date, value: float) -> QPointF:
        if self.count == 1:
            return QPointF(self.area.center().x(), self.y(value))
        span = max(self.last.toordinal() - self.first.toordinal(), 1)
        along = (day.toordinal() - self.first.toordinal()) / span
        return QPointF(self.area.left() + self.area.width() * along, self.y(value))


def as_number(text: str) -> float | None:
    """A baseline or target written as a number ("12", "12.5", "12 girls"), else None."""
    first = text.strip().replace(",", ".").split(" ")[0] if text.strip() else ""
    try:
        return float(first)
    except ValueError:
        return None
