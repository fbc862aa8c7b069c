"""What the timelines show: one community's cycles over time, and every community's phases.

Plain, immutable values for the timeline screens and the timeline PDF. Each timeline is
read with a handful of queries whatever the number of communities or cycles (never one
query per community or per cycle), so the office timeline of 1,000 communities loads in
one go. The date axis (where a date sits on the page) lives here too, so the screen and
the PDF place things the same way.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func, select

from desktop.models import (
    Action,
    Community,
    Cycle,
    FollowUp,
    Indicator,
    Meeting,
    MentorReview,
    Observation,
    Phase,
    Reflection,
)
from desktop.models.enums import ActionStatus, FollowUpStatus
from desktop.services.community_list import CommunityQuery, _filters
from desktop.services.text import fold
from desktop.storage import Database

#: A community whose last meeting is older than this many days is marked on the office timeline.
MEETING_GAP_DAYS = 60
OPEN_ACTION_STATUSES = (ActionStatus.PLANNED.value, ActionStatus.UNDER_WAY.value)
#: Marker kinds, in the order the legend lists them.
MARKER_ENTITIES = ("meeting", "observation", "reflection", "review", "follow_up")

#: Fill colours shared by the screen and the PDF (colour-blind-safe tones; shapes, patterns
#: and words carry the same meaning, so nothing relies on colour alone).
PHASE_COLOURS = {
    "relationship_building": "#C9B79C",
    "learning": "#86B6E0",
    "feedback": "#B9A3DC",
    "planning": "#F0C24B",
    "action": "#5FAF8A",
    "review": "#E48A73",
}
ACTION_COLOURS = {
    "planned": "#DCE8F5",
    "under_way": "#2F6DB0",
    "done": "#55606B",
    "dropped": "#D5D5D5",
}
MARKER_COLOURS = {
    "meeting": "#1F4E79",
    "observation": "#2E7D32",
    "reflection": "#6A1B9A",
    "review": "#8D5524",
    "follow_up": "#37474F",
}
OVERDUE_COLOUR = "#C62828"
TODAY_COLOUR = "#D81B60"
FALLBACK_COLOUR = "#BDBDBD"


# --- what a community's timeline holds ----------------------------------------------------


@dataclass(frozen=True)
class PhaseBar:
    id: uuid.UUID
    kind: str
    start: date
    end: date | None  # last day, inclusive; None while it runs on
    row: int  # sub-row inside the cycle's lane, so phases that overlap never cover each other


@dataclass(frozen=True)
class ActionBar:
    id: uuid.UUID
    what: str
    status: str
    start: date  # the planned start, else the due date, else the cycle's start
    due: date | None
    completed_on: date | None
    overdue: bool
    row: int

    @property
    def end(self) -> date:
        """The last day the bar covers: completion, else the due date, else its start."""
        return self.completed_on or self.due or self.start


@dataclass(frozen=True)
class Marker:
    """A dated record drawn as a symbol: a meeting, observation, reflection, review or follow-up."""

    entity: str  # one of MARKER_ENTITIES
    id: uuid.UUID
    on: date
    kind: str  # the record's own code (a meeting kind, a follow-up status ...)
    text: str  # a short description for the tooltip
    overdue: bool = False


@dataclass(frozen=True)
class CycleLane:
    id: uuid.UUID
    number: int
    title: str
    status: str
    start: date
    end: date | None
    phases: tuple[PhaseBar, ...]
    actions: tuple[ActionBar, ...]
    markers: tuple[Marker, ...]
    phase_rows: int
    action_rows: int


@dataclass(frozen=True)
class CommunityTimeline:
    community_id: uuid.UUID
    name: str
    district: str
    today: date
    lanes: tuple[CycleLane, ...]

    @property
    def overdue_actions(self) -> int:
        return sum(bar.overdue for lane in self.lanes for bar in lane.actions)

    @property
    def overdue_follow_ups(self) -> int:
        return sum(m.overdue for lane in self.lanes for m in lane.markers)

    def span(self) -> tuple[date, date]:
        """The first and last day anything is drawn (today always included)."""
        days = [self.today]
        for lane in self.lanes:
            days += [lane.start, lane.end or self.today]
            days += [p.end or self.today for p in lane.phases] + [a.end for a in lane.actions]
            days += [m.on for m in lane.markers]
        return min(days), max(days)


# --- what the office timeline holds -------------------------------------------------------


@dataclass(frozen=True)
class OfficePhase:
    kind: str
    start: date
    end: date | None
    cycle_number: int
    track: int  # overlapping cycles of one community get their own track in its row


@dataclass(frozen=True)
class OfficeRow:
    community_id: uuid.UUID
    name: str
    district: str
    partnership_status: str
    phases: tuple[OfficePhase, ...]
    tracks: int
    meetings: tuple[date, ...]  # in date order
    overdue_actions: int
    overdue_follow_ups: int

    @property
    def last_meeting(self) -> date | None:
        return self.meetings[-1] if self.meetings else None

    def days_since_meeting(self, today: date) -> int | None:
        last = self.last_meeting
        return None if last is None else (today - last).days

    def meeting_gap(self, today: date) -> bool:
        """No meeting in the last MEETING_GAP_DAYS days (or never) while in a cycle."""
        days = self.days_since_meeting(today)
        return bool(self.phases) and (days is None or days > MEETING_GAP_DAYS)

    def phases_on(self, day: date) -> tuple[str, ...]:
        return tuple(p.kind for p in self.phases if p.start <= day <= (p.end or day))


@dataclass(frozen=True)
class OfficeQuery:
    """Which communities: empty means any. ``facilitator`` is a username."""

    district: str = ""
    facilitator: str = ""
    partnership_status: str = ""


@dataclass(frozen=True)
class OfficeTimeline:
    today: date
    rows: tuple[OfficeRow, ...]

    def span(self) -> tuple[date, date]:
        days = [self.today]
        for row in self.rows:
            days += [d for p in row.phases for d in (p.start, p.end or self.today)]
            days += list(row.meetings[-1:])
        return min(days), max(days)


@dataclass(frozen=True)
class CommunityRef:
    id: uuid.UUID
    name: str
    district: str


# --- packing overlapping spans into rows --------------------------------------------------


def pack_rows(spans: Sequence[tuple[date, date]]) -> tuple[list[int], int]:
    """A row for each (first, last) span so spans sharing a row never overlap; and the count.

    Greedy by start: each span takes the first row whose last span ended before it began.
    """
    rows = [0] * len(spans)
    row_ends: list[date] = []
    for index in sorted(range(len(spans)), key=lambda i: spans[i]):
        first, last = spans[index]
        for row, row_end in enumerate(row_ends):
            if row_end < first:
                rows[index], row_ends[row] = row, last
                break
        else:
            rows[index] = len(row_ends)
            row_ends.append(last)
    return rows, max(1, len(row_ends))


# --- a community's timeline ---------------------------------------------------------------


def community_timeline(db: Database, community_id: uuid.UUID, today: date) -> CommunityTimeline:
    """Every live cycle of a community with its phases, actions and dated records.

    Seven queries, one per kind of record, whatever the number of cycles.
    """
    with db.session() as session:
        community = session.get(Community, community_id)
        if community is None or community.deleted_at is not None:
            raise LookupError(community_id)
        cycles = list(
            session.scalars(
                select(Cycle)
                .where(Cycle.community_id == community_id, Cycle.deleted_at.is_(None))
                .order_by(Cycle.start_on, Cycle.number)
            )
        )
        ids = [c.id for c in cycles]
        phases = _grouped(session.scalars(_live(Phase, ids).order_by(Phase.start_on)))
        actions = _grouped(session.scalars(_live(Action, ids).order_by(Action.due_on)))
        markers: dict[uuid.UUID, list[Marker]] = defaultdict(list)
        for m in session.scalars(_live(Meeting, ids)):
            markers[m.cycle_id].append(Marker("meeting", m.id, m.held_on, m.kind, m.place))
        for r in session.scalars(_live(Reflection, ids)):
            text = r.what_worked or r.adjustments or r.challenges
            markers[r.cycle_id].append(Marker("reflection", r.id, r.held_on, "", text))
        observed = (
            select(Observation, Indicator.cycle_id, Indicator.wording, Indicator.unit)
            .join(Indicator, Observation.indicator_id == Indicator.id)
            .where(Indicator.cycle_id.in_(ids), Indicator.deleted_at.is_(None))
            .where(Observation.deleted_at.is_(None))
        )
        for o, cycle_id, wording, unit in session.execute(observed):
            markers[cycle_id].append(
                Marker("observation", o.id, o.observed_on, "", _observed(o, wording, unit))
            )
        reviews = {r.id: r for r in session.scalars(_live(MentorReview, ids))}
        for r in reviews.values():
            markers[r.cycle_id].append(Marker("review", r.id, r.reviewed_on, "", r.overall_comment))
        follow_ups = select(FollowUp).where(
            FollowUp.review_id.in_(list(reviews)), FollowUp.deleted_at.is_(None)
        )
        for f in session.scalars(follow_ups):
            review = reviews[f.review_id]
            open_ = f.status == FollowUpStatus.OPEN.value
            late = open_ and f.due_on is not None and f.due_on < today
            on = f.due_on or review.reviewed_on  # no due date: shown on the review's day
            markers[review.cycle_id].append(
                Marker("follow_up", f.id, on, f.status, f.description, overdue=late)
            )
        lanes = tuple(
            _lane(c, phases.get(c.id, []), actions.get(c.id, []), markers[c.id], today)
            for c in cycles
        )
        return CommunityTimeline(community.id, community.name, community.district, today, lanes)


def _live(model: Any, cycle_ids: list[uuid.UUID]) -> Select[Any]:
    return select(model).where(model.cycle_id.in_(cycle_ids), model.deleted_at.is_(None))


def _grouped(rows: Iterable[Any]) -> dict[uuid.UUID, list[Any]]:
    groups: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.cycle_id].append(row)
    return groups


def _observed(o: Observation, wording: str, unit: str) -> str:
    value = o.value_text if o.value_number is None else f"{o.value_number:g} {unit}".strip()
    return f"{wording}: {value}" if value else wording


def _lane(
    cycle: Cycle, phases: list[Phase], actions: list[Action], markers: list[Marker], today: date
) -> CycleLane:
    phase_rows, phase_count = pack_rows([(p.start_on, p.end_on or today) for p in phases])
    starts = [a.start_on or a.due_on or cycle.start_on for a in actions]
    ends = [max(s, a.completed_on or a.due_on or s) for s, a in zip(starts, actions, strict=True)]
    action_rows, action_count = pack_rows(list(zip(starts, ends, strict=True)))
    return CycleLane(
        id=cycle.id,
        number=cycle.number,
        title=cycle.title,
        status=cycle.status,
        start=cycle.start_on,
        end=cycle.end_on,
        phases=tuple(
            PhaseBar(p.id, p.kind, p.start_on, p.end_on, row)
            for p, row in zip(phases, phase_rows, strict=True)
        ),
        actions=tuple(
            ActionBar(
                id=a.id,
                what=a.what,
                status=a.status,
                start=start,
                due=a.due_on,
                completed_on=a.completed_on,
                overdue=_is_overdue(a.status, a.due_on, today),
                row=row,
            )
            for a, start, row in zip(actions, starts, action_rows, strict=True)
        ),
        markers=tuple(sorted(markers, key=lambda m: (m.on, MARKER_ENTITIES.index(m.entity)))),
        phase_rows=phase_count,
        action_rows=action_count if actions else 0,
    )


def _is_overdue(status: str, due: date | None, today: date) -> bool:
    return status in OPEN_ACTION_STATUSES and due is not None and due < today


# --- the office timeline ------------------------------------------------------------------


def office_timeline(db: Database, query: OfficeQuery, today: date) -> OfficeTimeline:
    """One row per community matching ``query`` (by name): phases, meeting dates, overdue counts.

    Five queries in all; the community filters are the community list's own.
    """
    conditions = _filters(
        CommunityQuery(
            district=query.district,
            partnership_status=query.partnership_status,
            facilitator=query.facilitator,
        ),
        today,
    )
    chosen = select(Community.id).where(*conditions)
    live_cycles = (Cycle.deleted_at.is_(None), Cycle.community_id.in_(chosen))
    with db.session() as session:
        communities = session.execute(
            select(Community.id, Community.name, Community.district, Community.partnership_status)
            .where(*conditions)
            .order_by(Community.name, Community.id)
        ).all()
        phases: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for row in session.execute(
            select(Cycle.community_id, Cycle.id, Cycle.number, Phase.kind, Phase.start_on)
            .add_columns(Phase.end_on)
            .join(Phase, Phase.cycle_id == Cycle.id)
            .where(*live_cycles, Phase.deleted_at.is_(None))
            .order_by(Phase.start_on)
        ):
            phases[row.community_id].append(row)
        meetings: dict[uuid.UUID, list[date]] = defaultdict(list)
        for community_id, held_on in session.execute(
            select(Cycle.community_id, Meeting.held_on)
            .join(Meeting, Meeting.cycle_id == Cycle.id)
            .where(*live_cycles, Meeting.deleted_at.is_(None))
            .order_by(Meeting.held_on)
        ):
            meetings[community_id].append(held_on)
        late_actions = _counts(
            session.execute(
                select(Cycle.community_id, func.count(Action.id))
                .join(Action, Action.cycle_id == Cycle.id)
                .where(*live_cycles, Action.deleted_at.is_(None), Action.due_on < today)
                .where(Action.status.in_(OPEN_ACTION_STATUSES))
                .group_by(Cycle.community_id)
            )
        )
        late_follow_ups = _counts(
            session.execute(
                select(Cycle.community_id, func.count(FollowUp.id))
                .join(MentorReview, MentorReview.cycle_id == Cycle.id)
                .join(FollowUp, FollowUp.review_id == MentorReview.id)
                .where(*live_cycles, MentorReview.deleted_at.is_(None))
                .where(FollowUp.deleted_at.is_(None), FollowUp.due_on < today)
                .where(FollowUp.status == FollowUpStatus.OPEN.value)
                .group_by(Cycle.community_id)
            )
        )
    rows = tuple(
        _office_row(
            c,
            phases.get(c.id, []),
            meetings.get(c.id, []),
            (late_actions.get(c.id, 0), late_follow_ups.get(c.id, 0)),
            today,
        )
        for c in communities
    )
    return OfficeTimeline(today=today, rows=rows)


def _counts(rows: Iterable[Any]) -> dict[uuid.UUID, int]:
    return {community_id: count for community_id, count in rows}


def _office_row(
    community: Any, phases: list[Any], meetings: list[date], overdue: tuple[int, int], today: date
) -> OfficeRow:
    """One community's row; each of its cycles gets a track that no other cycle overlaps."""
    cycles: dict[uuid.UUID, tuple[date, date]] = {}
    for p in phases:
        first, last = cycles.get(p.id, (p.start_on, p.end_on or today))
        cycles[p.id] = (min(first, p.start_on), max(last, p.end_on or today))
    tracks, count = pack_rows(list(cycles.values()))
    track_of = dict(zip(cycles, tracks, strict=True))
    bars = tuple(
        OfficePhase(p.kind, p.start_on, p.end_on, p.number, track_of[p.id]) for p in phases
    )
    return OfficeRow(
        community_id=community.id,
        name=community.name,
        district=community.district,
        partnership_status=community.partnership_status,
        phases=bars,
        tracks=count,
        meetings=tuple(meetings),
        overdue_actions=overdue[0],
        overdue_follow_ups=overdue[1],
    )


