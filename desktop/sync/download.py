"""What a laptop receives: the current state of every record that changed since its
checkpoint, limited to what its user may read, up to a consistent checkpoint.

The server's writers take one lock in turn (``desktop.storage.server_database``), so the
change numbers become visible in order; one read snapshot then holds every change up to
its largest number and none after it. That number is the checkpoint the laptop stores
once it has applied everything in one local transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.models import CommunityAssignment, SyncChange, SyncConflict, User
from desktop.services.framework import fieldcodec
from desktop.services.framework.actor import Actor
from desktop.services.framework.entity import EntityService
from desktop.services.framework.errors import PermissionDenied
from desktop.services.security import permissions
from desktop.storage import Database
from desktop.sync.registry import service_classes, service_for
from desktop.sync.wire import conflict_to_dict


@dataclass
class Download:
    checkpoint: int
    records: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"checkpoint": self.checkpoint, "records": self.records, "conflicts": self.conflicts}


@contextmanager
def snapshot(db: Database) -> Iterator[Session]:
    """A read session that sees one moment of the database throughout."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with Session(bind=connection) as session, session.begin():
            yield session


def record_state(service: EntityService[Any, Any], session: Session, row: Any) -> dict[str, Any]:
    """One record as a laptop stores it: its fields and the columns every synced row has."""
    fields = fieldcodec.encode_fields(service.snapshot(session, row))
    if "content" in fields and fields["content"] is None:  # a file, left out of snapshots
        fields["content"] = fieldcodec.encode(row.content)
    return {
        "entity": service.entity,
        "id": str(row.id),
        "version": row.version,
        "deleted": row.deleted_at is not None,
        "fields": fields,
        "meta": fieldcodec.encode(
            {
                "created_at": row.created_at,
                "updated_at": row.updated_at,
                "updated_by": row.updated_by,
                "origin_device": row.origin_device,
                "deleted_at": row.deleted_at,
            }
        ),
    }


def changes_since(db: Database, actor: Actor, since: int, device_id: str = "") -> Download:
    """Every readable record changed after ``since`` (0: everything the user may read).
    Records of the device's own refused changes come too, so that the laptop puts back
    the server's version instead of keeping an edit nobody else will ever see."""
    with snapshot(db) as session:
        checkpoint = session.scalar(select(func.max(SyncChange.seq))) or 0
        changed: dict[str, set[str]] | None = None
        if since > 0:
            changed = {}
            for entity, record_id in session.execute(
                select(SyncChange.entity_type, SyncChange.entity_id).where(
                    SyncChange.seq > since,
                    or_(SyncChange.outcome != "refused", SyncChange.device_id == device_id),
                )
            ):
                changed.setdefault(entity, set()).add(record_id)
        download = Download(checkpoint)
        entering = _entering(session, actor, changed)
        for entity in service_classes():
            ids = None if changed is None else changed.get(entity, set())
            if ids is None or ids or entering is not None:
                download.records.extend(
                    _states(db, actor, session, entity, ids, since == 0, entering)
                )
        if since == 0:
            download.records.extend(_own_account(db, actor, session, download.records))
        names = {(r["entity"], r["id"]) for r in download.records}
        download.conflicts = [
            conflict_to_dict(row)
            for row in session.scalars(select(SyncConflict).order_by(SyncConflict.created_at))
            if (row.entity_type, row.entity_id) in names
            or (since == 0 and row.resolved_at is None and may_read(session, actor, row))
        ]
    return download


def _entering(
    session: Session, actor: Actor, changed: dict[str, set[str]] | None
) -> Select[Any] | None:
    """The communities newly assigned to the actor since the checkpoint (one moved to
    them by a merge, say): the laptop holds none of their records yet, so all of them
    come, not only those that changed."""
    ids = (changed or {}).get("community_assignment")
    if not ids:
        return None
    return permissions.assigned_communities(actor).where(
        CommunityAssignment.id.in_([uuid.UUID(text) for text in ids])
    )


def _states(
    db: Database,
    actor: Actor,
    session: Session,
    entity: str,
    ids: set[str] | None,
    live: bool,
    entering: Select[Any] | None = None,
) -> Iterator[dict[str, Any]]:
    service = service_for(db, actor, entity)
    assert service is not None
    model = service.model
    query = select(model).where(permissions.readable_condition(session, actor, model))
    if ids is not None:
        wanted = model.id.in_([uuid.UUID(text) for text in ids])
        if entering is not None and permissions.belongs_to_a_community(model):
            wanted = or_(wanted, permissions.in_communities(model, entering))
        query = query.where(wanted)
    if live:
        query = query.where(model.deleted_at.is_(None))
    for row in session.scalars(query.order_by(model.created_at, model.id)):
        yield record_state(service, session, row)


def _own_account(
    db: Database, actor: Actor, session: Session, records: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A laptop always holds its user's own account (signing in needs it)."""
    row = session.scalars(select(User).where(User.username == actor.username)).first()
    if row is None or any(r["entity"] == "user" and r["id"] == str(row.id) for r in records):
        return []
    service = service_for(db, actor, "user")
    assert service is not None
    return [record_state(service, session, row)]


def may_read(session: Session, actor: Actor, conflict: SyncConflict) -> bool:
    model = permissions.model_for_entity(conflict.entity_type)
    row = session.get(model, uuid.UUID(conflict.entity_id)) if model is not None else None
    if row is None:
        return False
    try:
        permissions.require_record(
            session, actor, permissions.READ, conflict.entity_type, permissions.row_values(row)
        )
    except PermissionDenied:  # not this user's to see
        return False
    return True
