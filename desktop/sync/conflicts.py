"""Conflict records: an edit set aside, with both values, who made them and when.

The server makes them while applying a laptop's change (:class:`Kept`); laptops receive
them with their downloads, list them, and resolve them (``clcp conflicts``). Resolving is
an ordinary edit of the record (which syncs like any other) plus the conflict marked
resolved, with who did it and how.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import SyncConflict, utcnow
from desktop.services.facade import Services
from desktop.services.framework import fieldcodec
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.framework.errors import PermissionDenied, ServiceError
from desktop.services.queries.record_names import describe
from desktop.services.security import permissions
from desktop.storage import Database
from desktop.sync.history import Touch
from desktop.sync.registry import service_classes
from desktop.sync.wire import ChangeMessage

SAME_FIELD = "same_field"
EDIT_VS_DELETE = "edit_vs_delete"
NEW_RECORD = "new_record"  # a record made by someone who may no longer add it


def record_name(db: Database, entity: str, record_id: str) -> str:
    """How a person knows the record ("the meeting of 2025-03-12", a community's name)."""
    try:
        return describe(Services(db, SYSTEM), entity, uuid.UUID(record_id))[:200]
    except (ServiceError, ValueError, KeyError):
        return f"{entity} {record_id}"


class Kept:
    """The conflicts one incoming change leads to, as column values of SyncConflict."""

    def __init__(
        self, db: Database, actor: Actor, message: ChangeMessage, touched: dict[str, Touch]
    ) -> None:
        self.db, self.actor, self.message, self.touched = db, actor, message, touched
        self.items: list[dict[str, Any]] = []

    def base(self, field: str, kind: str) -> dict[str, Any]:
        touch = self.touched.get(field) or next(iter(self.touched.values()), None)
        return {
            "id": uuid.uuid4(),
            "entity_type": self.message.entity,
            "entity_id": self.message.record_id,
            "record_name": record_name(self.db, self.message.entity, self.message.record_id),
            "field": field,
            "kind": kind,
            "kept_by": touch.username if touch else "",
            "kept_at": touch.at if touch else None,
            "other_by": self.actor.username,
            "other_at": self.message.at,
            "other_device": self.message.device_id,
        }

    def same_field(self, field: str, kept_value: Any) -> None:
        """Both changed ``field``: the server's value stays, the laptop's is set aside."""
        self.items.append(
            {
                **self.base(field, SAME_FIELD),
                "kept_value": json.dumps(kept_value, ensure_ascii=False),
                "other_value": json.dumps(self.message.fields[field], ensure_ascii=False),
            }
        )

    def edit_vs_delete(self, edit_is_incoming: bool) -> list[dict[str, Any]]:
        """One deleted what the other edited: the edit is what is kept."""
        edit = json.dumps(self.message.fields, ensure_ascii=False)
        item = {
            **self.base("", EDIT_VS_DELETE),
            "kept_value": edit if edit_is_incoming else json.dumps("edited"),
            "other_value": json.dumps("deleted"),
        }
        if edit_is_incoming:  # the record was deleted on the server, the laptop edited it
            touch = self.touched.get("")
            item.update(
                kept_by=self.actor.username,
                kept_at=self.message.at,
                other_by=touch.username if touch else "",
                other_at=touch.at if touch else None,
            )
        self.items.append(item)
        return [item]


def conflict_rows(items: list[dict[str, Any]]) -> Callable[[Session], None]:
    """A write adding these conflicts, to run inside the transaction of a change."""

    def write(session: Session) -> None:
        for values in items:
            session.merge(SyncConflict(**values))

    return write


def open_conflicts(session: Session) -> list[SyncConflict]:
    return list(
        session.scalars(
            select(SyncConflict)
            .where(SyncConflict.resolved_at.is_(None))
            .order_by(SyncConflict.created_at, SyncConflict.id)
        )
    )


def mark_resolved(session: Session, conflict: SyncConflict, actor: Actor, how: str) -> None:
    conflict.resolved_at = utcnow()
    conflict.resolved_by = actor.username
    conflict.resolution = how


def resolve_on_server(db: Database, actor: Actor, items: list[Any]) -> int:
    """Mark conflicts resolved that a laptop resolved (its edit, if any, came as a change).
    Only conflicts on records the user may read; unknown ids are skipped."""
    done = 0
    with db.sessions.begin() as session:
        for item in items:
            try:
                conflict = session.get(SyncConflict, uuid.UUID(str(item["id"])))
            except (KeyError, TypeError, ValueError):
                continue
            if conflict is None or conflict.resolved_at is not None:
                continue
            if not may_read(session, actor, conflict):
                continue
            mark_resolved(session, conflict, actor, str(item.get("how", ""))[:200])
            done += 1
    return done


def may_read(session: Session, actor: Actor, conflict: SyncConflict) -> bool:
    """Whether ``actor`` may read the record a conflict is about (a record made by
    someone who may no longer add it: the record it would be)."""
    model = permissions.model_for_entity(conflict.entity_type)
    row = session.get(model, uuid.UUID(conflict.entity_id)) if model is not None else None
    if row is not None:
        values = permissions.row_values(row)
    elif conflict.kind == NEW_RECORD and conflict.entity_type in service_classes():
        data_type = service_classes()[conflict.entity_type].data_type
        values = fieldcodec.decode_fields(data_type, json.loads(conflict.other_value))
    else:
        return False
    try:
        permissions.require_record(session, actor, permissions.READ, conflict.entity_type, values)
    except PermissionDenied:  # not this user's to see
        return False
    return True
