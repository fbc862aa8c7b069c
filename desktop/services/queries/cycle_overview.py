"""What a community's Cycles tab lists: each cycle with its current phase and the counts a
field office checks first (open and overdue actions, meetings, the last meeting).

One query whatever the number of cycles: the counts are correlated subqueries over the
indexed ``cycle_id`` keys, and only cycles the person may read are returned. Also what a
cycle holds and who started it, which decide who may delete it (``CycleService``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import ScalarSelect

from desktop.models import (
    Action,
    AuditEvent,
    Comment,
    Cycle,
    HarmPriority,
    Indicator,
    LearningFinding,
    Meeting,
    MentorReview,
    Phase,
    Reflection,
)
from desktop.services.framework.actor import Actor
from desktop.services.security import permissions
from desktop.services.usecases.actions import UNFINISHED_ACTION_STATUSES
from desktop.storage import Database


@dataclass(frozen=True)
class CycleRow:
    """One line of the Cycles tab."""

    id: uuid.UUID
    version: int
    number: int
    title: str
    start_on: date
    end_on: date | None
    status: str
    current_phase: str | None  # a PhaseKind value; None when no phase covers today
    open_actions: int  # planned or under way
    overdue_actions: int  # of those, past their due date
    meetings: int
    last_meeting: date | None
    deleted_at: datetime | None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def _current_phase(today: date) -> ScalarSelect[Any]:
    return (
        select(Phase.kind)
        .where(
            Phase.cycle_id == Cycle.id,
            Phase.deleted_at.is_(None),
            Phase.start_on <= today,
            or_(Phase.end_on.is_(None), Phase.end_on >= today),
        )
        .order_by(Phase.start_on.desc(), Phase.id)
        .limit(1)
        .correlate(Cycle)
        .scalar_subquery()
    )


def _actions(*conditions: Any) -> ScalarSelect[Any]:
    return (
        select(func.count())
        .select_from(Action)
        .where(
            Action.cycle_id == Cycle.id,
            Action.deleted_at.is_(None),
            Action.status.in_(UNFINISHED_ACTION_STATUSES),
            *conditions,
        )
        .correlate(Cycle)
        .scalar_subquery()
    )


def _meetings(column: Any) -> ScalarSelect[Any]:
    return (
        select(column)
        .select_from(Meeting)
        .where(Meeting.cycle_id == Cycle.id, Meeting.deleted_at.is_(None))
        .correlate(Cycle)
        .scalar_subquery()
    )


def cycle_rows(
    db: Database,
    actor: Actor,
    community_id: uuid.UUID,
    *,
    today: date | None = None,
    include_deleted: bool = False,
) -> list[CycleRow]:
    """The community's cycles, newest number first (deleted ones too when asked)."""
    today = today or date.today()
    query = select(
        Cycle,
        _current_phase(today).label("current_phase"),
        _actions().label("open_actions"),
        _actions(Action.due_on < today).label("overdue_actions"),
        _meetings(func.count()).label("meetings"),
        _meetings(func.max(Meeting.held_on)).label("last_meeting"),
    ).where(Cycle.community_id == community_id)
    if not include_deleted:
        query = query.where(Cycle.deleted_at.is_(None))
    with db.session() as session:
        query = query.where(permissions.readable_condition(session, actor, Cycle))
        rows = session.execute(query.order_by(Cycle.number.desc(), Cycle.id)).all()
        return [
            CycleRow(
                id=cycle.id,
                version=cycle.version,
                number=cycle.number,
                title=cycle.title,
                start_on=cycle.start_on,
                end_on=cycle.end_on,
                status=cycle.status,
                current_phase=row.current_phase,
                open_actions=row.open_actions or 0,
                overdue_actions=row.overdue_actions or 0,
                meetings=row.meetings or 0,
                last_meeting=_as_date(row.last_meeting),
                deleted_at=cycle.deleted_at,
            )
            for row in rows
            for cycle in (row[0],)
        ]


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


#: The records a cycle holds, by kind (as ``desktop.labels.record_kind`` names them).
_HELD: tuple[tuple[str, type[Any]], ...] = (
    ("phase", Phase),
    ("meeting", Meeting),
    ("learning_finding", LearningFinding),
    ("harm_priority", HarmPriority),
    ("action", Action),
    ("indicator", Indicator),
    ("reflection", Reflection),
    ("mentor_review", MentorReview),
    ("comment", Comment),
)


def held_records(session: Session, cycle_id: uuid.UUID) -> dict[str, int]:
    """How many live records of each kind the cycle holds (kinds with none left out)."""
    counts: dict[str, int] = {}
    for kind, model in _HELD:
        count = session.scalar(
            select(func.count())
            .select_from(model)
            .where(model.cycle_id == cycle_id, model.deleted_at.is_(None))
        )
        if count:
            counts[kind] = count
    return counts


def started_by(session: Session, cycle_id: uuid.UUID) -> str | None:
    """Who created the cycle, from the audit trail (None for bulk-loaded cycles)."""
    return session.scalars(
        select(AuditEvent.username)
        .where(
            AuditEvent.entity_type == "cycle",
            AuditEvent.entity_id == str(cycle_id),
            AuditEvent.action == "create",
        )
        .order_by(AuditEvent.seq)
        .limit(1)
    ).first()
