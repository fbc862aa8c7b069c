"""One community's timeline: its live cycles over time, each a lane of phases, actions and
dated records (meetings, observations, reflections, reviews, follow-ups).

Read with seven queries, one per kind of record, whatever the number of cycles; only
for a person who may read the community.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select

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
from desktop.services.queries.timeline.layout import pack_rows
from desktop.services.security import permissions
from desktop.storage import Database

OPEN_ACTION_STATUSES = (ActionStatus.PLANNED.value, ActionStatus.UNDER_WAY.value)
#: Marker kinds, in the order the legend lists them.
MARKER_ENTITIES = ("meeting", "observation", "reflection", "review", "follow_up")


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
