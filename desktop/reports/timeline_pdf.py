"""Timelines on paper: a community's cycles, or a district's communities, as a vector PDF.

Landscape pages with the office's page decoration. A long period is split into windows
of whole months (one window per page across), and many rows are split down the pages;
every page repeats the months, the today line and the legend, so any page read alone
makes sense. The screen and the paper place dates with the same :class:`DateAxis`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from desktop.i18n import _
from desktop.labels import label, marker_labels
from desktop.reports.bidi_text import BidiText, has_rtl
from desktop.reports.document import (
    FOOTER,
    MARGIN,
    Cancelled,
    Progress,
    _draw_line_text,
    page_size,
    render_pdf,
)
from desktop.reports.document import HEADER as PAGE_HEADER
from desktop.reports.fonts import SANS, SANS_BOLD
from desktop.reports.job import ReportJob, decoration_for
from desktop.reports.options import Paper
from desktop.reports.styles import STYLES
from desktop.services.facade import Services
from desktop.services.queries.timeline import (
    ACTION_COLOURS,
    FALLBACK_COLOUR,
    MARKER_COLOURS,
    MARKER_ENTITIES,
    OVERDUE_COLOUR,
    PHASE_COLOURS,
    TODAY_COLOUR,
    CommunityTimeline,
    DateAxis,
    OfficeTimeline,
    day_count,
    period_starts,
    text_colour_on,
)

TIMELINE_REPORT_ID = "TL-1"
TIMELINE_REPORT_VERSION = "1"
LABEL_WIDTH = 150.0
NOTE_WIDTH = 70.0
ROW = 13.0
HEADING = 15.0
HEADER = 30.0
LEGEND = 46.0
#: Whole months across one page, by paper width (more on wider paper).
MONTHS_PER_PAGE = {"a4": 12, "letter": 12, "a3": 18}


@dataclass(frozen=True)
class Bar:
    first: date
    last: date
    fill: str
    text: str = ""
    overdue: bool = False
    hatched: bool = False
    line: int = 0  # sub-line of the row


@dataclass(frozen=True)
class Mark:
    on: date
    entity: str
    overdue: bool = False
    line: int = 0


@dataclass(frozen=True)
class Row:
    """One printed row: a label, bars and marks over ``lines`` sub-lines, a note at the end."""

    text: str
    bars: tuple[Bar, ...] = ()
    marks: tuple[Mark, ...] = ()
    lines: int = 1
    note: str = ""
    heading: bool = False
    gap_since: date | None = None  # hatched from here to today: no meeting for too long
    warning: bool = False  # the note reports something late

    @property
    def height(self) -> float:
        return HEADING if self.heading else ROW * self.lines + 4


# --- turning timelines into rows ------------------------------------------------------------


def community_rows(timeline: CommunityTimeline) -> list[Row]:
    today = timeline.today
    rows: list[Row] = []
    for lane in timeline.lanes:
        title = " · ".join(
            part for part in (_("Cycle {n}").format(n=lane.number), lane.title, label(lane.status))
            if part
        )  # fmt: skip
        rows.append(Row(title, heading=True))
        phases = tuple(
            Bar(p.start, p.end or max(today, p.start), _phase(p.kind), label(p.kind), line=p.row)
            for p in lane.phases
        )
        rows.append(Row(_("Phases"), bars=phases, lines=lane.phase_rows))
        marks = tuple(Mark(m.on, m.entity, m.overdue) for m in lane.markers)
        rows.append(Row(_("Meetings and records"), marks=marks))
        for line in range(lane.action_rows):
            bars = tuple(
                Bar(a.start, a.end, ACTION_COLOURS.get(a.status, FALLBACK_COLOUR), a.what,
                    overdue=a.overdue, hatched=a.status == "dropped")
                for a in lane.actions if a.row == line
            )  # fmt: skip
            late = sum(b.overdue for b in bars)
            note = _("{count} overdue").format(count=late) if late else ""
            rows.append(
                Row(_("Actions") if line == 0 else "", bars=bars, note=note, warning=late > 0)
            )
    return rows


def office_rows(office: OfficeTimeline) -> list[Row]:
    rows = []
    for row in office.rows:
        lines = max(1, min(row.tracks, 3))
        bars = tuple(
            Bar(p.start, p.end or max(office.today, p.start), _phase(p.kind), label(p.kind),
                line=min(p.track, lines - 1))
            for p in row.phases
        )  # fmt: skip
        marks = tuple(Mark(day, "meeting", line=lines - 1) for day in row.meetings)
        days = row.days_since_meeting(office.today)
        gap = row.meeting_gap(office.today)
        notes = [_("no meeting yet") if days is None else day_count(days)]
        late = row.overdue_actions + row.overdue_follow_ups
        if late:
            notes.append(_("! {count} overdue").format(count=late))
        since = row.last_meeting or (row.phases[0].start if row.phases else None)
        note = ("! " if gap else "") + " · ".join(notes)
        rows.append(
            Row(row.name, bars, marks, lines, note, gap_since=since if gap else None,
                warning=gap or late > 0)
        )  # fmt: skip
    return rows


def _phase(kind: str) -> str:
    return PHASE_COLOURS.get(kind, FALLBACK_COLOUR)


# --- pages ----------------------------------------------------------------------------------


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

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c: Canvas = self.canv
        top = self.height
        _draw_line_text(c, self.title, SANS_BOLD, 12, 0, top - 12)
        c.setFont(SANS, 8.5)
        c.setFillColor(colors.HexColor("#52606d"))
        c.drawString(0, top - 25, self.subtitle)
        chart_left = LABEL_WIDTH
        chart_width = self.width - LABEL_WIDTH - NOTE_WIDTH
        first, last = self.window
        days = (last - first).days + 1
        axis = DateAxis(first, last, chart_width / days, origin=chart_left)
        y = top - 34 - HEADER
        self._header(c, axis, y)
        bottom = LEGEND + 6
        for row in self.rows:
            y = self._row(c, axis, row, y)
        self._grid_and_today(c, axis, top - 34 - HEADER, y)
        _legend(c, self.width, bottom - 6, self.office)

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
                c.drawString(left + 1, y + 16, str(start.year))
                c.setFont(SANS, 7)
        c.setFont(SANS_BOLD, 7.5)
        c.drawString(0, y + 4, _("Community") if self.office else _("Cycle"))
        c.drawRightString(self.width, y + 4, _("Last meeting") if self.office else _("Overdue"))

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
            c.setFont(SANS_BOLD, 7)
            c.drawString(x + 2, top + 14, _("Today"))

    def _row(self, c: Canvas, axis: DateAxis, row: Row, top: float) -> float:
        bottom = top - row.height
        if row.heading:
            _draw_line_text(c, row.text, SANS_BOLD, 8.5, 0, bottom + 4)
            return bottom
        c.setStrokeColor(colors.HexColor("#e4e7eb"))
        c.setLineWidth(0.4)
        c.line(0, bottom, self.width, bottom)
        _draw_line_text(c, _fit(c, row.text, LABEL_WIDTH - 6, 7.5), SANS, 7.5, 0, bottom + 5)
        if row.note:
            c.setFont(SANS_BOLD if row.warning else SANS, 7)
            c.setFillColor(colors.HexColor(OVERDUE_COLOUR if row.warning else "#1f2933"))
            c.drawRightString(self.width, bottom + 5, row.note)
        first, last = self.window
        if row.gap_since is not None and row.gap_since <= last:
            left, right = axis.span(max(row.gap_since, first), min(self.today, last))
            _hatch(c, left, bottom + 1, right - left, 3)
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
                _mark(c, mark.entity, x, y if not self.office else bottom + 3, mark.overdue)
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
            _hatch(c, x, y, w, h, "#7b8794")
        if bar.overdue and bar.last < self.today:
            late_to = min(self.today, self.window[1])
            if bar.last < late_to:
                left, right = axis.span(bar.last + timedelta(days=1), late_to)
                _hatch(c, left, y + 2, right - left, h - 4)
            _badge(c, x + w, y + h / 2)
        if bar.text and w > 30:
            shown = _fit(c, ("! " if bar.overdue else "") + bar.text, w - 4, 6.5)
            _text(c, shown, x + 2, y + 2.5, text_colour_on(bar.fill))


def _text(c: Canvas, value: str, x: float, y: float, colour: str) -> None:
    """Small text in a bar; Arabic script goes through the shared shaping helper."""
    c.setFillColor(colors.HexColor(colour))
    if has_rtl(value):
        style = STYLES.cell.clone(
            "bar", fontName=SANS, fontSize=6.5, leading=6.5, textColor=colors.HexColor(colour)
        )
        line = BidiText(value, style)
        line.wrap(line.natural_width() + 1, 13)
        line.drawOn(c, x, y - (line.height - 6.5))
        return
    c.setFont(SANS, 6.5)
    c.drawString(x, y, value)


def _fit(c: Canvas, value: str, width: float, size: float) -> str:
    """``value`` cut with an ellipsis to fit ``width`` points."""
    if c.stringWidth(value, SANS, size) <= width:
        return value
    while value and c.stringWidth(value + "…", SANS, size) > width:
        value = value[:-1]
    return value + "…" if value else ""


def _hatch(c: Canvas, x: float, y: float, w: float, h: float, colour: str = OVERDUE_COLOUR) -> None:
    if w <= 0:
        return
    c.saveState()
    path = c.beginPath()
    path.rect(x, y, w, h)
    c.clipPath(path, stroke=0, fill=0)
    c.setStrokeColor(colors.HexColor(colour))
    c.setLineWidth(0.5)
    step = 3.0
    offset = -h
    while offset < w:
        c.line(x + offset, y, x + offset + h, y + h)
        offset += step
    c.restoreState()


def _badge(c: Canvas, x: float, y: float) -> None:
    c.setFillColor(colors.HexColor(OVERDUE_COLOUR))
    c.setStrokeColor(colors.white)
    c.circle(x, y, 4, fill=1, stroke=1)
    c.setFillColor(colors.white)
    c.setFont(SANS_BOLD, 6.5)
    c.drawCentredString(x, y - 2.3, "!")


def _mark(c: Canvas, entity: str, x: float, y: float, overdue: bool) -> None:
    c.setFillColor(colors.HexColor(MARKER_COLOURS.get(entity, FALLBACK_COLOUR)))
    c.setStrokeColor(colors.white)
    c.setLineWidth(0.4)
    r = 3.2
    if entity == "meeting":
        c.circle(x, y, r, fill=1, stroke=1)
    elif entity == "review":
        c.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, fill=1, stroke=1)
    else:
        points = {
            "observation": [(0, r), (r, 0), (0, -r), (-r, 0)],
            "reflection": [(0, r), (r, -r), (-r, -r)],
        }.get(entity, [(-r, r), (r, r * 0.45), (-r, -r * 0.1)])  # a follow-up's pennant
        path = c.beginPath()
        path.moveTo(x + points[0][0], y + points[0][1])
        for px, py in points[1:]:
            path.lineTo(x + px, y + py)
        path.close()
        c.drawPath(path, fill=1, stroke=1)
    if overdue:
        _badge(c, x + 6, y + 3)


def _legend(c: Canvas, width: float, top: float, office: bool) -> None:
    entries: list[tuple[str, str]] = [("phase:" + kind, label(kind)) for kind in PHASE_COLOURS]
    if office:
        entries += [("mark:meeting", _("Meeting")), ("gap", _("No meeting for over 60 days"))]
        entries.append(("badge", _("Overdue actions or follow-ups")))
    else:
        entries += [
            ("action:" + s, _("Action: {status}").format(status=label(s))) for s in ACTION_COLOURS
        ]
        entries += [("overdue", _("Overdue action"))]
        names = marker_labels()
        entries += [("mark:" + e, names[e]) for e in MARKER_ENTITIES]
        entries.append(("badge", _("Overdue follow-up")))
    entries.append(("today", _("Today")))
    c.setFont(SANS_BOLD, 7.5)
    c.setFillColor(colors.HexColor("#1f2933"))
    c.drawString(0, top - 8, _("Legend"))
    columns = 6
    cell = width / columns
    for index, (key, text) in enumerate(entries):
        row, column = divmod(index, columns)
        x, y = column * cell, top - 20 - row * 11
        kind, _sep, code = key.partition(":")
        if kind == "phase":
            c.setFillColor(colors.HexColor(PHASE_COLOURS[code]))
            c.rect(x, y - 1, 16, 7, fill=1, stroke=0)
        elif kind == "action":
            c.setFillColor(colors.HexColor(ACTION_COLOURS[code]))
            c.setStrokeColor(colors.HexColor("#52606d"))
            c.rect(x, y - 1, 16, 7, fill=1, stroke=1)
            if code == "dropped":
                _hatch(c, x, y - 1, 16, 7, "#7b8794")
        elif kind == "overdue":
            c.setFillColor(colors.HexColor(ACTION_COLOURS["under_way"]))
            c.setStrokeColor(colors.HexColor(OVERDUE_COLOUR))
            c.setDash(2, 1.5)
            c.rect(x, y - 1, 10, 7, fill=1, stroke=1)
            c.setDash()
            _hatch(c, x + 10, y, 8, 5)
        elif kind == "mark":
            _mark(c, code, x + 8, y + 2.5, False)
        elif kind == "gap":
            _hatch(c, x, y, 16, 4)
        elif kind == "badge":
            _badge(c, x + 8, y + 2.5)
        else:
            c.setStrokeColor(colors.HexColor(TODAY_COLOUR))
            c.setLineWidth(1.2)
            c.line(x + 8, y - 2, x + 8, y + 7)
        c.setFillColor(colors.HexColor("#1f2933"))
        c.setFont(SANS, 7)
        c.drawString(x + 20, y, text)


# --- documents ------------------------------------------------------------------------------


def timeline_story(
    title: str,
    rows: Sequence[Row],
    period: tuple[date, date],
    today: date,
    frame: tuple[float, float],
    months_per_page: int,
    office: bool,
) -> list[Flowable]:
    """The pages: each window of months across, each slice of rows down."""
    width, height = frame
    room = height - 34 - HEADER - LEGEND - 40
    slices: list[list[Row]] = [[]]
    used = 0.0
    for row in rows:
        if slices[-1] and used + row.height > room:
            slices.append([])
            used = 0.0
        slices[-1].append(row)
        used += row.height
    story: list[Flowable] = []
    windows = month_windows(period[0], period[1], months_per_page)
    for window in windows:
        for part, chunk in enumerate(slices, start=1):
            subtitle = _("{first} to {last} · rows part {part} of {parts}").format(
                first=window[0].isoformat(),
                last=window[1].isoformat(),
                part=part,
                parts=len(slices),
            )
            if story:
                story.append(PageBreak())
            story.append(
                TimelinePage(title, subtitle, chunk, window, today, (width, height - 2), office)
            )
    return story


def timeline_job(
    services: Services,
    *,
    title: str,
    rows: Sequence[Row],
    period: tuple[date, date],
    today: date,
    paper: Paper | str,
    office: bool,
) -> ReportJob:
    """A job writing the timeline pages (for the CLI and the timeline screen alike)."""
    size = page_size(paper, wide=True)
    frame = (size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - PAGE_HEADER - FOOTER)
    months = MONTHS_PER_PAGE.get(str(paper), 12)

    def write(out: BinaryIO, progress: Progress | None, cancelled: Cancelled | None) -> None:
        story = timeline_story(title, rows, period, today, frame, months, office)
        decoration = decoration_for(services, TIMELINE_REPORT_ID, TIMELINE_REPORT_VERSION, title)
        render_pdf(
            story, decoration, out, paper=paper, wide=True, progress=progress, cancelled=cancelled
        )

    return ReportJob(title, write, services, subject=title)


def community_timeline_job(
    services: Services,
    timeline: CommunityTimeline,
    *,
    paper: Paper | str = Paper.A4,
    period: tuple[date, date] | None = None,
) -> ReportJob:
    """A community's timeline; ``period`` defaults to everything it holds."""
    title = _("Timeline: {name}").format(name=timeline.name)
    if timeline.district:
        title += f" ({timeline.district})"
    return timeline_job(
        services,
        title=title,
        rows=community_rows(timeline),
        period=period or timeline.span(),
        today=timeline.today,
        paper=paper,
        office=False,
    )


def office_timeline_job(
    services: Services,
    office: OfficeTimeline,
    *,
    title: str,
    paper: Paper | str = Paper.A4,
    period: tuple[date, date] | None = None,
) -> ReportJob:
    """Every community of ``office`` (one row each), e.g. all of a district."""
    return timeline_job(
        services,
        title=title,
        rows=office_rows(office),
        period=period or office.span(),
        today=office.today,
        paper=paper,
        office=True,
    )
