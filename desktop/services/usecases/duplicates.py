"""Possible duplicates: when two records look like the same community or stakeholder.

"The same" is one rule wherever it is asked (a list being imported, a laptop's new record
reaching the office): the names compare equal ignoring accents, case and spacing, in the
same district, and for a stakeholder of the same type too (:func:`likeness_key`).

The office server writes a :class:`PossibleDuplicate` when a laptop's new record is like
one it already has (:func:`note_possible_duplicates`); nothing is merged. A manager
decides later (``desktop.services.usecases.duplicate_review``). The item is a synced
record: a laptop receives it when its user can read both records, and the decision is an
ordinary change of it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import AuditEvent, Community, PossibleDuplicate, Stakeholder, SyncChange
from desktop.models.enums import DuplicateKind, DuplicateStatus
from desktop.services.framework.actor import SYSTEM
from desktop.services.framework.entity import EntityService
from desktop.services.framework.schema_rules import Errors
from desktop.services.framework.text import escape_like, match_key
from desktop.services.security import permissions
from desktop.storage import Database

MODELS: dict[str, type[Any]] = {
    DuplicateKind.COMMUNITY.value: Community,
    DuplicateKind.STAKEHOLDER.value: Stakeholder,
}
MOST_PER_RECORD = 5  # items one new record can raise (a sixth look-alike adds nothing new)


def likeness_key(kind: str, data: Any) -> tuple[str, ...]:
    """What two records of ``kind`` share when they are likely the same one (``data``: a
    community's or stakeholder's form data, or its stored row)."""
    key = (match_key(data.name), match_key(data.district))
    if kind == DuplicateKind.STAKEHOLDER:
        return (*key, str(data.type))
    return key


@dataclass(frozen=True)
class DuplicateData:
    """Two records that may be one, who added each and when; ``status`` open until a
    manager keeps both or merges (then ``kept_id`` is the record kept)."""

    kind: str
    first_id: uuid.UUID
    second_id: uuid.UUID
    first_added_by: str = ""
    first_added_at: datetime | None = None
    second_added_by: str = ""
    second_added_at: datetime | None = None
    status: str = DuplicateStatus.OPEN.value
    kept_id: uuid.UUID | None = None


class PossibleDuplicateService(EntityService[PossibleDuplicate, DuplicateData]):
    """Only the office server makes these (as the system); a manager's decision is an
    update. Reading one about two communities needs the right to read both."""

    model: ClassVar[type[Any]] = PossibleDuplicate
    data_type: ClassVar[type[Any]] = DuplicateData
    entity: ClassVar[str] = "possible_duplicate"
    required = ("kind", "first_id", "second_id")
    choices = {"kind": DuplicateKind, "status": DuplicateStatus}

    def check(
        self, session: Session, data: DuplicateData, current: PossibleDuplicate | None
    ) -> Errors:
        errors: Errors = {}
        if data.first_id == data.second_id:
            errors["second_id"] = _("A record is not a duplicate of itself.")
        if current is not None:
            pair = (current.kind, current.first_id, current.second_id)
            if pair != (data.kind, data.first_id, data.second_id):
                errors["first_id"] = _("The records of a possible duplicate do not change.")
            if current.status != DuplicateStatus.OPEN and data.status != current.status:
                errors["status"] = _("This possible duplicate was already decided.")
        if data.status == DuplicateStatus.MERGED and data.kept_id not in (
            data.first_id,
            data.second_id,
        ):
            errors["kept_id"] = _("Keep one of the two records.")
        elif data.status != DuplicateStatus.MERGED and data.kept_id is not None:
            errors["kept_id"] = _("Only a merge keeps one record.")
        return errors

    def authorize(self, session: Session, action: str, values: Any) -> None:
        super().authorize(session, action, values)
        if values.get("kind") == DuplicateKind.COMMUNITY and not self.actor.is_system:
            for key in ("first_id", "second_id"):
                permissions.require(session, self.actor, action, self.entity, values.get(key))


def look_alikes(session: Session, kind: str, row: Any) -> list[Any]:
    """Live records of ``kind`` that are likely the same as ``row`` (itself left out)."""
    model = MODELS[kind]
    wanted = likeness_key(kind, row)
    query = select(model).where(model.deleted_at.is_(None), model.id != row.id)
    if kind == DuplicateKind.COMMUNITY:
        # Its folded name starts the search text: a first word narrows the reading.
        first_word = wanted[0].split(" ")[0] if wanted[0] else ""
        query = query.where(Community.search_text.like(f"{escape_like(first_word)}%", escape="\\"))
    else:
        query = query.where(Stakeholder.type == row.type)
    found = [other for other in session.scalars(query) if likeness_key(kind, other) == wanted]
    return sorted(found, key=lambda other: (other.created_at, str(other.id)))


def note_possible_duplicates(
    session: Session, db: Database, kind: str, record_id: uuid.UUID
) -> int:
    """On the office server, in the transaction that adds ``record_id``: one item for
    each older record it looks like (none twice for one pair). Returns how many."""
    row = session.get(MODELS[kind], record_id)
    if row is None:
        return 0
    service = PossibleDuplicateService(db, SYSTEM)
    made = 0
    for other in look_alikes(session, kind, row)[:MOST_PER_RECORD]:
        if _already_noted(session, other.id, row.id):
            continue
        first_by, first_at = added(session, kind, other)
        second_by, second_at = added(session, kind, row)
        data = DuplicateData(kind, other.id, row.id, first_by, first_at, second_by, second_at)
        service.create_in(session, data)
        made += 1
    return made


def _already_noted(session: Session, one: uuid.UUID, two: uuid.UUID) -> bool:
    pair = [one, two]
    query = select(PossibleDuplicate.id).where(
        PossibleDuplicate.first_id.in_(pair),
        PossibleDuplicate.second_id.in_(pair),
    )
    return session.scalars(query.limit(1)).first() is not None


def added(session: Session, kind: str, row: Any) -> tuple[str, datetime | None]:
    """Who added a record and when, as the office knows it: the laptop change that made
    it, else the audit event of its creation, else whoever last wrote it."""
    change = session.execute(
        select(SyncChange.username, SyncChange.at)
        .where(
            SyncChange.entity_type == kind,
            SyncChange.entity_id == str(row.id),
            SyncChange.action == "create",
        )
        .limit(1)
    ).first()
    if change is not None:
        return change[0], change[1]
    event = session.execute(
        select(AuditEvent.username, AuditEvent.at)
        .where(
            AuditEvent.entity_type == kind,
            AuditEvent.entity_id == str(row.id),
            AuditEvent.action == "create",
        )
        .limit(1)
    ).first()
    if event is not None:
        return event[0], event[1]
    return row.updated_by or "", row.created_at
