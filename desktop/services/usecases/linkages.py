"""Formal and other actors, and each community's links with them over time."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import Linkage, LinkageChange, Stakeholder
from desktop.models.enums import LinkageKind, LinkageStatus, StakeholderLevel, StakeholderType
from desktop.services.framework.entity import EntityService
from desktop.services.framework.rules import not_in_future
from desktop.services.framework.schema_rules import Errors
from desktop.services.framework.status_history import StatusEntry, StatusHistory
from desktop.services.security import permissions

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


@dataclass(frozen=True)
class StakeholderData:
    name: str
    type: str
    level: str = StakeholderLevel.DISTRICT.value
    district: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""


class StakeholderService(EntityService[Stakeholder, StakeholderData]):
    model: ClassVar[type[Any]] = Stakeholder
    data_type: ClassVar[type[Any]] = StakeholderData
    entity: ClassVar[str] = "stakeholder"
    required = ("name", "type")
    choices = {"type": StakeholderType, "level": StakeholderLevel}
    search_fields = ("name", "district", "contact_person")
    default_order = "name"

    def check(self, session: Session, data: StakeholderData, current: Stakeholder | None) -> Errors:
        errors: Errors = {}
        if data.email and not EMAIL_PATTERN.match(data.email):
            errors["email"] = _("Not an e-mail address (name@example.org).")
        return errors


@dataclass(frozen=True)
class LinkageData:
    """A community's link with a stakeholder. ``status_note`` goes into the status history
    with each change of status (and stays with the latest entry until the next change)."""

    community_id: uuid.UUID
    stakeholder_id: uuid.UUID
    kind: str
    status: str = LinkageStatus.PROPOSED.value
    agreed_on: date | None = None
    agreement: str = ""
    notes: str = ""
    status_note: str = ""


LINKAGE_HISTORY = StatusHistory(LinkageChange, "linkage_id", "note")


class LinkageService(EntityService[Linkage, LinkageData]):
    model: ClassVar[type[Any]] = Linkage
    data_type: ClassVar[type[Any]] = LinkageData
    entity: ClassVar[str] = "linkage"
    required = ("community_id", "stakeholder_id", "kind")
    choices = {"kind": LinkageKind, "status": LinkageStatus}
    search_fields = ("agreement", "notes")

    def check(self, session: Session, data: LinkageData, current: Linkage | None) -> Errors:
        errors: Errors = {}
        not_in_future(errors, "agreed_on", data.agreed_on)
        return errors

    def snapshot(self, session: Session, row: Linkage) -> LinkageData:
        note = LINKAGE_HISTORY.latest_note(session, row.id)
        return replace(super().snapshot(session, row), status_note=note)

    def after_write(
        self, session: Session, row: Linkage, before: LinkageData | None, data: LinkageData
    ) -> None:
        """Every change of status (and the first one) is kept with its note."""
        LINKAGE_HISTORY.record(
            session,
            self.stamp,
            row.id,
            status_before=before.status if before is not None else None,
            status=data.status,
            note=data.status_note,
            changed_on=date.today(),
        )

    def history(self, linkage_id: uuid.UUID) -> list[StatusEntry]:
        """The linkage's status changes, oldest first."""
        with self.db.session() as session:
            row = self._load(session, linkage_id, include_deleted=True)
            self.authorize(session, permissions.READ, permissions.row_values(row))
            return LINKAGE_HISTORY.entries(session, linkage_id)
