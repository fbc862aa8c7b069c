"""Community actions, the community's own indicators, their observations, and reflections."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import (
    Action,
    ActionStakeholder,
    HarmPriority,
    Indicator,
    Meeting,
    Observation,
    Reflection,
    ReflectionAction,
    Stakeholder,
)
from desktop.models.enums import ActionStatus, ObservationKind
from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.services.framework.rules import cycle_of, dates_in_order, in_same_cycle, not_in_future
from desktop.services.framework.schema_rules import Errors


@dataclass(frozen=True)
class ActionData:
    """An action the community decided on. ``completed_on`` is set by the service when
    the status becomes done (today, unless a date is given) and cleared otherwise.
    ``stakeholder_ids`` are the formal actors who can help."""

    cycle_id: uuid.UUID
    what: str
    harm_id: uuid.UUID | None = None
    lead_role: str = ""
    participants: str = ""
    start_on: date | None = None
    due_on: date | None = None
    status: str = ActionStatus.PLANNED.value
    community_resources: str = ""
    outside_resources: str = ""
    is_manageable: bool = False
    is_sustainable: bool = False
    is_do_no_harm: bool = False
    is_inclusive: bool = False
    completed_on: date | None = None
    stakeholder_ids: frozenset[uuid.UUID] = frozenset()


class ActionService(EntityService[Action, ActionData]):
    """An action addresses a harm the community selected in the same cycle. That is checked
    when the action is made or moved to another harm or cycle, not on every edit: if the
    community later drops the harm, its actions can still be edited (e.g. to drop them)."""

    model: ClassVar[type[Any]] = Action
    data_type: ClassVar[type[Any]] = ActionData
    entity: ClassVar[str] = "action"
    required = ("cycle_id", "what")
    choices = {"status": ActionStatus}
    search_fields = ("what", "lead_role", "participants")
    default_order = "due_on"

    def fill_in(self, session: Session, data: ActionData, current: Action | None) -> ActionData:
        completed_on = None
        if data.status == ActionStatus.DONE:
            already = current.completed_on if current is not None else None
            completed_on = data.completed_on or already or date.today()
        return replace(
            data, completed_on=completed_on, stakeholder_ids=frozenset(data.stakeholder_ids)
        )

    def check(self, session: Session, data: ActionData, current: Action | None) -> Errors:
        errors: Errors = {}
        dates_in_order(errors, "due_on", data.start_on, data.due_on)
        not_in_future(errors, "completed_on", data.completed_on)
        dates_in_order(errors, "completed_on", data.start_on, data.completed_on)
        moved = current is None or (current.harm_id, current.cycle_id) != (
            data.harm_id,
            data.cycle_id,
        )
        if data.harm_id is not None and moved and not self._selected(session, data):
            errors["harm_id"] = _("The community did not select this harm in this cycle.")
        linked = set() if current is None else self._stakeholders(session, current.id)
        added = data.stakeholder_ids - linked
        if added:
            found = session.scalars(
                select(Stakeholder.id).where(
                    Stakeholder.id.in_(added), Stakeholder.deleted_at.is_(None)
                )
            ).all()
            if len(found) != len(added):
                errors["stakeholder_ids"] = _("A formal actor was not found (it may be deleted).")
        return errors

    @staticmethod
    def _selected(session: Session, data: ActionData) -> bool:
        query = select(HarmPriority.id).where(
            HarmPriority.cycle_id == data.cycle_id,
            HarmPriority.harm_id == data.harm_id,
            HarmPriority.selected.is_(True),
            HarmPriority.deleted_at.is_(None),
        )
        return session.scalars(query.limit(1)).first() is not None

    def mark_done(
        self, action_id: uuid.UUID, *, expected_version: int | None = None, on: date | None = None
    ) -> Record[ActionData]:
        """One step from "planned" or "under way" to "done" (completed today unless ``on``)."""
        current = self.get(action_id).data
        done = replace(current, status=ActionStatus.DONE.value, completed_on=on)
        return self.update(action_id, done, expected_version=expected_version)

    def _stakeholders(self, session: Session, action_id: uuid.UUID) -> frozenset[uuid.UUID]:
        rows = self.live_children(session, ActionStakeholder, ("action_id", action_id))
        return frozenset(r.stakeholder_id for r in rows)

    def snapshot(self, session: Session, row: Action) -> ActionData:
        base = super().snapshot(session, row)
        return replace(base, stakeholder_ids=self._stakeholders(session, row.id))

    def after_write(
        self, session: Session, row: Action, before: ActionData | None, data: ActionData
    ) -> None:
        wanted: dict[Any, dict[str, Any]] = {sid: {} for sid in data.stakeholder_ids}
        self.sync_children(
            session, ActionStakeholder, ("action_id", row.id), "stakeholder_id", wanted
        )


#: An action in one of these states is still to be done (and can be overdue or carried over).
UNFINISHED_ACTION_STATUSES = (ActionStatus.PLANNED.value, ActionStatus.UNDER_WAY.value)


def past_due(status: str, due_on: date | None, today: date) -> bool:
    """Planned or under way and past its due date: overdue. The one rule for actions on
    every screen, list, timeline and printout (the queries say the same in SQL)."""
    return due_on is not None and due_on < today and status in UNFINISHED_ACTION_STATUSES


def is_overdue(action: ActionData, today: date) -> bool:
    """Past its due date and neither done nor dropped (the community list counts the same)."""
    return past_due(action.status, action.due_on, today)


@dataclass(frozen=True)
class IndicatorData:
    """A sign of change in the community's own words, for a harm and/or an action."""

    cycle_id: uuid.UUID
    wording: str
    harm_id: uuid.UUID | None = None
    action_id: uuid.UUID | None = None
    defined_by_community: bool = True
    value_kind: str = ObservationKind.NUMBER.value
    method: str = ""
    collected_by: str = ""
    frequency: str = ""
    unit: str = ""
    baseline: str = ""
    target: str = ""


