"""Meetings with participation counts by group, and the members of planning groups."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import Meeting, MeetingAttendance, PlanningGroupMember
from desktop.models.enums import MeetingKind
from desktop.services.framework.entity import EntityService
from desktop.services.framework.rules import check_group_codes, dates_in_order, not_in_future
from desktop.services.framework.schema_rules import Errors


@dataclass(frozen=True)
class MeetingData:
    """A meeting that took place. ``attendance`` maps a participant group code to how
    many people of that group took part; a count of 0 is kept (it says nobody came)."""

    cycle_id: uuid.UUID
    held_on: date
    kind: str
    place: str = ""
    facilitated_by: str = ""
    decisions: str = ""
    notes: str = ""
    attendance: Mapping[str, int] = field(default_factory=dict)


class MeetingService(EntityService[Meeting, MeetingData]):
    """A meeting record is of a meeting that happened, so ``held_on`` cannot be in the
    future (plans belong in actions and phases). Attendance may name any participant
    group of the office, including deactivated ones, so old paper records can be entered."""

    model: ClassVar[type[Any]] = Meeting
    data_type: ClassVar[type[Any]] = MeetingData
    entity: ClassVar[str] = "meeting"
    required = ("cycle_id", "held_on", "kind")
    choices = {"kind": MeetingKind}
    search_fields = ("place", "facilitated_by", "decisions", "notes")
    default_order = "held_on"

    def fill_in(self, session: Session, data: MeetingData, current: Meeting | None) -> MeetingData:
        attendance = {code.strip(): count for code, count in data.attendance.items()}
        return replace(data, attendance=attendance)

    def check(self, session: Session, data: MeetingData, current: Meeting | None) -> Errors:
        errors: Errors = {}
        not_in_future(errors, "held_on", data.held_on)
        if any(not isinstance(n, int) or isinstance(n, bool) for n in data.attendance.values()):
            errors["attendance"] = _("Counts must be whole numbers.")
        elif any(count < 0 for count in data.attendance.values()):
            errors["attendance"] = _("Counts cannot be negative.")
        check_group_codes(errors, session, "attendance", data.attendance)
        return errors

    def snapshot(self, session: Session, row: Meeting) -> MeetingData:
        rows = self.live_children(session, MeetingAttendance, ("meeting_id", row.id))
        attendance = {r.group_code: r.count for r in rows}
        return replace(super().snapshot(session, row), attendance=attendance)

    def after_write(
        self, session: Session, row: Meeting, before: MeetingData | None, data: MeetingData
    ) -> None:
        wanted = {code: {"count": count} for code, count in data.attendance.items()}
        self.sync_children(session, MeetingAttendance, ("meeting_id", row.id), "group_code", wanted)

    def total_attendance(self, meeting_id: uuid.UUID) -> int:
        """Everyone counted at a meeting, all groups together."""
        return sum(self.get(meeting_id).data.attendance.values())


@dataclass(frozen=True)
class PlanningGroupMemberData:
    """A planning group member, by role or initials (full names are not needed)."""

    community_id: uuid.UUID
    label: str
    group_code: str = ""
    from_on: date | None = None
    to_on: date | None = None


class PlanningGroupMemberService(EntityService[PlanningGroupMember, PlanningGroupMemberData]):
    model: ClassVar[type[Any]] = PlanningGroupMember
    data_type: ClassVar[type[Any]] = PlanningGroupMemberData
    entity: ClassVar[str] = "planning_group_member"
    required = ("community_id", "label")
    search_fields = ("label",)
    default_order = "label"

    def check(
        self,
        session: Session,
        data: PlanningGroupMemberData,
        current: PlanningGroupMember | None,
    ) -> Errors:
        errors: Errors = {}
        if data.group_code:
            check_group_codes(errors, session, "group_code", [data.group_code])
        dates_in_order(errors, "to_on", data.from_on, data.to_on)
        return errors
