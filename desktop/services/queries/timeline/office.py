"""The office timeline: every community the person may read, one row each, with its
cycles' phases, its meeting days and what is overdue.

Read with five queries in all, whatever the number of communities, so 1,000 communities
load in one go.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import String, func, select, type_coerce

from desktop.i18n import ngettext
from desktop.models import Action, Community, Cycle, FollowUp, Meeting, MentorReview, Phase
from desktop.models.enums import FollowUpStatus
from desktop.services.framework.actor import Actor
from desktop.services.framework.portable_sql import id_text, joined_text
from desktop.services.queries.community_list import CommunityQuery, _filters
from desktop.services.queries.timeline.community import OPEN_ACTION_STATUSES
from desktop.services.queries.timeline.layout import pack_rows
from desktop.services.security import permissions
from desktop.storage import Database

#: A community whose last meeting is older than this many days is marked on the office timeline.
MEETING_GAP_DAYS = 60


def day_count(days: int) -> str:
    """ "1 day", "74 days": how long ago, for the screens and the paper alike."""
    return ngettext("{n} day", "{n} days", days).format(n=days)


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
        read = _OfficeReader(session.connection().execute, conditions, today)
        communities = read.communities()
        phases = read.phases()
        meetings = read.meetings()
        late_actions, late_follow_ups = read.late_actions(), read.late_follow_ups()
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


class _OfficeReader:
    """The office timeline's five queries over the chosen communities' live cycles, each
    keyed by the community's id as text (the rows stay plain text until _office_row)."""

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

    def late_actions(self) -> dict[str, Any]:
        """How many open actions each community has past their due date."""
        return _by_community(
            self.run(
                select(self.owner, func.count(Action.id))
                .join(Action, Action.cycle_id == Cycle.id)
                .where(*self.live_cycles, Action.deleted_at.is_(None), Action.due_on < self.today)
                .where(Action.status.in_(OPEN_ACTION_STATUSES))
                .group_by(Cycle.community_id)
            )
        )

    def late_follow_ups(self) -> dict[str, Any]:
        """How many open review follow-ups each community has past their due date."""
        return _by_community(
            self.run(
                select(self.owner, func.count(FollowUp.id))
                .join(MentorReview, MentorReview.cycle_id == Cycle.id)
                .join(FollowUp, FollowUp.review_id == MentorReview.id)
                .where(*self.live_cycles, MentorReview.deleted_at.is_(None))
                .where(FollowUp.deleted_at.is_(None), FollowUp.due_on < self.today)
                .where(FollowUp.status == FollowUpStatus.OPEN.value)
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