def communities_named(db: Database, name: str) -> list[CommunityRef]:
    """Live communities whose name is ``name`` (ignoring case and accents)."""
    wanted = fold(name.strip())
    with db.session() as session:
        rows = session.execute(
            select(Community.id, Community.name, Community.district)
            .where(Community.deleted_at.is_(None))
            .order_by(Community.name)
        )
        return [CommunityRef(*row) for row in rows if fold(row.name) == wanted]


# --- the date axis ------------------------------------------------------------------------


@dataclass(frozen=True)
class DateAxis:
    """Where a day sits along a line: ``start`` at ``origin`` (or at the far end when mirrored).

    A day covers [x(day), x(day + 1)) left to right; under a right-to-left layout the axis
    is mirrored, so time runs from right to left.
    """

    start: date
    end: date  # last day shown, inclusive
    pixels_per_day: float
    origin: float = 0.0
    rtl: bool = False

    @property
    def length(self) -> float:
        return ((self.end - self.start).days + 1) * self.pixels_per_day

    def x(self, day: date) -> float:
        offset = (day - self.start).days * self.pixels_per_day
        return self.origin + (self.length - offset if self.rtl else offset)

    def span(self, first: date, last: date) -> tuple[float, float]:
        """Left and right edge of the days first..last (inclusive), whatever the direction."""
        a, b = self.x(first), self.x(last + timedelta(days=1))
        return min(a, b), max(a, b)

    def day_at(self, x: float) -> date:
        offset = (x - self.origin) / self.pixels_per_day
        days = (self.length / self.pixels_per_day - offset) if self.rtl else offset
        return self.start + timedelta(days=int(days // 1))


def period_starts(first: date, last: date, months: int) -> list[date]:
    """The first day of every period of ``months`` (1, 3 or 12) that overlaps first..last.

    The first one may begin before ``first`` (the period ``first`` falls in).
    """
    month = ((first.month - 1) // months) * months + 1
    day = date(first.year, month, 1)
    starts = []
    while day <= last:
        starts.append(day)
        total = day.month - 1 + months
        day = date(day.year + total // 12, total % 12 + 1, 1)
    return starts
