"""The attention rules (:mod:`desktop.services.queries.attention`) applied to many
communities at once: ten queries whatever their number, grouped by the database where it
can, so the community list, the office timeline and a monitoring report over a thousand
communities all get their flags the same way and quickly.

The communities are given as conditions on :class:`Community` (the community list's own
filters, or a list of ids), and only those ``actor`` may read are looked at.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from desktop.labels import group_words
from desktop.models import (
    Action,
    Community,
    Cycle,
    FollowUp,
    Indicator,
    Meeting,
    MeetingAttendance,
    MentorReview,
    Observation,
    OfficeSetting,
    ParticipantGroup,
)
from desktop.models.enums import CycleStatus, FollowUpStatus, ObservationKind
from desktop.services.framework.actor import Actor
from desktop.services.queries.attention import (
    CommunityAttention,
    Direction,
    Flag,
    FlagKind,
    Thresholds,
    direction,
    meeting_gap_since,
    ordered,
    review_missing_since,
    silent_since,
)
from desktop.services.security import permissions
from desktop.services.usecases.actions import UNFINISHED_ACTION_STATUSES
from desktop.services.usecases.office_keys import THRESHOLD_RANGES
from desktop.storage import Database

_ID_CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit


def read_thresholds(session: Session) -> Thresholds:
    """The office's attention thresholds (a setting not stored keeps its default)."""
    rows = session.execute(
        select(OfficeSetting.key, OfficeSetting.value).where(
            OfficeSetting.key.in_(list(THRESHOLD_RANGES)), OfficeSetting.deleted_at.is_(None)
        )
    )
    return Thresholds.from_settings({key: value for key, value in rows})


def thresholds(db: Database) -> Thresholds:
    with db.session() as session:
        return read_thresholds(session)


def community_attention(
    db: Database, community_ids: Sequence[uuid.UUID], today: date, *, actor: Actor
) -> dict[uuid.UUID, CommunityAttention]:
    """The flags of these communities (those ``actor`` may read), by id."""
    found: dict[uuid.UUID, CommunityAttention] = {}
    with db.session() as session:
        limits = read_thresholds(session)
        readable = permissions.readable_condition(session, actor, Community)
        for start in range(0, len(community_ids), _ID_CHUNK):
            chunk = list(community_ids[start : start + _ID_CHUNK])
            conditions = [Community.id.in_(chunk), Community.deleted_at.is_(None), readable]
            found.update(attention_where(session, conditions, today, limits))
    return found


@dataclass
class _Running:
    """A running cycle of a community and what the rules read of it."""

    id: uuid.UUID
    community_id: uuid.UUID
    number: int
    start: date
    decision_meetings: int = 0
    first_decision: date | None = None
    present: set[str] = field(default_factory=set)  # groups counted at a decision meeting
    reviews: int = 0


def attention_where(
    session: Session, conditions: list[ColumnElement[bool]], today: date, limits: Thresholds
) -> dict[uuid.UUID, CommunityAttention]:
    """Every community matching ``conditions`` (checked for reading by the caller) with
    its flags, by id; a community with no flag has an empty tuple."""
    chosen = select(Community.id).where(*conditions)
    live = (Cycle.deleted_at.is_(None), Cycle.community_id.in_(chosen))
    names = {
        row[0]: (row[1], row[2])
        for row in session.execute(
            select(Community.id, Community.name, Community.district).where(*conditions)
        )
    }
    flags: dict[uuid.UUID, list[Flag]] = defaultdict(list)
    _overdue(session, live, today, flags)
    running = _running_cycles(session, live)
    _meeting_gaps(session, live, running, today, limits, flags)
    _absent_groups(session, running, flags)
    _indicators(session, live, running, today, limits, flags)
    for cycle in running:
        since = review_missing_since(cycle.start, cycle.reviews, today, limits)
        if since is not None:
            flags[cycle.community_id].append(Flag(FlagKind.NO_REVIEW, since, cycle=cycle.number))
    return {
        community_id: CommunityAttention(
            community_id, name, district, ordered(flags.get(community_id, ()))
        )
        for community_id, (name, district) in names.items()
    }


