"""The office timeline: every community the person may read, one row each, with its
cycles' phases, its meeting days and its flags (what needs attention, as the community
list and the reports show it: :mod:`desktop.services.queries.attention`).

Read with a dozen queries in all, whatever the number of communities, so 1,000
communities load in one go.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import String, select, type_coerce

from desktop.models import Community, Cycle, Meeting, Phase
from desktop.services.framework.actor import Actor
from desktop.services.framework.portable_sql import id_text, joined_text
from desktop.services.queries.attention import Flag, FlagKind, Thresholds, day_count
from desktop.services.queries.attention_reads import attention_where, read_thresholds
from desktop.services.queries.community_list import CommunityQuery, _filters
from desktop.services.queries.timeline.layout import pack_rows
from desktop.services.security import permissions
from desktop.storage import Database

__all__ = [
    "OfficePhase",
    "OfficeQuery",
    "OfficeRow",
    "OfficeTimeline",
    "day_count",
    "office_timeline",
]


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
    #: what needs attention, as every screen and report shows it
    flags: tuple[Flag, ...] = ()

    @property
    def last_meeting(self) -> date | None:
        return self.meetings[-1] if self.meetings else None

    def days_since_meeting(self, today: date) -> int | None:
        last = self.last_meeting
        return None if last is None else (today - last).days

    def flag(self, kind: FlagKind) -> Flag | None:
        return next((flag for flag in self.flags if flag.kind == kind), None)

    def _count(self, kind: FlagKind) -> int:
        flag = self.flag(kind)
        return flag.count if flag is not None else 0

    @property
    def overdue_actions(self) -> int:
        return self._count(FlagKind.OVERDUE_ACTIONS)

    @property
    def overdue_follow_ups(self) -> int:
        return self._count(FlagKind.OVERDUE_FOLLOW_UPS)

    def meeting_gap(self) -> bool:
        """No meeting for longer than the office's threshold during a running cycle."""
        return self.gap_since is not None

    @property
    def gap_since(self) -> date | None:
        """The day the community last met (or its cycle began) when that is too long ago."""
        flag = self.flag(FlagKind.NO_MEETING)
        return flag.since if flag is not None else None

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
    thresholds: Thresholds = field(default_factory=Thresholds)

    def span(self) -> tuple[date, date]:
        days = [self.today]
        for row in self.rows:
            days += [d for p in row.phases for d in (p.start, p.end or self.today)]
            days += list(row.meetings[-1:])
        return min(days), max(days)


def office_timeline(
    db: Database, query: OfficeQuery, today: date, *, actor: Actor
) -> OfficeTimeline:
    """One row per community matching ``query`` (by name): phases, meeting dates, flags.

    Only the communities ``actor`` may read. A dozen queries in all, whatever the number
    of communities; the community filters are the community list's own. Rows come back as
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
        read = _OfficeReader(session.connection().execute, conditions, today)
        communities = read.communities()
        phases = read.phases()
        meetings = read.meetings()
        limits = read_thresholds(session)
        attention = attention_where(session, conditions, today, limits)
    days = _DayCache()
    rows = []
    for community in communities:
        community_id = uuid.UUID(community[0])
        row = _office_row(
            community, phases.get(community[0], []), meetings.get(community[0]) or "", today, days
        )
        found = attention.get(community_id)
        rows.append(replace(row, flags=found.flags) if found is not None else row)
    return OfficeTimeline(today=today, rows=tuple(rows), thresholds=limits)


class _OfficeReader:
    """The office timeline's queries over the chosen communities' live cycles, each keyed
    by the community's id as text (the rows stay plain text until _office_row)."""

    def __init__(self, run: Callable[[Any], Any], conditions: list[Any], today: date) -> None:
        self.run, self.conditions, self.today = run, conditions, today
        chosen = select(Community.id).where(*conditions)
        self.live_cycles = (Cycle.deleted_at.is_(None), Cycle.community_id.in_(chosen))
        self.owner = id_text(Cycle.community_id)

    def communities(self) -> list[Any]:
        """(id, name, district, partnership status) of each community, by name."""
        return list(
            self.run(
                select(
                    id_text(Community.id),
                    Community.name,
                    Community.district,
                    Community.partnership_status,
                )
                .where(*self.conditions)
                .order_by(Community.name, Community.id)
            ).all()
        )

    def phases(self) -> dict[str, list[Any]]:
        """Each community's live phases, as the rows _office_row reads."""
        phases: dict[str, list[Any]] = defaultdict(list)
        for row in self.run(
            select(self.owner, id_text(Cycle.id), Cycle.number, Phase.kind)
            .add_columns(_text(Phase.start_on), _text(Phase.end_on))
            .join(Phase, Phase.cycle_id == Cycle.id)
            .where(*self.live_cycles, Phase.deleted_at.is_(None))
        ).all():
            phases[row[0]].append(row)
        return phases

    def meetings(self) -> dict[str, Any]:
        """Each community's meeting days, comma-separated ISO text, in any order."""
        return _by_community(
            self.run(
                select(self.owner, joined_text(_text(Meeting.held_on)))
                .join(Meeting, Meeting.cycle_id == Cycle.id)
                .where(*self.live_cycles, Meeting.deleted_at.is_(None))
                .group_by(Cycle.community_id)
            )
        )


def _by_community(rows: Iterable[Any]) -> dict[str, Any]:
    return {community_id: value for community_id, value in rows}


def _text(column: Any) -> Any:
    """A date column read back as its stored ISO text (parsed once per day by _DayCache)."""
    return type_coerce(column, String)


class _DayCache(dict[str | date, date]):
    """ISO text -> date, parsing each distinct day once. SQLite hands back the stored
    text; PostgreSQL's driver hands back dates already, kept as they are."""

    def __missing__(self, text: str | date) -> date:
        day = self[text] = text if isinstance(text, date) else date.fromisoformat(text)
        return day


def _office_row(
    community: Any,
    phases: list[Any],
    meetings: str,
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
    )
