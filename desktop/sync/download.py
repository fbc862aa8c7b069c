"""What a laptop receives: the current state of every record that changed since its
checkpoint, limited to what its user may read and to the communities of its scope (see
``desktop.sync.scope``), up to a consistent checkpoint; with it, the scope itself, the
communities of the scope the laptop lacks (whole), the kinds it asked whole (a repair),
and the checksums of what it should then hold.

The server's writers take one lock in turn (``desktop.storage.server_database``), so the
change numbers become visible in order; one read snapshot then holds every change up to
its largest number and none after it. That number is the checkpoint the laptop stores
once it has applied everything in one local transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.models import SyncChange, SyncConflict, User
from desktop.services.framework import fieldcodec, preload
from desktop.services.framework.actor import Actor
from desktop.services.framework.entity import EntityService
from desktop.storage import Database
from desktop.sync.checksum import server_sums
from desktop.sync.conflicts import NEW_RECORD, may_read
from desktop.sync.registry import service_classes, service_for
from desktop.sync.scope import Scope, of_communities, readable_within, scope_of
from desktop.sync.wire import conflict_to_dict


@dataclass
class Download:
    """What a laptop receives. ``scope``: the communities it holds from now on;
    ``checksums``: what it should then hold (see ``desktop.sync.checksum``); ``complete``:
    the kinds sent whole, tombstones too (a repair: a laptop removes the rows of those
    kinds that did not come)."""

    checkpoint: int
    records: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    scope: Scope | None = None
    checksums: dict[str, list[int]] = field(default_factory=dict)
    complete: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "checkpoint": self.checkpoint,
            "records": self.records,
            "conflicts": self.conflicts,
        }
        if self.scope is not None:
            found.update(scope=self.scope.to_dict(), checksums=self.checksums)
            found["complete"] = self.complete
        return found


@dataclass(frozen=True)
class Wanted:
    """What a download holds besides the changes since a checkpoint."""

    #: records changed after the checkpoint, by kind (None: everything, a first join)
    changed: dict[str, set[str]] | None
    #: communities the laptop lacks, sent whole (None: none)
    entered: Scope | None
    #: kinds sent whole, tombstones too
    complete: frozenset[str]


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


def changes_since(
    db: Database,
    actor: Actor,
    since: int,
    device_id: str = "",
    held: Scope | None = None,
    repair: Collection[str] = (),
) -> Download:
    """Every readable record of the user's scope changed after ``since`` (0: everything),
    the communities of the scope that ``held`` (what the laptop holds) lacks, whole, and
    the kinds named in ``repair``, whole. Records of the device's own refused changes come
    too, so that the laptop puts back the server's version instead of keeping an edit
    nobody else will ever see."""
    with snapshot(db) as session:
        checkpoint = session.scalar(select(func.max(SyncChange.seq))) or 0
        scope = scope_of(session, actor)
        wanted = Wanted(
            _changed(session, since, device_id) if since > 0 else None,
            scope.missing_from(held) if held is not None and since > 0 else None,
            frozenset(repair) & set(service_classes()),
        )
        download = Download(checkpoint, scope=scope, complete=sorted(wanted.complete))
        for entity in service_classes():
            download.records.extend(_states(db, actor, session, entity, scope, wanted))
        if since == 0:
            download.records.extend(_own_account(db, actor, session, download.records))
        names = {(r["entity"], r["id"]) for r in download.records}
        download.conflicts = [
            conflict_to_dict(row)
            for row in session.scalars(select(SyncConflict).order_by(SyncConflict.created_at))
            if (row.entity_type, row.entity_id) in names
            or (
                ((since == 0 and row.resolved_at is None) or row.kind == NEW_RECORD)
                and may_read(session, actor, row)
            )
        ]
        download.checksums = server_sums(session, actor, scope)
    return download


def _changed(session: Session, since: int, device_id: str) -> dict[str, set[str]]:
    changed: dict[str, set[str]] = {}
    for entity, record_id in session.execute(
        select(SyncChange.entity_type, SyncChange.entity_id).where(
            SyncChange.seq > since,
            or_(SyncChange.outcome != "refused", SyncChange.device_id == device_id),
        )
    ):
        changed.setdefault(entity, set()).add(record_id)
    return changed


def _states(
    db: Database, actor: Actor, session: Session, entity: str, scope: Scope, wanted: Wanted
) -> list[dict[str, Any]]:
    """The states of one kind's records that ``wanted`` asks for, read in bulk: the rows
    in a few queries, their child rows ahead for a batch of them at a time."""
    service = service_for(db, actor, entity)
    assert service is not None
    model = service.model
    # Plain result rows, not ORM objects: a snapshot reads only columns (and a file's
    # bytes, which travel with its record, come in the same query).
    base = select(model.__table__).where(readable_within(session, actor, model, scope))
    queries = []
    if entity in wanted.complete:
        queries.append(base)
    elif wanted.changed is None:
        queries.append(base.where(model.deleted_at.is_(None)))
    else:
        ids = sorted(uuid.UUID(text) for text in wanted.changed.get(entity, ()))
        for start in range(0, len(ids), preload.CHUNK):
            queries.append(base.where(model.id.in_(ids[start : start + preload.CHUNK])))
        if wanted.entered is not None:
            entered = of_communities(model, wanted.entered)
            queries.append(base.where(entered, model.deleted_at.is_(None)))
    rows: dict[uuid.UUID, Any] = {}
    for query in queries:
        for row in session.execute(query.order_by(model.created_at, model.id)):
            rows.setdefault(row.id, row)
    ordered = list(rows.values())
    states: list[dict[str, Any]] = []
    for start in range(0, len(ordered), preload.CHUNK):
        batch = ordered[start : start + preload.CHUNK]
        with preload.parents(session, [row.id for row in batch], plain=True):
            states.extend(record_state(service, session, row) for row in batch)
    return states


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