def _overdue(
    session: Session, live: tuple[Any, ...], today: date, flags: dict[uuid.UUID, list[Flag]]
) -> None:
    """Open actions and mentor follow-ups past their date: how many, and the oldest date."""
    actions = (
        select(Cycle.community_id, func.count(), func.min(Action.due_on))
        .join(Action, Action.cycle_id == Cycle.id)
        .where(*live, Action.deleted_at.is_(None), Action.due_on < today)
        .where(Action.status.in_(UNFINISHED_ACTION_STATUSES))
        .group_by(Cycle.community_id)
    )
    follow_ups = (
        select(Cycle.community_id, func.count(), func.min(FollowUp.due_on))
        .join(MentorReview, MentorReview.cycle_id == Cycle.id)
        .join(FollowUp, FollowUp.review_id == MentorReview.id)
        .where(*live, MentorReview.deleted_at.is_(None), FollowUp.deleted_at.is_(None))
        .where(FollowUp.due_on < today, FollowUp.status == FollowUpStatus.OPEN.value)
        .group_by(Cycle.community_id)
    )
    for kind, query in (
        (FlagKind.OVERDUE_ACTIONS, actions),
        (FlagKind.OVERDUE_FOLLOW_UPS, follow_ups),
    ):
        for community_id, count, oldest in session.execute(query):
            flags[community_id].append(Flag(kind, _as_date(oldest), count))


def _running_cycles(session: Session, live: tuple[Any, ...]) -> list[_Running]:
    """Every running cycle (cycles of a community may overlap), by start, with its
    decision meetings and reviews."""
    query = (
        select(Cycle.id, Cycle.community_id, Cycle.number, Cycle.start_on)
        .where(*live, Cycle.status == CycleStatus.ACTIVE.value)
        .order_by(Cycle.start_on, Cycle.number)
    )
    running = [_Running(*row) for row in session.execute(query)]
    by_cycle = {cycle.id: cycle for cycle in running}
    ids = _running_ids(live)
    decided = func.trim(Meeting.decisions, " \t\r\n") != ""
    decisions = (
        select(Meeting.cycle_id, func.count(), func.min(Meeting.held_on))
        .where(Meeting.cycle_id.in_(ids), Meeting.deleted_at.is_(None), decided)
        .group_by(Meeting.cycle_id)
    )
    for cycle_id, count, first in session.execute(decisions):
        if cycle_id in by_cycle:
            by_cycle[cycle_id].decision_meetings, by_cycle[cycle_id].first_decision = count, first
    present = (
        select(Meeting.cycle_id, MeetingAttendance.group_code)
        .join(MeetingAttendance, MeetingAttendance.meeting_id == Meeting.id)
        .where(Meeting.cycle_id.in_(ids), Meeting.deleted_at.is_(None), decided)
        .where(MeetingAttendance.deleted_at.is_(None), MeetingAttendance.count > 0)
        .distinct()
    )
    for cycle_id, code in session.execute(present):
        if cycle_id in by_cycle:
            by_cycle[cycle_id].present.add(code)
    reviews = (
        select(MentorReview.cycle_id, func.count())
        .where(MentorReview.cycle_id.in_(ids), MentorReview.deleted_at.is_(None))
        .group_by(MentorReview.cycle_id)
    )
    for cycle_id, count in session.execute(reviews):
        if cycle_id in by_cycle:
            by_cycle[cycle_id].reviews = count
    return running


def _running_ids(live: tuple[Any, ...]) -> Select[Any]:
    return select(Cycle.id).where(*live, Cycle.status == CycleStatus.ACTIVE.value)