def as_count(text: str) -> float | None:
    """The number ``text`` is ("12", "12.5", "12,5"), None if it is anything else.

    A counted indicator's baseline and target are drawn on its trend chart beside the
    results: "ten girls" or "12 girls" there would be a line nobody can place, so they
    are refused (the unit has its own field) rather than read loosely.
    """
    cleaned = text.strip().replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


class IndicatorService(EntityService[Indicator, IndicatorData]):
    """Once observations are recorded, the kind of value (number or text) is fixed.
    A counted indicator starts from a number and aims at one; an indicator described
    in words keeps its baseline and target in words."""

    model: ClassVar[type[Any]] = Indicator
    data_type: ClassVar[type[Any]] = IndicatorData
    entity: ClassVar[str] = "indicator"
    required = ("cycle_id", "wording")
    choices = {"value_kind": ObservationKind}
    search_fields = ("wording", "method", "collected_by")

    def check(self, session: Session, data: IndicatorData, current: Indicator | None) -> Errors:
        errors: Errors = {}
        in_same_cycle(errors, session, "action_id", Action, data.action_id, data.cycle_id)
        if data.value_kind == ObservationKind.NUMBER:
            for field in ("baseline", "target"):
                text = getattr(data, field)
                if text.strip() and as_count(text) is None:
                    errors[field] = _(
                        "This indicator is counted: write a number, e.g. 12 "
                        "(the unit goes in its own field)."
                    )
        if current is not None and current.value_kind != data.value_kind:
            observed = select(Observation.id).where(
                Observation.indicator_id == current.id, Observation.deleted_at.is_(None)
            )
            if session.scalars(observed.limit(1)).first() is not None:
                errors["value_kind"] = _("Observations are recorded already: keep this kind.")
        return errors

    def apply(self, session: Session, row: Indicator, data: IndicatorData) -> None:
        """The words as typed, and beside them the numbers they are (a counted indicator's
        baseline and target, which its chart draws and the reports measure against)."""
        super().apply(session, row, data)
        counted = data.value_kind == ObservationKind.NUMBER
        row.baseline_number = as_count(data.baseline) if counted else None
        row.target_number = as_count(data.target) if counted else None


@dataclass(frozen=True)
class ObservationData:
    """One monitoring entry: a number for a number indicator, words for a text one."""

    indicator_id: uuid.UUID
    observed_on: date
    value_number: float | None = None
    value_text: str = ""
    note: str = ""
    recorded_by: str = ""


class ObservationService(EntityService[Observation, ObservationData]):
    model: ClassVar[type[Any]] = Observation
    data_type: ClassVar[type[Any]] = ObservationData
    entity: ClassVar[str] = "observation"
    required = ("indicator_id", "observed_on")
    search_fields = ("value_text", "note", "recorded_by")
    default_order = "observed_on"

    def check(self, session: Session, data: ObservationData, current: Observation | None) -> Errors:
        errors: Errors = {}
        not_in_future(errors, "observed_on", data.observed_on)
        indicator = session.get(Indicator, data.indicator_id) if data.indicator_id else None
        if indicator is None:
            return errors
        if indicator.value_kind == ObservationKind.NUMBER and data.value_number is None:
            errors["value_number"] = _("This indicator is counted: give a number.")
        elif indicator.value_kind == ObservationKind.TEXT and not data.value_text:
            errors["value_text"] = _("This indicator is described in words: write what you saw.")
        return errors


@dataclass(frozen=True)
class ReflectionData:
    """A reflection session; ``action_ids`` are the actions its adjustments change."""

    cycle_id: uuid.UUID
    held_on: date
    what_worked: str = ""
    challenges: str = ""
    adjustments: str = ""
    meeting_id: uuid.UUID | None = None
    action_ids: frozenset[uuid.UUID] = frozenset()


class ReflectionService(EntityService[Reflection, ReflectionData]):
    """A reflection that took place (not in the future) and says something."""

    model: ClassVar[type[Any]] = Reflection
    data_type: ClassVar[type[Any]] = ReflectionData
    entity: ClassVar[str] = "reflection"
    required = ("cycle_id", "held_on")
    search_fields = ("what_worked", "challenges", "adjustments")
    default_order = "held_on"

    def fill_in(
        self, session: Session, data: ReflectionData, current: Reflection | None
    ) -> ReflectionData:
        return replace(data, action_ids=frozenset(data.action_ids))

    def check(self, session: Session, data: ReflectionData, current: Reflection | None) -> Errors:
        errors: Errors = {}
        not_in_future(errors, "held_on", data.held_on)
        if not (data.what_worked or data.challenges or data.adjustments):
            errors["what_worked"] = _("Write what worked, the challenges or the adjustments.")
        in_same_cycle(errors, session, "meeting_id", Meeting, data.meeting_id, data.cycle_id)
        same_cycle = current is not None and current.cycle_id == data.cycle_id
        kept = self._actions(session, current.id) if current and same_cycle else frozenset()
        for action_id in data.action_ids - kept:
            cycle_id = cycle_of(session, Action, action_id)
            if cycle_id is None:
                errors["action_ids"] = _("An action was not found (it may be deleted).")
            elif cycle_id != data.cycle_id:
                errors["action_ids"] = _("An action belongs to another cycle.")
        return errors

    def _actions(self, session: Session, reflection_id: uuid.UUID) -> frozenset[uuid.UUID]:
        rows = self.live_children(session, ReflectionAction, ("reflection_id", reflection_id))
        return frozenset(r.action_id for r in rows)

    def snapshot(self, session: Session, row: Reflection) -> ReflectionData:
        base = super().snapshot(session, row)
        return replace(base, action_ids=self._actions(session, row.id))

    def after_write(
        self,
        session: Session,
        row: Reflection,
        before: ReflectionData | None,
        data: ReflectionData,
    ) -> None:
        wanted: dict[Any, dict[str, Any]] = {aid: {} for aid in data.action_ids}
        self.sync_children(
            session, ReflectionAction, ("reflection_id", row.id), "action_id", wanted
        )
