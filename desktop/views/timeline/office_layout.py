"""The office timeline's rows laid out in time: which communities it shows, the date axis
at the chosen zoom, where each row, phase bar and label column falls, and the scroll bars.

Painting (``office_painting``), hit tests and key moves (``office_view``) and the tests
all ask these same rectangles, so what is drawn is what is clicked.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import accumulate

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from desktop.services.queries.timeline import (
    DateAxis,
    OfficePhase,
    OfficeRow,
    day_count,
)
from desktop.views.timeline.drawing import (
    Zoom,
    clamp_zoom,
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


class OfficeTimelineLayout(QAbstractScrollArea):
    """Rows of :class:`OfficeRow` on a date axis; ``zoom_changed`` when the scale changes."""

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

    def column_titles(self) -> tuple[str, str, str]:
        return (self.tr("Community"), self.tr("Last meeting"), self.tr("Attention"))

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
        self._update_scroll_bars()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._update_scroll_bars()
            self.viewport().update()


def row_height(row: OfficeRow) -> int:
    return ROW_PADDING + TRACK * max(1, min(row.tracks, MAX_TRACKS)) + 4


def text_flags(widget: QWidget) -> Qt.AlignmentFlag:
    side = Qt.AlignmentFlag.AlignRight if widget.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignVCenter
