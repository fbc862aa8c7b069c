"""What the timelines show: one community's cycles over time, and every community's phases.

Plain, immutable values for the timeline screens and the timeline PDF. Each timeline is
read with a handful of queries whatever the number of communities or cycles (never one
query per community or per cycle), so the office timeline of 1,000 communities loads in
one go; and only what the person asking may read (a facilitator or mentor: the communities
they are assigned to). The date axis (where a date sits on the page) lives here too, so the
screen and the PDF place things the same way.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Select, String, func, select, type_coerce

from desktop.i18n import ngettext
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
from desktop.services.framework.actor import Actor
from desktop.services.queries.community_list import CommunityQuery, _filters
from desktop.services.security import permissions
from desktop.storage import Database

#: The kinds of record the timelines are drawn from; a change to any other leaves them be.
TIMELINE_KINDS = (
    "community",
    "community_assignment",
    "cycle",
    "phase",
    "meeting",
    "action",
    "follow_up",
    "indicator",
    "observation",
    "reflection",
    "mentor_review",
    "user",
)

#: A community whose last meeting is older than this many days is marked on the office timeline.
MEETING_GAP_DAYS = 60
OPEN_ACTION_STATUSES = (ActionStatus.PLANNED.value, ActionStatus.UNDER_WAY.value)
#: Marker kinds, in the order the legend lists them.
MARKER_ENTITIES = ("meeting", "observation", "reflection", "review", "follow_up")

#: Fill colours shared by the screen and the PDF (colour-blind-safe hues; shapes, patterns
#: and words carry the same meaning, so nothing relies on colour alone). Phase fills stand
#: out from the white page at 3:1 or more (WCAG non-text contrast) and mix mid tones
#: carrying dark words with deep tones carrying white words, so that most neighbouring
#: phases differ in lightness too; ``text_colour_on`` picks the words' colour.
PHASE_COLOURS = {
    "relationship_building": "#A08358",
    "learning": "#418CCE",
    "feedback": "#7F57BF",
    "planning": "#AD800E",
    "action": "#3C775C",
    "review": "#C6705B",
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
FALLBACK_COLOUR = "#8A8A8A"
#: The two colours of words drawn on a fill.
DARK_TEXT = "#1A1A1A"
LIGHT_TEXT = "#FFFFFF"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a "#RRGGBB" colour (the services do without Qt)."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour_on(fill: str) -> str:
    """Dark or white words, whichever reads better on ``fill``: one rule for every bar on
    the screen and in the PDF, so a fill can change without its words going unreadable."""
    shade = _luminance(fill) + 0.05
    on_dark = (_luminance(LIGHT_TEXT) + 0.05) / shade
    on_light = shade / (_luminance(DARK_TEXT) + 0.05)
    return LIGHT_TEXT if on_dark > on_light else DARK_TEXT


def day_count(days: int) -> str:
    """ "1 day", "74 days": how long ago, for the screens and the paper alike."""
    return ngettext("{n} day", "{n} days", days).format(n=days)


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


class OfficePhase(NamedTuple):
    """A phase bar of the office timeline: a named tuple, cheap to make by the thousand."""

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


def community_timeline(
    db: Database, community_id: uuid.UUID, today: date, *, actor: Actor
) -> CommunityTimeline:
    """Every live cycle of a community with its phases, actions and dated records.

    Seven queries, one per kind of record, whatever the number of cycles. Raises
    PermissionDenied when ``actor`` may not read the community (its records go with it).
    """
    with db.session() as session:
        community = session.get(Community, community_id)
        if community is None or community.deleted_at is not None:
            raise LookupError(community_id)
        permissions.require(session, actor, permissions.READ, "community", community_id)
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


def office_timeline(
    db: Database, query: OfficeQuery, today: date, *, actor: Actor
) -> OfficeTimeline:
    """One row per community matching ``query`` (by name): phases, meeting dates, overdue counts.

    Only the communities ``actor`` may read. Five queries in all, whatever the number of
    communities; the community filters are the community list's own. Rows come back as
    plain text (ids and ISO dates) and are turned into values here: one ``uuid.UUID`` per
    community and one ``date`` per distinct day, not one per row fetched.
    """
    filters = CommunityQuery(
        district=query.district,
        partnership_status=query.partnership_status,
        facilitator=query.facilitator,
    )
    with db.session() as session:
        conditions = [
            *_filters(filters, today),
            permissions.readable_condition(session, actor, Community),
        ]
        chosen = select(Community.id).where(*conditions)
        live_cycles = (Cycle.deleted_at.is_(None), Cycle.community_id.in_(chosen))
        owner = type_coerce(Cycle.community_id, String)
        run = session.connection().execute
        communities = run(
            select(
                type_coerce(Community.id, String),
                Community.name,
                Community.district,
                Community.partnership_status,
            )
            .where(*conditions)
            .order_by(Community.name, Community.id)
        ).all()
        phases: dict[str, list[Any]] = defaultdict(list)
        for row in run(
            select(owner, type_coerce(Cycle.id, String), Cycle.number, Phase.kind)
            .add_columns(_text(Phase.start_on), _text(Phase.end_on))
            .join(Phase, Phase.cycle_id == Cycle.id)
            .where(*live_cycles, Phase.deleted_at.is_(None))
        ).all():
            phases[row[0]].append(row)
        meetings = _by_community(
            run(
                select(owner, func.group_concat(_text(Meeting.held_on)))
                .join(Meeting, Meeting.cycle_id == Cycle.id)
                .where(*live_cycles, Meeting.deleted_at.is_(None))
                .group_by(Cycle.community_id)
            )
        )
        late_actions = _by_community(
            run(
                select(owner, func.count(Action.id))
                .join(Action, Action.cycle_id == Cycle.id)
                .where(*live_cycles, Action.deleted_at.is_(None), Action.due_on < today)
                .where(Action.status.in_(OPEN_ACTION_STATUSES))
                .group_by(Cycle.community_id)
            )
        )
        late_follow_ups = _by_community(
            run(
                select(owner, func.count(FollowUp.id))
                .join(MentorReview, MentorReview.cycle_id == Cycle.id)
                .join(FollowUp, FollowUp.review_id == MentorReview.id)
                .where(*live_cycles, MentorReview.deleted_at.is_(None))
                .where(FollowUp.deleted_at.is_(None), FollowUp.due_on < today)
                .where(FollowUp.status == FollowUpStatus.OPEN.value)
                .group_by(Cycle.community_id)
            )
        )
    days = _DayCache()
    rows = tuple(
        _office_row(
            community,
            phases.get(community[0], []),
            meetings.get(community[0]) or "",
            (late_actions.get(community[0], 0), late_follow_ups.get(community[0], 0)),
            today,
            days,
        )
        for community in communities
    )
    return OfficeTimeline(today=today, rows=rows)


def _by_community(rows: Iterable[Any]) -> dict[str, Any]:
    return {community_id: value for community_id, value in rows}


def _text(column: Any) -> Any:
    """A date column read back as its stored ISO text (parsed once per day by _DayCache)."""
    return type_coerce(column, String)


class _DayCache(dict[str, date]):
    """ISO text -> date, parsing each distinct day once."""

    def __missing__(self, text: str) -> date:
        day = self[text] = date.fromisoformat(text)
        return day


def _office_row(
    community: Any,
    phases: list[Any],
    meetings: str,
    overdue: tuple[int, int],
    today: date,
    days: _DayCache,
) -> OfficeRow:
    """One community's row; each of its cycles gets a track that no other cycle overlaps.

    ``phases`` are (community id, cycle id, cycle number, kind, first day, last day or None)
    in any order; ``meetings`` the days of its meetings, comma-separated, in any order.
    Days are ISO text, which sorts as the dates do.
    """
    phases.sort(key=itemgetter(4))
    spans: dict[str, list[date]] = {}  # cycle -> [first day, last day]
    parsed = []
    for _community, cycle_id, number, kind, first_text, last_text in phases:
        first = days[first_text]
        last = days[last_text] if last_text else None
        parsed.append((cycle_id, kind, first, last, number))
        end = last or today
        span = spans.get(cycle_id)
        if span is None:
            spans[cycle_id] = [first, end]  # phases come by start: this is the cycle's first
        elif end > span[1]:
            span[1] = end
    tracks, count = pack_rows([(first, last) for first, last in spans.values()])
    track_of = dict(zip(spans, tracks, strict=True))
    return OfficeRow(
        community_id=uuid.UUID(community[0]),
        name=community[1],
        district=community[2],
        partnership_status=community[3],
        phases=tuple(
            OfficePhase(kind, first, last, number, track_of[cycle_id])
            for cycle_id, kind, first, last, number in parsed
        ),
        tracks=count,
        meetings=tuple(map(days.__getitem__, sorted(meetings.split(",")))) if meetings else (),
        overdue_actions=overdue[0],
        overdue_follow_ups=overdue[1],
    )


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
