"""Cycles of a community, their phases, and what the learning phase found."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import (
    Cycle,
    LearningFinding,
    Meeting,
    Phase,
    utcnow,
)
from desktop.models.enums import CycleStatus, PhaseKind
from desktop.services.framework.entity import EntityService
from desktop.services.framework.errors import PermissionDenied, ValidationError
from desktop.services.framework.records import Record
from desktop.services.framework.rules import dates_in_order, in_same_cycle
from desktop.services.framework.schema_rules import Errors
from desktop.services.queries.cycle_overview import CycleRow, cycle_rows, held_records, started_by
from desktop.services.security import permissions
from desktop.services.usecases.carry_over import copy_indicators, copy_unfinished_actions
from desktop.services.usecases.cycle_numbers import next_number, number_taken, typed_number


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
    """Cycles may overlap; their numbers are unique within a community among live cycles.

    Deleting a cycle (a tombstone; everything it holds stays, untouched, and comes back
    with it) is for cycles made by mistake:

    - a manager may delete any cycle (the matrix gives managers delete office-wide);
    - a facilitator may delete a cycle of a community assigned to them only if they
      started it themselves and it holds no records yet (no phase, meeting, harm, action,
      indicator, reflection, finding, review or comment): once work went into a cycle,
      removing it is a manager's decision;
    - mentors and administrators may not delete cycles.

    Restoring is a manager's decision only (an office-wide delete grant): it brings back a
    record someone removed on purpose. Both are audited; the delete event names what the
    cycle held.
    """

    model: ClassVar[type[Any]] = Cycle
    data_type: ClassVar[type[Any]] = CycleData
    entity: ClassVar[str] = "cycle"
    required = ("community_id", "start_on")
    choices = {"status": CycleStatus}
    search_fields = ("title",)
    default_order = "start_on"

    def fill_in(self, session: Session, data: CycleData, current: Cycle | None) -> CycleData:
        data = replace(data, number=typed_number(data.number))
        if data.number:
            return data
        if current is not None and current.community_id == data.community_id:
            return replace(data, number=current.number)
        if data.community_id is None:
            return data
        return replace(data, number=next_number(session, data.community_id))

    def check(self, session: Session, data: CycleData, current: Cycle | None) -> Errors:
        errors: Errors = {}
        dates_in_order(errors, "end_on", data.start_on, data.end_on)
        if data.number is not None and (
            isinstance(data.number, bool) or not isinstance(data.number, int)
        ):
            errors["number"] = _("Must be a whole number.")
        elif data.number is not None and data.number < 1:
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

    # --- delete and restore --------------------------------------------------------------

    def overview(
        self, community_id: uuid.UUID, *, today: date | None = None, include_deleted: bool = False
    ) -> list[CycleRow]:
        """The community's cycles with current phase and counts (the Cycles tab)."""
        return cycle_rows(
            self.db, self.actor, community_id, today=today, include_deleted=include_deleted
        )

    def holdings(self, cycle_id: uuid.UUID) -> dict[str, int]:
        """How many live records of each kind the cycle holds (kinds with none left out)."""
        with self.db.session() as session:
            row = self._load(session, cycle_id, include_deleted=True)
            self.authorize(session, permissions.READ, permissions.row_values(row))
            return held_records(session, row.id)

    def may_delete(self, cycle_id: uuid.UUID) -> bool:
        """Whether the actor may delete this cycle now (see the class docstring)."""
        with self.db.session() as session:
            row = self._load(session, cycle_id)
            try:
                self.authorize(session, permissions.DELETE, permissions.row_values(row))
                self._limited_delete(session, row)
            except PermissionDenied:
                return False
            return True

    def may_restore(self) -> bool:
        """Whether the actor may bring deleted cycles back (managers)."""
        if self.actor.is_system:
            return True
        grant = permissions.grant_for(self.actor, self.entity)
        return (
            grant is not None
            and permissions.DELETE in grant.actions
            and grant.scope is permissions.Scope.OFFICE
        )

    def delete(
        self, record_id: uuid.UUID, *, expected_version: int | None = None
    ) -> Record[CycleData]:
        """Mark the cycle deleted; the audit event records what it held."""
        with self.db.sessions.begin() as session:
            row = self._load(session, record_id)
            self.authorize(session, permissions.DELETE, permissions.row_values(row))
            self._check_version(row, expected_version)
            held = self._limited_delete(session, row)
            row.deleted_at = utcnow()
            self.stamp(row)
            session.flush()
            changes = {"number": row.number, "title": row.title, "held": held}
            self._audit_event(session, "delete", row, changes)
            return self._record(row, self.snapshot(session, row))

    def restore(self, record_id: uuid.UUID) -> Record[CycleData]:
        """Bring a deleted cycle back. If another cycle of the community has taken its
        number meanwhile, it comes back with the next free number (the audit event
        records the change) rather than staying out of reach."""
        if not self.may_restore():
            raise PermissionDenied(_("Only a manager can restore a deleted cycle."))
        with self.db.sessions.begin() as session:
            row = self._load(session, record_id, include_deleted=True)
            self.authorize(session, permissions.DELETE, permissions.row_values(row))
            data = self.snapshot(session, row)
            if row.deleted_at is None:
                return self._record(row, data)
            changes: dict[str, Any] = {}
            number = row.number
            if number_taken(session, row):
                number = next_number(session, row.community_id)
                changes["number"] = [row.number, number]
                data = replace(data, number=number)
            self._raise_if_invalid(session, data, row)
            row.number = number
            row.deleted_at = None
            self.stamp(row)
            session.flush()
            self._audit_event(session, "restore", row, changes)
            return self._record(row, self.snapshot(session, row))

    def _limited_delete(self, session: Session, row: Cycle) -> dict[str, int]:
        """What the cycle holds; refused unless the actor may delete it as it stands."""
        held = held_records(session, row.id)
        if self.may_restore():  # office-wide delete: managers (and the system)
            return held
        if held:
            raise PermissionDenied(
                _("This cycle already holds records; only a manager can delete it.")
            )
        if started_by(session, row.id) != self.actor.username:
            raise PermissionDenied(
                _("Someone else started this cycle; only a manager can delete it.")
            )
        return held

    def start_from(
        self,
        previous_id: uuid.UUID,
        data: CycleData,
        *,
        carry_actions: bool = False,
        carry_indicators: bool = False,
    ) -> CarryOver:
        """Start a new cycle of the same community after ``previous_id``, in one transaction.

        On request, the previous cycle's unfinished actions (planned or under way) and its
        indicators are copied into the new cycle; the originals stay as they were, so the
        previous cycle's history is kept. A carried action's harm is selected again in the
        new cycle with the earlier reasons (ranks are the new cycle's own business); an
        action whose harm has been retired since is carried without a harm. A carried
        indicator follows its action when that action is carried too. Each new record
        gets its own audit event, and the new cycle one more naming what was carried.
        """
        data = self._normalise(data)
        with self.db.sessions.begin() as session:
            previous = self._load(session, previous_id)
            if data.community_id != previous.community_id:
                raise ValidationError(
                    {"community_id": _("The new cycle must be of the same community.")}
                )
            cycle = self.create_in(session, data)
            copies = (
                copy_unfinished_actions(session, self.db, self.actor, previous, cycle.id)
                if carry_actions
                else {}
            )
            indicators = (
                copy_indicators(session, self.db, self.actor, previous.id, cycle.id, copies)
                if carry_indicators
                else 0
            )
            row = self._load(session, cycle.id)
            self._audit_event(
                session,
                "carry_over",
                row,
                {
                    "from_cycle": str(previous.id),
                    "actions": len(copies),
                    "indicators": indicators,
                },
            )
            return CarryOver(cycle=cycle, actions=len(copies), indicators=indicators)


@dataclass(frozen=True)
class CarryOver:
    """A cycle started from an earlier one, and how many records came along."""

    cycle: Record[CycleData]
    actions: int
    indicators: int


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
