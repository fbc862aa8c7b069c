"""Formal and other actors, and each community's links with them over time."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import Linkage, LinkageChange, Stakeholder
from desktop.models.enums import LinkageKind, LinkageStatus, StakeholderLevel, StakeholderType
from desktop.services.entity import EntityService, Errors
from desktop.services.rules import not_in_future

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


@dataclass(frozen=True)
class LinkageEntry:
    status: str
    changed_on: date
    note: str
    changed_by: str


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
        latest = self._latest_change(session, row.id)
        note = latest.note if latest is not None else ""
        return replace(super().snapshot(session, row), status_note=note)

    def after_write(
        self, session: Session, row: Linkage, before: LinkageData | None, data: LinkageData
    ) -> None:
        """Every change of status (and the first one) is kept with its note."""
        if before is not None and before.status == data.status:
            latest = self._latest_change(session, row.id)
            if latest is not None and latest.note != data.status_note:
                latest.note = data.status_note
                self.stamp(latest)
            return
        change = LinkageChange(
            id=uuid.uuid4(),
            linkage_id=row.id,
            status=data.status,
            changed_on=date.today(),
            note=data.status_note,
        )
        self.stamp(change)
        session.add(change)

    def history(self, linkage_id: uuid.UUID) -> list[LinkageEntry]:
        """The linkage's status changes, oldest first."""
        with self.db.session() as session:
            self._load(session, linkage_id, include_deleted=True)
            rows = session.scalars(
                select(LinkageChange)
                .where(LinkageChange.linkage_id == linkage_id, LinkageChange.deleted_at.is_(None))
                .order_by(LinkageChange.changed_on, LinkageChange.created_at)
            )
            return [LinkageEntry(r.status, r.changed_on, r.note, r.updated_by) for r in rows]

    @staticmethod
    def _latest_change(session: Session, linkage_id: uuid.UUID) -> LinkageChange | None:
        return session.scalars(
            select(LinkageChange)
            .where(LinkageChange.linkage_id == linkage_id, LinkageChange.deleted_at.is_(None))
            .order_by(LinkageChange.changed_on.desc(), LinkageChange.created_at.desc())
            .limit(1)
        ).first()
