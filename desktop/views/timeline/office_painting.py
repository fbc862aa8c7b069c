"""How the office timeline is drawn: the phase bars, meeting ticks and the hatched strip of
a long gap between meetings, today's line, the fixed label column (name, days since the
last meeting, overdue badge) and the header of years and months.

Only the rows inside the viewport are painted, and in each row only the phases and
meetings inside it, so a thousand communities scroll as smoothly as ten.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from desktop.services.queries.timeline import (
    TODAY_COLOUR,
    DateAxis,
    day_count,
    period_starts,
)
from desktop.views.timeline.drawing import (
    draw_overdue_badge,
    marker_colour,
    month_text,
    overdue_brush,
    overdue_colour,
    phase_caption,
    phase_colour,
    phase_text_colour,
)
from desktop.views.timeline.office_layout import (
    HEADER,
    OfficeTimelineLayout,
    text_flags,
)


class OfficeTimelinePainting(OfficeTimelineLayout):
    """The laid-out timeline, painted; the header strip above it shares its axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._header = _Header(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        viewport = self.viewport().geometry()
        self._header.setGeometry(viewport.left(), viewport.top() - HEADER, viewport.width(), HEADER)

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), QColor("white"))
        axis = self.axis()
        area = self._area()
        first, last = axis.day_at(area.left()), axis.day_at(area.right())
        first, last = min(first, last), max(first, last)
        self._paint_grid(painter, axis, first, last)
        painter.setClipRect(area)
        for index in self.visible_rows():
            self._paint_row(painter, index, axis, first, last)
        painter.setClipping(False)
        self._paint_today(painter, axis)
        for index in self.visible_rows():
            self._paint_labels(painter, index)
        painter.end()
        self._header.update()

    def _paint_grid(self, painter: QPainter, axis: DateAxis, first: date, last: date) -> None:
        months = self._grid_months()
        height = self.viewport().height()
        for start in period_starts(first, last, months):
            x = axis.x(start)
            painter.setPen(QColor("#B0B0B0") if start.month == 1 else QColor("#ECECEC"))
            painter.drawLine(QPointF(x, 0), QPointF(x, height))

    def _grid_months(self) -> int:
        month_width = 30 * self.pixels_per_day
        return 1 if month_width >= 8 else 3 if month_width * 3 >= 8 else 12

    def _paint_row(
        self, painter: QPainter, index: int, axis: DateAxis, first: date, last: date
    ) -> None:
        row = self.rows[index]
        rect = self.row_rect(index)
        if index == self.current:
            painter.fillRect(rect, self.palette().highlight().color().lighter(185))
        elif index % 2:
            painter.fillRect(rect, QColor("#F7F9FB"))
        for phase in row.phases:
            if phase.start > last or (phase.end or self.today) < first:
                continue
            bar = self.phase_rect(index, phase)
            painter.setPen(QPen(phase_colour(phase.kind).darker(140), 1))
            painter.setBrush(phase_colour(phase.kind))
            painter.drawRect(bar)
            text = phase_caption(phase.kind, bar.width() - 6, QFontMetricsF(self._small))
            if text:
                painter.setFont(self._small)
                painter.setPen(phase_text_colour(phase.kind))
                painter.drawText(bar.adjusted(3, 0, -3, 0), text_flags(self), text)
        bottom = rect.bottom() - 2
        if row.gap_since is not None:
            left, right = axis.span(row.gap_since, self.today)
            painter.fillRect(QRectF(left, bottom - 4, right - left, 4), overdue_brush())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(marker_colour("meeting"))
        meetings = row.meetings
        for day in meetings[bisect_left(meetings, first) : bisect_right(meetings, last)]:
            x = (sum(axis.span(day, day))) / 2
            painter.drawPolygon(
                QPolygonF([QPointF(x, bottom - 5), QPointF(x + 3, bottom), QPointF(x - 3, bottom)])
            )
        if row.flags:
            x = sum(axis.span(self.today, self.today)) / 2
            offset = -9 if self.isRightToLeft() else 9
            draw_overdue_badge(painter, QPointF(x + offset, rect.center().y()), 12)

    def _paint_today(self, painter: QPainter, axis: DateAxis) -> None:
        x = sum(axis.span(self.today, self.today)) / 2
        area = self._area()
        if area.left() <= x <= area.right():
            painter.setPen(QPen(QColor(TODAY_COLOUR), 2))
            painter.drawLine(QPointF(x, 0), QPointF(x, self.viewport().height()))

    def _label_rects(self, row: QRectF) -> tuple[QRectF, QRectF, QRectF]:
        """Name, last-meeting and overdue cells of a row (mirrored right to left)."""
        width = self.viewport().width()
        cells, x = [], 0.0
        for cell_width in self.widths:
            left = width - x - cell_width if self.isRightToLeft() else x
            cells.append(QRectF(left + 6, row.top(), cell_width - 12, row.height()))
            x += cell_width
        return cells[0], cells[1], cells[2]

    def _paint_labels(self, painter: QPainter, index: int) -> None:
        row = self.rows[index]
        rect = self.row_rect(index)
        column = QRectF(
            self.viewport().width() - self.label_width if self.isRightToLeft() else 0,
            rect.top(),
            self.label_width,
            rect.height(),
        )
        highlight = self.palette().highlight().color().lighter(185)
        painter.fillRect(column, highlight if index == self.current else QColor("#FAFAFA"))
        painter.setPen(QColor("#DDDDDD"))
        painter.drawLine(column.bottomLeft(), column.bottomRight())
        name_cell, meeting_cell, overdue_cell = self._label_rects(rect)
        flags = text_flags(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().text().color())
        metrics = QFontMetricsF(self.font())
        name = metrics.elidedText(row.name, Qt.TextElideMode.ElideRight, name_cell.width())
        painter.drawText(name_cell, flags, name)
        days = row.days_since_meeting(self.today)
        gap = row.meeting_gap()
        painter.setFont(self._bold if gap else self.font())
        painter.setPen(overdue_colour() if gap else self.palette().text().color())
        text = "—" if days is None else day_count(days)
        painter.drawText(meeting_cell, flags, ("⚠ " if gap else "") + text)
        late = len(row.flags)  # how many reasons it needs attention (the tooltip says which)
        if late:
            badge_x = overdue_cell.right() - 6 if self.isRightToLeft() else overdue_cell.left() + 6
            draw_overdue_badge(painter, QPointF(badge_x, overdue_cell.center().y()), 13)
            painter.setFont(self._bold)
            painter.setPen(overdue_colour())
            painter.drawText(overdue_cell.adjusted(16, 0, -16, 0), flags, str(late))

    def paint_header(self, painter: QPainter) -> None:
        """The fixed header above the rows: column titles, years and months.

        It shares the viewport's x coordinates (same width, same left edge)."""
        axis = self.axis()
        area = self._area()
        first, last = sorted((axis.day_at(area.left()), axis.day_at(area.right())))
        painter.fillRect(QRect(0, 0, self.viewport().width(), HEADER), QColor("white"))
        painter.setPen(QColor("#B0B0B0"))
        painter.drawLine(0, HEADER - 1, self.viewport().width(), HEADER - 1)
        titles = self._label_rects(QRectF(0, 18, 0, HEADER - 18))
        painter.setFont(self._bold)
        painter.setPen(self.palette().text().color())
        for cell, title in zip(titles, self.column_titles(), strict=True):
            painter.drawText(cell, text_flags(self), title)
        painter.setClipRect(area.adjusted(0, 0, 0, HEADER - area.height()))
        painter.setFont(self._small)
        painter.setPen(QColor("#555555"))
        months = self._grid_months()
        month_width = 30 * self.pixels_per_day
        for start in period_starts(first, last, months):
            text = self._period_text(start, months, month_width)
            if text:
                painter.drawText(self._period_cell(axis, start, months, 24), text_flags(self), text)
        painter.setFont(self.font())
        for start in period_starts(first, last, 12):
            cell = self._period_cell(axis, start, 12, 4)
            painter.drawText(cell, text_flags(self), str(start.year))
        x = sum(axis.span(self.today, self.today)) / 2
        if area.left() <= x <= area.right():
            painter.setPen(QPen(QColor(TODAY_COLOUR), 2))
            painter.drawLine(QPointF(x, HEADER - 10), QPointF(x, HEADER))

    def _period_text(self, start: date, months: int, month_width: float) -> str:
        if months == 1 and month_width >= 30:
            return month_text(start, self.locale())
        if months <= 3 and start.month % 3 == 1 and month_width * 3 >= 26:
            return self.tr("Q%1").replace("%1", str((start.month - 1) // 3 + 1))
        return ""

    def _period_cell(self, axis: DateAxis, start: date, months: int, top: float) -> QRectF:
        total = start.month - 1 + months
        end = date(start.year + total // 12, total % 12 + 1, 1) - timedelta(days=1)
        left, right = axis.span(start, end)
        area = self._area()  # a period that began off screen keeps its label in view
        left, right = max(left, area.left()), min(right, area.right())
        return QRectF(left + 3, top, max(0.0, right - left - 6), 16)


class _Header(QWidget):
    """The strip above the viewport: painted by the view, so both use one axis."""

    def __init__(self, view: OfficeTimelinePainting) -> None:
        super().__init__(view)
        self._view = view

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._view.paint_header(painter)
        painter.end()
