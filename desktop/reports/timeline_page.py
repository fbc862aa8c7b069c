"""One landscape page of a printed timeline: title, months across, the rows, the today
line and the legend, for one window of whole months. Dates sit where the screen puts
them: both place them with the same :class:`DateAxis`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desktop.i18n import _
from desktop.reports.bidi_text import draw_line, line_width
from desktop.reports.fonts import SANS, SANS_BOLD
from desktop.reports.page_identity import draw_line_text as _draw_line_text
from desktop.reports.styles import right_to_left
from desktop.reports.timeline_drawing import badge, bar_text, fit_text, hatch, legend, record_mark
from desktop.reports.timeline_rows import ROW, Bar, Row
from desktop.services.queries.timeline import (
    OVERDUE_COLOUR,
    TODAY_COLOUR,
    DateAxis,
    period_starts,
    text_colour_on,
)

LABEL_WIDTH = 150.0
NOTE_WIDTH = 90.0
HEADER = 30.0
LEGEND = 46.0


def month_windows(first: date, last: date, months: int) -> list[tuple[date, date]]:
    """first..last cut into windows of whole months, ``months`` long at most, as even as can be."""
    starts = period_starts(first, last, 1)
    pages = -(-len(starts) // months)
    months = -(-len(starts) // pages)
    windows = []
    for index in range(0, len(starts), months):
        begin = starts[index]
        following = starts[index + months] if index + months < len(starts) else None
        end = following - timedelta(days=1) if following else _month_end(starts[-1])
        windows.append((begin, end))
    return windows


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


class TimelinePage(Flowable):  # type: ignore[misc]
    """One page of a timeline: title, month header, rows, today line and legend."""

    def __init__(
        self,
        title: str,
        subtitle: str,
        rows: Sequence[Row],
        window: tuple[date, date],
        today: date,
        size: tuple[float, float],
        office: bool,
    ) -> None:
        super().__init__()
        self.title, self.subtitle, self.rows = title, subtitle, list(rows)
        self.window, self.today, self.office = window, today, office
        self.width, self.height = size
        # on a right-to-left page time runs from the right and the names stand on the right
        self.rtl = right_to_left()

    def _at(self, x: float, anchor: str = "start") -> tuple[float, str]:
        """A text's place measured from the reading side, and its anchor, on the page."""
        if not self.rtl:
            return x, anchor
        return self.width - x, {"start": "end", "end": "start"}.get(anchor, anchor)

    def _text(
        self,
        c: Canvas,
        x: float,
        y: float,
        words: str,
        font: str,
        size: float,
        anchor: str = "start",
    ) -> float:
        at, side = self._at(x, anchor)
        return draw_line(c, at, y, words, font, size, side)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c: Canvas = self.canv
        top = self.height
        start = self.width if self.rtl else 0
        _draw_line_text(c, self.title, SANS_BOLD, 12, start, top - 12, right=self.rtl)
        c.setFillColor(colors.HexColor("#52606d"))
        self._text(c, 0, top - 25, self.subtitle, SANS, 8.5)
        chart_left = NOTE_WIDTH if self.rtl else LABEL_WIDTH
        chart_width = self.width - LABEL_WIDTH - NOTE_WIDTH
        first, last = self.window
        days = (last - first).days + 1
        axis = DateAxis(first, last, chart_width / days, origin=chart_left, rtl=self.rtl)
        y = top - 34 - HEADER
        self._header(c, axis, y)
        bottom = LEGEND + 6
        for row in self.rows:
            y = self._row(c, axis, row, y)
        self._grid_and_today(c, axis, top - 34 - HEADER, y)
        legend(c, self.width, bottom - 6, self.office)

    def _header(self, c: Canvas, axis: DateAxis, y: float) -> None:
        first, last = self.window
        c.setFont(SANS, 7)
        c.setFillColor(colors.HexColor("#52606d"))
        months = period_starts(first, last, 1)
        for start in months:
            left, right = axis.span(max(start, first), min(_month_end(start), last))
            c.drawCentredString((left + right) / 2, y + 4, start.strftime("%m"))
            if start.month == 1 or start == months[0]:
                c.setFont(SANS_BOLD, 8)
                year_x = right - 1 if self.rtl else left + 1  # where the year begins
                draw_line(
                    c, year_x, y + 16, str(start.year), SANS_BOLD, 8, "end" if self.rtl else "start"
                )
                c.setFont(SANS, 7)
        first_column = _("Community") if self.office else _("Cycle")
        self._text(c, 0, y + 4, first_column, SANS_BOLD, 7.5)
        last_column = _("Last meeting") if self.office else _("Overdue")
        self._text(c, self.width, y + 4, last_column, SANS_BOLD, 7.5, "end")

    def _grid_and_today(self, c: Canvas, axis: DateAxis, top: float, bottom: float) -> None:
        c.setLineWidth(0.3)
        for start in period_starts(self.window[0], self.window[1], 1):
            x = axis.x(start)
            c.setStrokeColor(colors.HexColor("#9aa5b1" if start.month == 1 else "#d5dadf"))
            c.line(x, bottom, x, top + 12)
        c.setStrokeColor(colors.HexColor("#9aa5b1"))
        c.line(axis.origin, top, axis.origin + axis.length, top)
        if self.window[0] <= self.today <= self.window[1]:
            x = sum(axis.span(self.today, self.today)) / 2
            c.setStrokeColor(colors.HexColor(TODAY_COLOUR))
            c.setLineWidth(1.2)
            c.line(x, bottom, x, top + 12)
            c.setFillColor(colors.HexColor(TODAY_COLOUR))
            if self.rtl:
                draw_line(c, x - 2, top + 14, _("Today"), SANS_BOLD, 7, "end")
            else:
                draw_line(c, x + 2, top + 14, _("Today"), SANS_BOLD, 7)

    def _row(self, c: Canvas, axis: DateAxis, row: Row, top: float) -> float:
        bottom = top - row.height
        if row.heading:
            start = self.width if self.rtl else 0
            _draw_line_text(c, row.text, SANS_BOLD, 8.5, start, bottom + 4, right=self.rtl)
            return bottom
        c.setStrokeColor(colors.HexColor("#e4e7eb"))
        c.setLineWidth(0.4)
        c.line(0, bottom, self.width, bottom)
        name = fit_text(c, row.text, LABEL_WIDTH - 6, 7.5)
        start = self.width if self.rtl else 0
        _draw_line_text(c, name, SANS, 7.5, start, bottom + 5, right=self.rtl)
        if row.note:
            font = SANS_BOLD if row.warning else SANS
            c.setFillColor(colors.HexColor(OVERDUE_COLOUR if row.warning else "#1f2933"))
            wide = self._text(c, self.width, bottom + 5, row.note, font, 7, "end")
            if row.warning:  # the attention mark before the words
                mark_x, _side = self._at(self.width - wide - 6)
                badge(c, mark_x, bottom + 7.5)
        first, last = self.window
        if row.gap_since is not None and row.gap_since <= last:
            left, right = axis.span(max(row.gap_since, first), min(self.today, last))
            hatch(c, left, bottom + 1, right - left, 3)
        for bar in row.bars:
            if bar.last < first or bar.first > last:
                continue
            left, right = axis.span(max(bar.first, first), min(bar.last, last))
            y = top - 2 - (bar.line + 1) * ROW + 2
            self._bar(c, bar, left, y, max(1.5, right - left), ROW - 3, axis)
        for mark in row.marks:
            if first <= mark.on <= last:
                x = sum(axis.span(mark.on, mark.on)) / 2
                y = top - 2 - (mark.line + 1) * ROW + ROW / 2
                record_mark(c, mark.entity, x, y if not self.office else bottom + 3, mark.overdue)
        return bottom

    def _bar(
        self, c: Canvas, bar: Bar, x: float, y: float, w: float, h: float, axis: DateAxis
    ) -> None:
        c.setFillColor(colors.HexColor(bar.fill))
        c.setStrokeColor(colors.HexColor(OVERDUE_COLOUR if bar.overdue else "#52606d"))
        c.setLineWidth(1.0 if bar.overdue else 0.4)
        c.setDash(2, 1.5) if bar.overdue else c.setDash()
        c.rect(x, y, w, h, fill=1, stroke=1)
        c.setDash()
        if bar.hatched:
            hatch(c, x, y, w, h, "#7b8794")
        if bar.overdue and bar.last < self.today:
            late_to = min(self.today, self.window[1])
            if bar.last < late_to:
                left, right = axis.span(bar.last + timedelta(days=1), late_to)
                hatch(c, left, y + 2, right - left, h - 4)
            badge(c, x if self.rtl else x + w, y + h / 2)  # at the bar's end in time
        if bar.text and w > 30:
            shown = fit_text(c, ("! " if bar.overdue else "") + bar.text, w - 4, 6.5)
            start = x + w - 2 - line_width(shown, SANS, 6.5) if self.rtl else x + 2
            bar_text(c, shown, start, y + 2.5, text_colour_on(bar.fill))
