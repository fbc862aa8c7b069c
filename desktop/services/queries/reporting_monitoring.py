"""Programme-wide figures for the managers' monitoring report.

The communities, their status, current phase and facilitator come from the community
list query (:func:`list_communities`), and what needs attention from the attention rules
(:mod:`desktop.services.queries.attention`), so the report shows what the list and the
timeline show. The other figures read actions, meetings, observations, linkages and
follow-ups of those communities in one query per kind, grouped in Python: a report over
thousands of communities costs a few dozen queries, not thousands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, cast, extract, func, select

from desktop.models import (
    Action,
    Community,
    Cycle,
    FollowUp,
    Indicator,
    Linkage,
    Meeting,
    MeetingAttendance,
    MentorReview,
    Observation,
)
from desktop.models.enums import FollowUpStatus, LinkageStatus, ObservationKind
from desktop.services.facade import Services
from desktop.services.framework.portable_sql import id_text
from desktop.services.queries.attention_reads import attention_where, read_thresholds
from desktop.services.queries.community_list import (
    CommunityQuery,
    _filters,
    list_communities,
)
from desktop.services.queries.participation import GroupPresence, MeetingTally
from desktop.services.queries.reporting import participant_groups
from desktop.services.queries.reporting_figures import (
    ActionCounts,
    CommunityFigures,
    IndicatorTrend,
    MonitoringData,
    MonitoringFilter,
    OpenFollowUp,
    classify_action,
)
from desktop.services.security import permissions

__all__ = [
    "ActionCounts",
    "CommunityFigures",
    "IndicatorTrend",
    "MonitoringData",
    "MonitoringFilter",
    "OpenFollowUp",
    "classify_action",
    "monitoring_data",
]


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
        readable = permissions.readable_condition(session, services.actor, Community)
        data.thresholds = read_thresholds(session)
        flags = attention_where(
            session, [*_filters(query, today), readable], today, data.thresholds
        )
        for found in flags.values():
            if found.community_id.hex in figures:
                figures[found.community_id.hex].flags = found.flags

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
    """Meetings and who was in the room, per community and quarter, counted by the
    database (one row per community, quarter and group, not per person counted)."""
    held = _held_in(selection)
    decided = func.trim(Meeting.decisions, " \t\r\n") != ""
    cid = _key(Cycle.community_id)
    year = cast(extract("year", Meeting.held_on), Integer)
    number = (cast(extract("month", Meeting.held_on), Integer) + 2) // 3
    meetings = (
        select(cid, year, number, func.count(), func.sum(case((decided, 1), else_=0)))
        .join(Cycle, Meeting.cycle_id == Cycle.id)
        .where(*held)
        .group_by(cid, year, number)
    )
    tallies: dict[tuple[str, str], MeetingTally] = {}
    for community, in_year, in_quarter, count, with_decisions in read(meetings):
        tally = tallies.setdefault((community, f"{in_year} Q{in_quarter}"), MeetingTally())
        tally.meetings, tally.decision_meetings = count, with_decisions or 0
    present = MeetingAttendance.count > 0
    groups = (
        select(
            cid,
            year,
            number,
            MeetingAttendance.group_code,
            func.sum(MeetingAttendance.count),
            func.sum(case((present, 1), else_=0)),
            func.sum(case((present & decided, 1), else_=0)),
        )
        .join(Meeting, MeetingAttendance.meeting_id == Meeting.id)
        .join(Cycle, Meeting.cycle_id == Cycle.id)
        .where(MeetingAttendance.deleted_at.is_(None), *held)
        .group_by(cid, year, number, MeetingAttendance.group_code)
    )
    for community, in_year, in_quarter, code, people, attended, at_decisions in read(groups):
        tally = tallies.setdefault((community, f"{in_year} Q{in_quarter}"), MeetingTally())
        tally.groups[code] = GroupPresence(people or 0, attended or 0, at_decisions or 0)
    for (community, in_quarter), tally in tallies.items():
        figures[community].tally.add(tally)
        data.quarters.setdefault(in_quarter, MeetingTally()).add(tally)


def _indicators(
    figures: dict[str, CommunityFigures], read: Reader, selection: MonitoringFilter
) -> None:
    """Every live indicator, with its observations of the period (numbers or words)."""
    indicators = (
        select(
            _key(Cycle.community_id),
            _key(Indicator.id),
            Indicator.wording,
            Indicator.unit,
            Indicator.baseline,
            Indicator.target,
            Indicator.value_kind,
            Indicator.baseline_number,
            Indicator.target_number,
        )
        .join(Cycle, Indicator.cycle_id == Cycle.id)
        .where(Indicator.deleted_at.is_(None), Cycle.deleted_at.is_(None))
        .order_by(Indicator.created_at, Indicator.id)
    )
    trends: dict[str, IndicatorTrend] = {}
    for cid, indicator_id, wording, unit, baseline, target, kind, low, high in read(indicators):
        counted = kind == ObservationKind.NUMBER
        trend = IndicatorTrend(wording, unit, baseline, target, [], counted, low, high)
        trends[indicator_id] = trend
        figures[cid].indicators.append(trend)
    observations = (
        select(
            _key(Cycle.community_id),
            _key(Observation.indicator_id),
            Observation.observed_on,
            Observation.value_number,
            Observation.value_text,
        )
        .join(Indicator, Observation.indicator_id == Indicator.id)
        .join(Cycle, Indicator.cycle_id == Cycle.id)
        .where(Observation.deleted_at.is_(None))
        .order_by(Observation.observed_on, Observation.id)
    )
    for _cid, indicator_id, observed_on, value, words in read(observations):
        found = trends.get(indicator_id)
        if found is None or not selection.covers(observed_on):
            continue
        if found.counted and value is not None:
            found.points.append((observed_on, value))
        elif not found.counted and words:
            found.words.append((observed_on, words))


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
