"""Cycles of a community, their phases, and what the learning phase found."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import Cycle, LearningFinding, Meeting, Phase
from desktop.models.enums import CycleStatus, PhaseKind
from desktop.services.entity import EntityService, Errors
from desktop.services.rules import dates_in_order, in_same_cycle


@dataclass(frozen=True)
class CycleData:
    """A planning and action cycle. ``number`` None (or 0) means "the next free number"."""

    community_id: uuid.UUID
    start_on: date
    number: int | None = None
    title: str = ""
    end_on: date | None = None
    status: str = CycleStatus.ACTIVE.value


class CycleService(EntityService[Cycle, CycleData]):
    """Cycles may overlap; their numbers are unique within a community among live cycles."""

    model: ClassVar[type[Any]] = Cycle
    data_type: ClassVar[type[Any]] = CycleData
    entity: ClassVar[str] = "cycle"
    required = ("community_id", "start_on")
    choices = {"status": CycleStatus}
    search_fields = ("title",)
    default_order = "start_on"

    def fill_in(self, session: Session, data: CycleData, current: Cycle | None) -> CycleData:
        if data.number:
            return data
        if current is not None and current.community_id == data.community_id:
            return replace(data, number=current.number)
        if data.community_id is None:
            return data
        highest = session.scalar(
            select(func.max(Cycle.number)).where(
                Cycle.community_id == data.community_id, Cycle.deleted_at.is_(None)
            )
        )
        return replace(data, number=(highest or 0) + 1)

    def check(self, session: Session, data: CycleData, current: Cycle | None) -> Errors:
        errors: Errors = {}
        dates_in_order(errors, "end_on", data.start_on, data.end_on)
        if data.number is not None and data.number < 1:
            errors["number"] = _("Must be 1 or more.")
        elif data.number is not None:
            clash = select(Cycle.id).where(
                Cycle.community_id == data.community_id,
                Cycle.number == data.number,
                Cycle.deleted_at.is_(None),
            )
            if current is not None:
                clash = clash.where(Cycle.id != current.id)
            if session.scalars(clash.limit(1)).first() is not None:
                errors["number"] = _("Another cycle of this community has this number.")
        return errors


@dataclass(frozen=True)
class PhaseData:
    cycle_id: uuid.UUID
    kind: str
    start_on: date
    end_on: date | None = None
    notes: str = ""


class PhaseService(EntityService[Phase, PhaseData]):
    """Stretches of a cycle, drawn on the timeline. An open phase has no end date yet."""

    model: ClassVar[type[Any]] = Phase
    data_type: ClassVar[type[Any]] = PhaseData
    entity: ClassVar[str] = "phase"
    required = ("cycle_id", "kind", "start_on")
    choices = {"kind": PhaseKind}
    search_fields = ("notes",)
    default_order = "start_on"

    def check(self, session: Session, data: PhaseData, current: Phase | None) -> Errors:
        errors: Errors = {}
        dates_in_order(errors, "end_on", data.start_on, data.end_on)
        return errors


@dataclass(frozen=True)
class LearningFindingData:
    """What the learning phase found; ``validated`` None means "not yet taken back"."""

    cycle_id: uuid.UUID
    summary: str
    harm_id: uuid.UUID | None = None
    method: str = ""
    validated: bool | None = None
    feedback_meeting_id: uuid.UUID | None = None


class LearningFindingService(EntityService[LearningFinding, LearningFindingData]):
    model: ClassVar[type[Any]] = LearningFinding
    data_type: ClassVar[type[Any]] = LearningFindingData
    entity: ClassVar[str] = "learning_finding"
    required = ("cycle_id", "summary")
    search_fields = ("summary", "method")

    def check(
        self, session: Session, data: LearningFindingData, current: LearningFinding | None
    ) -> Errors:
        errors: Errors = {}
        in_same_cycle(
            errors, session, "feedback_meeting_id", Meeting, data.feedback_meeting_id, data.cycle_id
        )
        return errors