def _meeting_gaps(
    session: Session,
    live: tuple[Any, ...],
    running: list[_Running],
    today: date,
    limits: Thresholds,
    flags: dict[uuid.UUID, list[Flag]],
) -> None:
    """A community in a running cycle that has not met for too long."""
    last = dict(
        session.execute(
            select(Cycle.community_id, func.max(Meeting.held_on))
            .join(Meeting, Meeting.cycle_id == Cycle.id)
            .where(*live, Meeting.deleted_at.is_(None))
            .group_by(Cycle.community_id)
        ).all()
    )
    latest = {cycle.community_id: cycle for cycle in running}  # the latest started wins
    for community_id, cycle in latest.items():
        met = last.get(community_id)
        since = meeting_gap_since(_as_date(met) if met else None, cycle.start, today, limits)
        if since is not None:
            flags[community_id].append(Flag(FlagKind.NO_MEETING, since, cycle=cycle.number))


def _absent_groups(
    session: Session, running: list[_Running], flags: dict[uuid.UUID, list[Flag]]
) -> None:
    """The office's groups nobody of which came to any decision meeting of a running
    cycle (one flag per cycle)."""
    groups = session.execute(
        select(ParticipantGroup.code, ParticipantGroup.name)
        .where(ParticipantGroup.deleted_at.is_(None), ParticipantGroup.active.is_(True))
        .order_by(ParticipantGroup.position, ParticipantGroup.name)
    ).all()
    for cycle in running:
        if not cycle.decision_meetings or cycle.first_decision is None:
            continue
        absent = tuple(
            group_words(code, name) for code, name in groups if code not in cycle.present
        )
        if absent:
            flags[cycle.community_id].append(
                Flag(
                    FlagKind.GROUP_ABSENT,
                    _as_date(cycle.first_decision),
                    cycle.decision_meetings,
                    absent,
                    cycle.number,
                )
            )


def _indicators(
    session: Session,
    live: tuple[Any, ...],
    running: list[_Running],
    today: date,
    limits: Thresholds,
    flags: dict[uuid.UUID, list[Flag]],
) -> None:
    """Indicators of the running cycles not observed for too long, or moving away."""
    community_of = {cycle.id: cycle.community_id for cycle in running}
    in_running = (Indicator.cycle_id.in_(_running_ids(live)), Indicator.deleted_at.is_(None))
    indicators = session.execute(
        select(
            Indicator.id,
            Indicator.cycle_id,
            Indicator.wording,
            Indicator.value_kind,
            Indicator.baseline_number,
            Indicator.target_number,
            Indicator.created_at,
        ).where(*in_running)
    ).all()
    observed: dict[uuid.UUID, list[tuple[date, float | None]]] = defaultdict(list)
    for indicator_id, on, value in session.execute(
        select(Observation.indicator_id, Observation.observed_on, Observation.value_number)
        .where(Observation.indicator_id.in_(select(Indicator.id).where(*in_running)))
        .where(Observation.deleted_at.is_(None))
        .order_by(Observation.observed_on, Observation.id)
    ):
        observed[indicator_id].append((on, value))
    silent: dict[uuid.UUID, list[tuple[date, str]]] = defaultdict(list)
    away: dict[uuid.UUID, list[tuple[date, str]]] = defaultdict(list)
    for indicator_id, cycle_id, wording, kind, baseline, target, created in indicators:
        community_id, points = community_of[cycle_id], observed.get(indicator_id, [])
        defined = created.date() if isinstance(created, datetime) else _as_date(created)
        quiet = silent_since(points[-1][0] if points else None, defined, today, limits)
        if quiet is not None:
            silent[community_id].append((quiet, wording))
        values = [v for _on, v in points if v is not None]
        if (
            kind == ObservationKind.NUMBER
            and direction(baseline, target, values, limits) == Direction.AWAY
        ):
            away[community_id].append((points[-1][0], wording))
    for kind, found in ((FlagKind.INDICATOR_AWAY, away), (FlagKind.INDICATOR_SILENT, silent)):
        for community_id, items in found.items():
            items.sort()
            names = tuple(words for _day, words in items)
            flags[community_id].append(Flag(kind, items[0][0], len(items), names))


def _as_date(value: Any) -> date:
    """min()/max() may hand a date back as ISO text on SQLite."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))
