"""Every community's phases over time, one row each, painted: only the visible part is drawn.

A fixed column names each community and answers two questions without reading the bars:
how long since its last meeting (a warning sign past 60 days) and how many actions or
follow-ups are overdue (a "!" badge). The bars show which phase each cycle is in; small
ticks under them are the meetings, and a hatched strip runs from the last meeting to today
when that gap is too long. Painting walks only the rows (and, per row, only the phases and
meetings) inside the viewport, so a thousand communities scroll as smoothly as ten.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import accumulate

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from desktop.labels import label
from desktop.services.queries.timeline import (
    MEETING_GAP_DAYS,
    TODAY_COLOUR,
    DateAxis,
    OfficePhase,
    OfficeRow,
    day_count,
    period_starts,
)
from desktop.views.timeline.drawing import (
    WHEEL_ZOOM_STEP,
    Zoom,
    clamp_zoom,
    day_text,
    draw_overdue_badge,
    key_zoom_factor,
    marker_colour,
    month_text,
    overdue_brush,
    overdue_colour,
    phase_caption,
    phase_colour,
    phase_text_colour,
)
from desktop.views.timeline.summary import office_summary

HEADER = 44
NAME_WIDTH = 220
MEETING_WIDTH = 92
OVERDUE_WIDTH = 70
CELL_PADDING = 14  # 6 px either side of the text, and a little air
TRACK = 13
MAX_TRACKS = 3
ROW_PADDING = 12
LEAD_DAYS, TRAIL_DAYS = 30, 60


class OfficeTimelineView(QAbstractScrollArea):
    """Rows of :class:`OfficeRow`; ``community_activated(id)`` on double-click or Enter."""

    community_activated = Signal(str)
    current_changed = Signal(int)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[OfficeRow] = ()
        self.today = date.today()
        self.pixels_per_day = Zoom.QUARTER.value
        self.current = -1
        self._tops: list[int] = [0]
        self._start = self._end = self.today
        self._small = QFont()
        self._small.setPointSizeF(max(6.5, self._small.pointSizeF() * 0.85))
        self._bold = QFont()
        self._bold.setBold(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(self.tr("Timeline of all communities"))
        self.widths = self._column_widths()
        self.label_width = sum(self.widths)
        self.setViewportMargins(0, HEADER, 0, 0)
        self._header = _Header(self)

    def column_titles(self) -> tuple[str, str, str]:
        return (self.tr("Community"), self.tr("Last meeting"), self.tr("Overdue"))

    def _column_widths(self) -> tuple[int, int, int]:
        """Each label column at least as wide as its bold title (and its widest cell text),
        measured in the font it is drawn in, so no translation or font size clips it."""
        bold = QFontMetricsF(self._bold)
        titles = self.column_titles()
        samples = ("", "⚠ " + day_count(999), "99")
        widths = []
        for minimum, title, sample in zip(
            (NAME_WIDTH, MEETING_WIDTH, OVERDUE_WIDTH), titles, samples, strict=True
        ):
            needed = max(bold.horizontalAdvance(title), bold.horizontalAdvance(sample))
            widths.append(max(minimum, int(needed + 0.999) + CELL_PADDING))
        widths[2] += 16  # the overdue badge beside the count
        return widths[0], widths[1], widths[2]

    # --- content ----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[OfficeRow], today: date) -> None:
        self.rows = rows
        self.today = today
        heights = [row_height(row) for row in rows]
        self._tops = [0, *accumulate(heights)]
        days = [today]
        for row in rows:
            days += [p.start for p in row.phases[:1]] + [p.end or today for p in row.phases[-1:]]
        self._start = min(days) - timedelta(days=LEAD_DAYS)
        self._end = max(days) + timedelta(days=TRAIL_DAYS)
        self.current = min(self.current, len(rows) - 1)
        self.setAccessibleDescription(office_summary(rows, today))
        self._update_scroll_bars()
        self.viewport().update()

    def set_pixels_per_day(self, pixels_per_day: float, anchor_x: float | None = None) -> None:
        value = clamp_zoom(pixels_per_day)
        x = anchor_x if anchor_x is not None else self._area().center().x()
        day = self.axis().day_at(x)
        self.pixels_per_day = value
        self._update_scroll_bars()
        self._scroll_day_to(day, x)
        self.viewport().update()
        self.zoom_changed.emit(value)

    def scroll_to_day(self, day: date, fraction: float = 0.75) -> None:
        """Bring ``day`` to ``fraction`` of the way along the time area (in reading order)."""
        area = self._area()
        along = fraction if not self.isRightToLeft() else 1 - fraction
        self._scroll_day_to(day, area.left() + along * area.width())

    def _scroll_day_to(self, day: date, x: float) -> None:
        bar = self.horizontalScrollBar()
        shift = self.axis().x(day) - x
        bar.setValue(bar.value() + round(-shift if self.isRightToLeft() else shift))

    # --- geometry (what painting, hit tests and tests share) --------------------------

    def axis(self) -> DateAxis:
        """The date axis in viewport coordinates, scrolled."""
        area = self._area()
        base = DateAxis(self._start, self._end, self.pixels_per_day, rtl=self.isRightToLeft())
        scroll = self.horizontalScrollBar().value()
        origin = area.right() - base.length + scroll if base.rtl else area.left() - scroll
        return DateAxis(self._start, self._end, self.pixels_per_day, origin, base.rtl)

    def _area(self) -> QRectF:
        """Where time is drawn: the viewport minus the label column."""
        width = self.viewport().width()
        height = self.viewport().height()
        if self.isRightToLeft():
            return QRectF(0, 0, max(0, width - self.label_width), height)
        return QRectF(self.label_width, 0, max(0, width - self.label_width), height)

    def row_rect(self, index: int) -> QRectF:
        top = self._tops[index] - self.verticalScrollBar().value()
        return QRectF(0, top, self.viewport().width(), self._tops[index + 1] - self._tops[index])

    def phase_rect(self, index: int, phase: OfficePhase) -> QRectF:
        row = self.row_rect(index)
        track = min(phase.track, MAX_TRACKS - 1)
        left, right = self.axis().span(phase.start, phase.end or max(self.today, phase.start))
        top = row.top() + ROW_PADDING / 2 + track * TRACK
        return QRectF(left, top + 1, max(2.0, right - left), TRACK - 2)

    def visible_rows(self) -> range:
        top = self.verticalScrollBar().value()
        first = max(0, bisect_right(self._tops, top) - 1)
        last = bisect_left(self._tops, top + self.viewport().height())
        return range(first, min(len(self.rows), last))

    def row_at(self, y: float) -> int | None:
        index = bisect_right(self._tops, y + self.verticalScrollBar().value()) - 1
        return index if 0 <= index < len(self.rows) else None

    def _update_scroll_bars(self) -> None:
        viewport = self.viewport()
        axis = DateAxis(self._start, self._end, self.pixels_per_day)
        horizontal = self.horizontalScrollBar()
        horizontal.setRange(0, max(0, int(axis.length - self._area().width())))
        horizontal.setPageStep(max(1, int(self._area().width())))
        horizontal.setSingleStep(20)
        vertical = self.verticalScrollBar()
        vertical.setRange(0, max(0, self._tops[-1] - viewport.height()))
        vertical.setPageStep(max(1, viewport.height()))
        vertical.setSingleStep(TRACK + ROW_PADDING)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        viewport = self.viewport().geometry()
        self._header.setGeometry(viewport.left(), viewport.top() - HEADER, viewport.width(), HEADER)
        self._update_scroll_bars()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._update_scroll_bars()
            self.viewport().update()

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
                painter.drawText(bar.adjusted(3, 0, -3, 0), _text_flags(self), text)
        bottom = rect.bottom() - 2
        if row.meeting_gap(self.today):
            since = row.last_meeting or (row.phases[0].start if row.phases else self.today)
            left, right = axis.span(since, self.today)
            painter.fillRect(QRectF(left, bottom - 4, right - left, 4), overdue_brush())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(marker_colour("meeting"))
        meetings = row.meetings
        for day in meetings[bisect_left(meetings, first) : bisect_right(meetings, last)]:
            x = (sum(axis.span(day, day))) / 2
            painter.drawPolygon(
                QPolygonF([QPointF(x, bottom - 5), QPointF(x + 3, bottom), QPointF(x - 3, bottom)])
            )
        if row.overdue_actions or row.overdue_follow_ups:
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
        flags = _text_flags(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().text().color())
        metrics = QFontMetricsF(self.font())
        name = metrics.elidedText(row.name, Qt.TextElideMode.ElideRight, name_cell.width())
        painter.drawText(name_cell, flags, name)
        days = row.days_since_meeting(self.today)
        gap = row.meeting_gap(self.today)
        painter.setFont(self._bold if gap else self.font())
        painter.setPen(overdue_colour() if gap else self.palette().text().color())
        text = "—" if days is None else day_count(days)
        painter.drawText(meeting_cell, flags, ("⚠ " if gap else "") + text)
        late = row.overdue_actions + row.overdue_follow_ups
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
            painter.drawText(cell, _text_flags(self), title)
        painter.setClipRect(area.adjusted(0, 0, 0, HEADER - area.height()))
        painter.setFont(self._small)
        painter.setPen(QColor("#555555"))
        months = self._grid_months()
        month_width = 30 * self.pixels_per_day
        for start in period_starts(first, last, months):
            text = self._period_text(start, months, month_width)
            if text:
                painter.drawText(
                    self._period_cell(axis, start, months, 24), _text_flags(self), text
                )
        painter.setFont(self.font())
        for start in period_starts(first, last, 12):
            cell = self._period_cell(axis, start, 12, 4)
            painter.drawText(cell, _text_flags(self), str(start.year))
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

    # --- interaction ------------------------------------------------------------------

    def set_current(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        self.current = index
        rect = self.row_rect(index)
        bar = self.verticalScrollBar()
        if rect.top() < 0:
            bar.setValue(self._tops[index])
        elif rect.bottom() > self.viewport().height():
            bar.setValue(self._tops[index + 1] - self.viewport().height())
        self.viewport().update()
        self.current_changed.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        page = max(1, len(self.visible_rows()) - 1)
        moves = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: page,
            Qt.Key.Key_PageUp: -page,
        }
        if key in moves:
            self.set_current(self.current + moves[key])
        elif key == Qt.Key.Key_Home:
            self.set_current(0)
        elif key == Qt.Key.Key_End:
            self.set_current(len(self.rows) - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and 0 <= self.current < len(self.rows):
            self.community_activated.emit(str(self.rows[self.current].community_id))
        elif (zoom := key_zoom_factor(key)) is not None:
            self.set_pixels_per_day(self.pixels_per_day * zoom)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(event.position().y())
        if index is not None:
            self.set_current(index)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(event.position().y())
        if index is not None:
            self.community_activated.emit(str(self.rows[index].community_id))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                anchor = event.position().x()
                self.set_pixels_per_day(self.pixels_per_day * WHEEL_ZOOM_STEP**steps, anchor)
            event.accept()
            return
        super().wheelEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()
        self._header.update()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPointF) -> str:
        index = self.row_at(point.y())
        if index is None:
            return ""
        row = self.rows[index]
        if self._area().contains(point):
            for phase in row.phases:
                if self.phase_rect(index, phase).contains(point):
                    until = day_text(phase.end) if phase.end else self.tr("still running")
                    return (
                        self.tr("%1 — %2 (cycle %3)\nfrom %4 to %5")
                        .replace("%1", row.name)
                        .replace("%2", label(phase.kind))
                        .replace("%3", str(phase.cycle_number))
                        .replace("%4", day_text(phase.start))
                        .replace("%5", until)
                    )
        return self.row_summary(row)

    def row_summary(self, row: OfficeRow) -> str:
        lines = [f"{row.name} ({row.district})" if row.district else row.name]
        if row.last_meeting is None:
            lines.append(self.tr("No meeting recorded"))
        else:
            days = row.days_since_meeting(self.today) or 0
            lines.append(
                self.tr("Last meeting %1 (%2 ago)")
                .replace("%1", day_text(row.last_meeting))
                .replace("%2", day_count(days))
            )
        if row.meeting_gap(self.today):
            lines.append(
                self.tr("No meeting in the last %1").replace("%1", day_count(MEETING_GAP_DAYS))
            )
        if row.overdue_actions:
            lines.append(self.tr("Overdue actions: %1").replace("%1", str(row.overdue_actions)))
        if row.overdue_follow_ups:
            lines.append(
                self.tr("Overdue follow-ups: %1").replace("%1", str(row.overdue_follow_ups))
            )
        return "\n".join(lines)


class _Header(QWidget):
    """The strip above the viewport: painted by the view, so both use one axis."""

    def __init__(self, view: OfficeTimelineView) -> None:
        super().__init__(view)
        self._view = view

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._view.paint_header(painter)
        painter.end()


def row_height(row: OfficeRow) -> int:
    return ROW_PADDING + TRACK * max(1, min(row.tracks, MAX_TRACKS)) + 4


def _text_flags(widget: QWidget) -> Qt.AlignmentFlag:
    side = Qt.AlignmentFlag.AlignRight if widget.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignVCenter
