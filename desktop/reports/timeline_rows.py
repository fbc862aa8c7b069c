"""What a printed timeline holds, row by row: a community's cycles (phases, records,
actions) or the office's communities (phases, meetings, what is late) turned into plain
printed rows of bars and marks, before any page is drawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.i18n import _, ngettext
from desktop.labels import label
from desktop.services.queries.timeline import (
    ACTION_COLOURS,
    FALLBACK_COLOUR,
    PHASE_COLOURS,
    CommunityTimeline,
    OfficeTimeline,
    day_count,
)

ROW = 13.0
HEADING = 15.0


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
        notes = [_("no meeting yet") if days is None else day_count(days)]
        if row.flags:  # the reasons in words follow the timeline, in a table
            count = len(row.flags)
            notes.append(ngettext("{n} reason", "{n} reasons", count).format(n=count))
        note = " · ".join(notes)
        rows.append(
            Row(row.name, bars, marks, lines, note, gap_since=row.gap_since,
                warning=bool(row.flags))
        )  # fmt: skip
    return rows


def _phase(kind: str) -> str:
    return PHASE_COLOURS.get(kind, FALLBACK_COLOUR)
