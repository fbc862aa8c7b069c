"""Programme-wide figures for the managers' monitoring report.

The communities, their status, current phase and facilitator come from the community
list query (:func:`list_communities`), so the report shows what the list shows. The
other figures read actions, meetings, observations, linkages and follow-ups of those
communities in one query per kind, grouped in Python: a report over thousands of
communities costs a handful of queries, not thousands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    case,
    cast,
    extract,
    func,
    select,
)

from desktop.models import (
    Action,
    Cycle,
    FollowUp,
    Indicator,
    Linkage,
    Meeting,
    MeetingAttendance,
    MentorReview,
    Observation,
)
from desktop.models.enums import ActionStatus, FollowUpStatus, LinkageStatus
from desktop.services.facade import Services
from desktop.services.framework.portable_sql import id_text
from desktop.services.queries.community_list import CommunityQuery, CommunityRow, list_communities
from desktop.services.queries.reporting import Group, participant_groups

OPEN_ACTION = frozenset({ActionStatus.PLANNED.value, ActionStatus.UNDER_WAY.value})


@dataclass(frozen=True)
class MonitoringFilter:
    """Which communities and which period; empty means all. ``facilitator`` is a username."""

    district: str = ""
    facilitator: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.date_from is None and self.date_to is None
        return (self.date_from is None or day >= self.date_from) and (
            self.date_to is None or day <= self.date_to
        )


@dataclass
class ActionCounts:
    """Actions in the period: done (on time or late), overdue, still open, dropped."""

    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    open_not_due: int = 0
    dropped: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    def add(self, other: ActionCounts) -> None:
        for name in ("total", "done_on_time", "done_late", "overdue", "open_not_due", "dropped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class IndicatorTrend:
    wording: str
    unit: str
    baseline: str
    target: str
    points: list[tuple[date, float]]


@dataclass(frozen=True)
class OpenFollowUp:
    community: str
    description: str
    owner: str
    due_on: date | None


@dataclass
class CommunityFigures:
    row: CommunityRow
    actions: ActionCounts = field(default_factory=ActionCounts)
    meetings: int = 0
    attendance: dict[str, int] = field(default_factory=dict)
    indicators: list[IndicatorTrend] = field(default_factory=list)
    linkages_formed: int = 0
    linkages_active: int = 0
    open_follow_ups: list[OpenFollowUp] = field(default_factory=list)


@dataclass
class MonitoringData:
    selection: MonitoringFilter
    today: date
    groups: list[Group]
    communities: list[CommunityFigures]
    #: participation per quarter label ("2026 Q1") and group code
    participation: dict[str, dict[str, int]] = field(default_factory=dict)
    decision_meetings: int = 0
    #: how many meetings that took decisions had nobody of this group (group code)
    missing_from_decisions: dict[str, int] = field(default_factory=dict)
    linkages_by_kind: dict[str, int] = field(default_factory=dict)

    def actions(self) -> ActionCounts:
        total = ActionCounts()
        for community in self.communities:
            total.add(community.actions)
        return total

    def count_by(self, attribute: str) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for community in self.communities:
            counts[getattr(community.row, attribute) or ""] += 1
        return dict(counts)


def quarter(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def classify_action(
    status: str, due_on: date | None, completed_on: date | None, today: date
) -> str:
    """done_on_time, done_late, overdue, open_not_due or dropped."""
    if status == ActionStatus.DONE:
        late = due_on is not None and completed_on is not None and completed_on > due_on
        return "done_late" if late else "done_on_time"
    if status == ActionStatus.DROPPED:
        return "dropped"
    return "overdue" if due_on is not None and due_on < today else "open_not_due"


def _in_period(selection: MonitoringFilter, *days: date | None) -> bool:
    if selection.date_from is None and selection.date_to is None:
        return True
    return any(d is not None and selection.covers(d) for d in days)


Reader = Callable[[Any], Iterator[Any]]  # a select() whose first column is a community id


def _key(column: Any) -> Any:
    """An id column read as its stored text: no UUID object made per row. Communities'
    figures are filed under this text (``UUID.hex``)."""
    return id_text(column)


def monitoring_data(services: Services, selection: MonitoringFilter, today: date) -> MonitoringData:
    """Every figure of the monitoring report for the selected communities and period."""
    query = CommunityQuery(
        district=selection.district, facilitator=selection.facilitator, limit=None, today=today
    )
    rows = list_communities(services.db, query, actor=services.actor).items  # readable ones
    figures = {row.id.hex: CommunityFigures(row) for row in rows}
    data = MonitoringData(selection, today, participant_groups(services), list(figures.values()))
    with services.db.session() as session:

        def read(query: Any) -> Iterator[Any]:
            """Rows of a query whose first column is a community id, for selected ones."""
            return (row for row in session.execute(query) if row[0] in figures)

        _actions(figures, read, selection, today)
        _meetings(data, figures, read, selection)
        _indicators(figures, read, selection)
        _linkages(data, figures, read, selection)
        _follow_ups(figures, read)
    return data


def _actions(
    figures: dict[str, CommunityFigures],
    read: Reader,
    selection: MonitoringFilter,
    today: date,
) -> None:
    query = (
        select(
            _key(Cycle.community_id),
            Action.status,
            Action.due_on,
            Action.completed_on,
            Action.start_on,
        )
        .join(Cycle, Action.cycle_id == Cycle.id)
        .where(Action.deleted_at.is_(None), Cycle.deleted_at.is_(None))
    )
    for cid, status, due_on, completed_on, start_on in read(query):
        if not _in_period(selection, due_on, completed_on, start_on):
            continue
        counts = figures[cid].actions
        counts.total += 1
        kind = classify_action(status, due_on, completed_on, today)
        setattr(counts, kind, getattr(counts, kind) + 1)


def _held_in(selection: MonitoringFilter) -> list[ColumnElement[bool]]:
    """Live meetings of live cycles held in the period."""
    conditions: list[ColumnElement[bool]] = [
        Meeting.deleted_at.is_(None),
        Cycle.deleted_at.is_(None),
    ]
    if selection.date_from is not None:
        conditions.append(Meeting.held_on >= selection.date_from)
    if selection.date_to is not None:
        conditions.append(Meeting.held_on <= selection.date_to)
    return conditions


def _meetings(
    data: MonitoringData,
    figures: dict[str, CommunityFigures],
    read: Reader,
    selection: MonitoringFilter,
) -> None:
    """Meetings, people counted per group and quarter, and groups absent from decisions,
    summed by the database (one row per community and group, not per person counted)."""
    held = _held_in(selection)
    decided = func.trim(Meeting.decisions, " \t\r\n") != ""
    cid = _key(Cycle.community_id)
    meetings = (
        select(cid, func.count(), func.sum(case((decided, 1), else_=0)))
        .join(Cycle, Meeting.cycle_id == Cycle.id)
        .where(*held)
        .group_by(cid)
    )
    for community, count, with_decisions in read(meetings):
        figures[community].meetings += count
        data.decision_meetings += with_decisions or 0
    year = cast(extract("year", Meeting.held_on), Integer)
    quarter_number = (cast(extract("month", Meeting.held_on), Integer) + 2) // 3
    attendance = (
        select(
            cid,
            year,
            quarter_number,
            MeetingAttendance.group_code,
            func.sum(MeetingAttendance.count),
        )
        .join(Meeting, MeetingAttendance.meeting_id == Meeting.id)
        .join(Cycle, Meeting.cycle_id == Cycle.id)
        .where(MeetingAttendance.deleted_at.is_(None), *held)
        .group_by(cid, year, quarter_number, MeetingAttendance.group_code)
    )
    for community, in_year, number, code, count in read(attendance):
        per_group = figures[community].attendance
        per_group[code] = per_group.get(code, 0) + count
        by_quarter = data.participation.setdefault(f"{in_year} Q{number}", {})
        by_quarter[code] = by_quarter.get(code, 0) + count
    present = (
        select(cid, MeetingAttendance.group_code, func.count())
        .join(Meeting, MeetingAttendance.meeting_id == Meeting.id)
        .join(Cycle, Meeting.cycle_id == Cycle.id)
        .where(MeetingAttendance.deleted_at.is_(None), MeetingAttendance.count > 0, decided, *held)
        .group_by(cid, MeetingAttendance.group_code)
    )
    present_at: dict[str, int] = defaultdict(int)
    for _community, code, count in read(present):
        present_at[code] += count
    for group in data.groups:
        missing = data.decision_meetings - present_at[group.code]
        if missing:
            data.missing_from_decisions[group.code] = missing


def _indicators(
    figures: dict[str, CommunityFigures], read: Reader, selection: MonitoringFilter
) -> None:
    indicators = (
        select(
            _key(Cycle.community_id),
            _key(Indicator.id),
            Indicator.wording,
            Indicator.unit,
            Indicator.baseline,
            Indicator.target,
        )
        .join(Cycle, Indicator.cycle_id == Cycle.id)
        .where(
            Indicator.deleted_at.is_(None),
            Cycle.deleted_at.is_(None),
            Indicator.value_kind == "number",
        )
        .order_by(Indicator.created_at, Indicator.id)
    )
    trends: dict[str, IndicatorTrend] = {}
    for cid, indicator_id, wording, unit, baseline, target in read(indicators):
        trend = IndicatorTrend(wording, unit, baseline, target, [])
        trends[indicator_id] = trend
        figures[cid].indicators.append(trend)
    observations = (
        select(
            _key(Cycle.community_id),
            _key(Observation.indicator_id),
            Observation.observed_on,
            Observation.value_number,
        )
        .join(Indicator, Observation.indicator_id == Indicator.id)
        .join(Cycle, Indicator.cycle_id == Cycle.id)
        .where(Observation.deleted_at.is_(None), Observation.value_number.is_not(None))
        .order_by(Observation.observed_on, Observation.id)
    )
    for _cid, indicator_id, observed_on, value in read(observations):
        if indicator_id in trends and selection.covers(observed_on):
            trends[indicator_id].points.append((observed_on, value))


def _linkages(
    data: MonitoringData,
    figures: dict[str, CommunityFigures],
    read: Reader,
    selection: MonitoringFilter,
) -> None:
    query = select(
        _key(Linkage.community_id), Linkage.kind, Linkage.status, Linkage.agreed_on
    ).where(Linkage.deleted_at.is_(None))
    for cid, kind, status, agreed_on in read(query):
        target = figures[cid]
        target.linkages_active += status == LinkageStatus.ACTIVE
        if agreed_on is not None and selection.covers(agreed_on):
            target.linkages_formed += 1
            data.linkages_by_kind[kind] = data.linkages_by_kind.get(kind, 0) + 1


def _follow_ups(figures: dict[str, CommunityFigures], read: Reader) -> None:
    query = (
        select(_key(Cycle.community_id), FollowUp.description, FollowUp.owner, FollowUp.due_on)
        .join(MentorReview, FollowUp.review_id == MentorReview.id)
        .join(Cycle, MentorReview.cycle_id == Cycle.id)
        .where(
            FollowUp.deleted_at.is_(None),
            MentorReview.deleted_at.is_(None),
            Cycle.deleted_at.is_(None),
            FollowUp.status == FollowUpStatus.OPEN.value,
        )
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    for cid, description, owner, due_on in read(query):
        target = figures[cid]
        target.open_follow_ups.append(OpenFollowUp(target.row.name, description, owner, due_on))
