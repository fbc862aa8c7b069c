"""Deciding a possible duplicate: keep both records, or merge one into the other.

Keeping both only marks the item decided. Merging is, in one transaction, the item marked
merged, every record that hangs on the one given up moved to the one kept (a community's
cycles, planning group, linkages, own harms and files; a stakeholder's linkages, the
actions it helps with and its files), the people assigned to a community given up
assigned to the one kept as well, and the one given up deleted (a tombstone, which a
manager can restore). Each of these is an ordinary write through its
own service, so each is checked against the permission matrix, audited, and syncs to
every laptop like any other change: a refusal anywhere leaves nothing half-done.

Deciding is an update of the item, which the matrix gives managers and administrators;
merging also needs the right to change the records moved and to delete the one given up,
which managers have.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.i18n import _, ngettext
from desktop.models import (
    Action,
    ActionStakeholder,
    Attachment,
    CommunityAssignment,
    Cycle,
    Harm,
    Linkage,
    PlanningGroupMember,
    PossibleDuplicate,
)
from desktop.models.enums import DuplicateKind, DuplicateStatus
from desktop.services.framework.actor import Actor
from desktop.services.framework.entity import EntityService
from desktop.services.framework.errors import NotFoundError, ValidationError
from desktop.services.security.users import AssignmentService
from desktop.services.usecases.actions import ActionService
from desktop.services.usecases.attachments import AttachmentService
from desktop.services.usecases.communities import CommunityService
from desktop.services.usecases.cycles import CycleService
from desktop.services.usecases.duplicates import MODELS, DuplicateData, PossibleDuplicateService
from desktop.services.usecases.harms import HarmService
from desktop.services.usecases.linkages import LinkageService, StakeholderService
from desktop.services.usecases.meetings import PlanningGroupMemberService
from desktop.storage import Database

#: What hangs on a record of each kind: (kind of record, its model, the column naming it).
HANGING: dict[str, tuple[tuple[str, type[Any], str], ...]] = {
    DuplicateKind.COMMUNITY.value: (
        ("cycle", Cycle, "community_id"),
        ("planning_group_member", PlanningGroupMember, "community_id"),
        ("linkage", Linkage, "community_id"),
        ("harm", Harm, "community_id"),
    ),
    DuplicateKind.STAKEHOLDER.value: (("linkage", Linkage, "stakeholder_id"),),
}


@dataclass(frozen=True)
class DuplicateSide:
    """One of the two records, as a manager compares them."""

    id: uuid.UUID
    name: str
    district: str
    added_by: str
    added_at: datetime | None
    holds: dict[str, int]  # kind of record -> how many live ones hang on it
    deleted: bool

    @property
    def records(self) -> int:
        return sum(self.holds.values())

    @property
    def title(self) -> str:
        """How a person names it: "Kéréwé (Lira)"."""
        return f"{self.name} ({self.district})" if self.district else self.name

    def holds_words(self) -> str:
        """What hangs on it in words: "2 cycles, 1 linkage" ("nothing" when empty)."""
        if not self.holds:
            return _("nothing")
        return ", ".join(_counted(kind, count) for kind, count in self.holds.items())


def _counted(kind: str, n: int) -> str:
    if kind == "cycle":
        text = ngettext("{n} cycle", "{n} cycles", n)
    elif kind == "planning_group_member":
        text = ngettext("{n} planning group member", "{n} planning group members", n)
    elif kind == "linkage":
        text = ngettext("{n} linkage", "{n} linkages", n)
    elif kind == "harm":
        text = ngettext("{n} harm of its own", "{n} harms of its own", n)
    elif kind == "action":
        text = ngettext("{n} action", "{n} actions", n)
    elif kind == "attachment":
        text = ngettext("{n} attached file", "{n} attached files", n)
    elif kind == "community_assignment":
        text = ngettext("{n} person assigned", "{n} people assigned", n)
    else:
        text = "{n} " + kind.replace("_", " ")
    return text.format(n=n)


@dataclass(frozen=True)
class DuplicateItem:
    """A possible duplicate with both records side by side."""

    id: uuid.UUID
    version: int
    kind: str
    status: str
    first: DuplicateSide
    second: DuplicateSide
    kept_id: uuid.UUID | None
    decided_by: str
    decided_at: datetime | None


class DuplicateReviews:
    """The possible duplicates ``actor`` may read, and deciding them."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self.service = PossibleDuplicateService(db, actor)

    def items(self, *, decided: bool = False) -> list[DuplicateItem]:
        """The open items, oldest first (``decided``: the decided ones too)."""
        where = None if decided else {"status": DuplicateStatus.OPEN.value}
        records = self.service.list(where=where, limit=None).items
        with self.db.session() as session:
            return [self._item(session, record.id) for record in records]

    def item(self, item_id: uuid.UUID) -> DuplicateItem:
        self.service.get(item_id)  # not found, or not this person's to read
        with self.db.session() as session:
            return self._item(session, item_id)

    def find(self, text: str) -> uuid.UUID:
        """The item whose id is ``text`` or starts with it (as the list shows ids)."""
        wanted = text.strip().lower()
        found = [
            item.id
            for item in self.service.list(limit=None).items
            if wanted and str(item.id).startswith(wanted)
        ]
        if len(found) != 1:
            raise NotFoundError(_("no single possible duplicate with id {id}").format(id=text))
        return found[0]

    def keep_both(self, item_id: uuid.UUID, *, expected_version: int | None = None) -> None:
        """Both records are different ones after all: the item is closed, nothing moves."""
        current = self.service.get(item_id).data
        decided = replace(current, status=DuplicateStatus.KEPT_BOTH.value)
        self.service.update(item_id, decided, expected_version=expected_version)

    def merge_into(
        self, item_id: uuid.UUID, keep_id: uuid.UUID, *, expected_version: int | None = None
    ) -> dict[str, int]:
        """Keep ``keep_id``, move what hangs on the other to it and delete the other, all
        or nothing. Returns how many records of each kind moved."""
        with self.db.sessions.begin() as session:
            current = self._current(session, item_id)
            decided = replace(current, status=DuplicateStatus.MERGED.value, kept_id=keep_id)
            self.service.update_in(session, item_id, decided, expected_version=expected_version)
            other = current.second_id if keep_id == current.first_id else current.first_id
            moved = self._move_hanging(session, current.kind, other, keep_id)
            moved.update(self._move_files(session, current.kind, other, keep_id))
            if current.kind == DuplicateKind.STAKEHOLDER:
                moved.update(self._move_actions(session, other, keep_id))
            else:
                moved["community_assignment"] = self._copy_assignments(session, other, keep_id)
            record_service(self.db, self.actor, current.kind).delete_in(session, other)
        return {kind: count for kind, count in moved.items() if count}

    def _current(self, session: Session, item_id: uuid.UUID) -> DuplicateData:
        row = session.get(PossibleDuplicate, item_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError(_("no possible duplicate with id {id}").format(id=item_id))
        data: DuplicateData = self.service.snapshot(session, row)
        return data

    # ------------------------------------------------------------------ moving
    def _move_hanging(
        self, session: Session, kind: str, other: uuid.UUID, keep: uuid.UUID
    ) -> dict[str, int]:
        moved: dict[str, int] = {}
        for entity, model, column in HANGING[kind]:
            service = _SERVICES[entity](self.db, self.actor)
            rows = _live(session, model, column, other)
            for row in rows:
                data = replace(service.snapshot(session, row), **{column: keep})
                if entity == "cycle" and _number_taken(session, keep, row.number):
                    data = replace(data, number=None)  # the next free number of the one kept
                service.update_in(session, row.id, data)
            moved[entity] = len(rows)
        return moved

    def _copy_assignments(self, session: Session, other: uuid.UUID, keep: uuid.UUID) -> int:
        """The people assigned to the community given up are assigned to the one kept
        too (unless they already are). Their old assignments stay with the deleted
        community, as when any community is deleted: so their laptops still receive its
        deletion, and then the kept community whole, as newly assigned."""
        service = AssignmentService(self.db, self.actor)
        copied = 0
        for row in _live(session, CommunityAssignment, "community_id", other):
            data = replace(service.snapshot(session, row), community_id=keep)
            try:
                service.create_in(session, data)
            except ValidationError:
                continue  # already assigned there for that period
            copied += 1
        return copied

    def _move_files(
        self, session: Session, kind: str, other: uuid.UUID, keep: uuid.UUID
    ) -> dict[str, int]:
        service = AttachmentService(self.db, self.actor)
        rows = session.scalars(
            select(Attachment).where(
                Attachment.entity_type == kind,
                Attachment.entity_id == other,
                Attachment.deleted_at.is_(None),
            )
        ).all()
        for row in rows:
            service.update_in(
                session, row.id, replace(service.snapshot(session, row), entity_id=keep)
            )
        return {"attachment": len(rows)}

    def _move_actions(self, session: Session, other: uuid.UUID, keep: uuid.UUID) -> dict[str, int]:
        """The actions the stakeholder given up helps with name the one kept instead."""
        service = ActionService(self.db, self.actor)
        links = _live(session, ActionStakeholder, "stakeholder_id", other)
        for link in links:
            row = session.get(Action, link.action_id)
            if row is None or row.deleted_at is not None:
                continue
            data = service.snapshot(session, row)
            helpers = frozenset((data.stakeholder_ids - {other}) | {keep})
            service.update_in(session, row.id, replace(data, stakeholder_ids=helpers))
        return {"action": len(links)}

    # ----------------------------------------------------------------- reading
    def _item(self, session: Session, item_id: uuid.UUID) -> DuplicateItem:
        row = session.get(PossibleDuplicate, item_id)
        if row is None:
            raise NotFoundError(_("no possible duplicate with id {id}").format(id=item_id))
        first = self._side(session, row.kind, row.first_id, row.first_added_by, row.first_added_at)
        second = self._side(
            session, row.kind, row.second_id, row.second_added_by, row.second_added_at
        )
        open_ = row.status == DuplicateStatus.OPEN
        return DuplicateItem(
            id=row.id,
            version=row.version,
            kind=row.kind,
            status=row.status,
            first=first,
            second=second,
            kept_id=row.kept_id,
            decided_by="" if open_ else row.updated_by,
            decided_at=None if open_ else row.updated_at,
        )

    def _side(
        self, session: Session, kind: str, record_id: uuid.UUID, by: str, at: datetime | None
    ) -> DuplicateSide:
        record = session.get(MODELS[kind], record_id)
        return DuplicateSide(
            id=record_id,
            name=record.name if record is not None else "",
            district=record.district if record is not None else "",
            added_by=by,
            added_at=at,
            holds=holdings(session, kind, record_id),
            deleted=record is None or record.deleted_at is not None,
        )


def holdings(session: Session, kind: str, record_id: uuid.UUID) -> dict[str, int]:
    """How many live records of each kind hang on a community or stakeholder."""
    found: dict[str, int] = {}
    pairs = [(entity, model, column) for entity, model, column in HANGING[kind]]
    if kind == DuplicateKind.STAKEHOLDER:
        pairs.append(("action", ActionStakeholder, "stakeholder_id"))
    for entity, model, column in pairs:
        found[entity] = _count(session, model, column, record_id)
    found["attachment"] = (
        session.scalar(
            select(func.count())
            .select_from(Attachment)
            .where(
                Attachment.entity_type == kind,
                Attachment.entity_id == record_id,
                Attachment.deleted_at.is_(None),
            )
        )
        or 0
    )
    return {entity: count for entity, count in found.items() if count}


def record_service(db: Database, actor: Actor, kind: str) -> EntityService[Any, Any]:
    if kind == DuplicateKind.COMMUNITY:
        return CommunityService(db, actor)
    return StakeholderService(db, actor)


_SERVICES: dict[str, type[EntityService[Any, Any]]] = {
    "cycle": CycleService,
    "planning_group_member": PlanningGroupMemberService,
    "linkage": LinkageService,
    "harm": HarmService,
}


def _live(session: Session, model: type[Any], column: str, record_id: uuid.UUID) -> list[Any]:
    query = select(model).where(getattr(model, column) == record_id, model.deleted_at.is_(None))
    return list(session.scalars(query.order_by(model.created_at, model.id)))


def _count(session: Session, model: type[Any], column: str, record_id: uuid.UUID) -> int:
    query = (
        select(func.count())
        .select_from(model)
        .where(getattr(model, column) == record_id, model.deleted_at.is_(None))
    )
    return session.scalar(query) or 0


def _number_taken(session: Session, community_id: uuid.UUID, number: int) -> bool:
    query = select(Cycle.id).where(
        Cycle.community_id == community_id, Cycle.number == number, Cycle.deleted_at.is_(None)
    )
    return session.scalars(query.limit(1)).first() is not None
