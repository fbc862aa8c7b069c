"""The laptop's side of a sync: what waits to be sent, marking what the server took, and
applying a download in one local transaction (all of it up to the checkpoint, or none)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from desktop.models import AppMeta, SyncChange, SyncConflict, utcnow
from desktop.services.framework import audit, changelog, changes, fieldcodec
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.storage import Database
from desktop.sync.registry import entity_rank, service_for
from desktop.sync.wire import ChangeMessage, Outcome, conflict_from_dict

CHECKPOINT_KEY = "sync_checkpoint"
SERVER_KEY = "sync_server"
LAST_SYNC_KEY = "sync_last_at"


@dataclass(frozen=True)
class Received:
    records: int
    conflicts: int


def waiting_messages(db: Database) -> list[ChangeMessage]:
    """The changes made here that the server has not acknowledged, oldest first."""
    with db.session() as session:
        return [ChangeMessage.from_row(row) for row in changelog.waiting(session)]


def acknowledge(db: Database, outcomes: list[Outcome]) -> None:
    """Mark the changes the server answered for (applied, merged, set aside or refused)."""
    with db.sessions.begin() as session:
        acknowledge_in(session, db.device_id, outcomes)


def acknowledge_in(session: Session, device_id: str, outcomes: list[Outcome]) -> None:
    """:func:`acknowledge` inside a transaction the caller holds."""
    for outcome in outcomes:
        session.execute(
            update(SyncChange)
            .where(SyncChange.device_id == device_id, SyncChange.device_seq == outcome.device_seq)
            .values(acknowledged=True, outcome=outcome.outcome)
        )
        changes.note(session, "sync_change", outcome.device_seq)  # the screens are told


def meta(db: Database, key: str, default: str = "") -> str:
    with db.session() as session:
        row = session.get(AppMeta, key)
        return row.value if row is not None else default


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=value))
    else:
        row.value = value


def apply_download(db: Database, actor: Actor, download: dict[str, Any], server: str) -> Received:
    """Write every received record and conflict and move the checkpoint, in one transaction.

    The writes record no change of their own (they are the server's), and one audit event
    says what came in.
    """
    with db.sessions.begin() as session, changelog.receiving():
        return write_download(db, session, actor, download, server)


def write_download(
    db: Database, session: Session, actor: Actor, download: dict[str, Any], server: str
) -> Received:
    """:func:`apply_download` inside a transaction the caller holds (under ``receiving``)."""
    records = sorted(download["records"], key=lambda state: entity_rank(state["entity"]))
    conflicts = download.get("conflicts", [])
    versions: dict[Any, list[dict[str, Any]]] = {}
    for state in records:
        _write_state(db, session, state, versions)
        changes.note(session, state["entity"], state["id"])  # the screens are told
    session.flush()
    for table, rows in versions.items():  # the server's numbers, after every flush
        session.execute(
            update(table).where(table.c.id == bindparam("record_id")),
            rows,
        )
    for values in conflicts:
        session.merge(SyncConflict(**conflict_from_dict(values)))
        changes.note(session, "sync_conflict", values["id"])
    set_meta(session, CHECKPOINT_KEY, str(int(download["checkpoint"])))
    set_meta(session, SERVER_KEY, server)
    set_meta(session, LAST_SYNC_KEY, fieldcodec.encode(utcnow()))
    if records or conflicts:
        audit.record(
            session,
            actor=actor,
            action="sync.received",
            device_id=db.device_id,
            entity_type="database",
            changes={
                "records": len(records),
                "conflicts": len(conflicts),
                "checkpoint": download["checkpoint"],
            },
        )
    return Received(len(records), len(conflicts))


def _write_state(
    db: Database, session: Session, state: dict[str, Any], versions: dict[Any, list[Any]]
) -> None:
    service = service_for(db, SYSTEM, state["entity"])
    if service is None:
        return  # a kind this version does not know: left to a newer app
    model = service.model
    record_id = uuid.UUID(state["id"])
    data = service.data_type(**fieldcodec.decode_fields(service.data_type, state["fields"]))
    row = session.get(model, record_id)
    before = service.snapshot(session, row) if row is not None else None
    if row is None:
        row = model()
        row.id = record_id
        session.add(row)
    service.apply(session, row, data)
    meta_values = fieldcodec.decode_fields(_Meta, state["meta"])
    for name, value in meta_values.items():
        setattr(row, name, value)
    session.flush()
    service.after_write(session, row, before, data)
    rows = versions.setdefault(model.__table__, [])
    rows.append({"record_id": record_id, "version": int(state["version"])})


@dataclass(frozen=True)
class _Meta:
    """The sync columns a received record carries (types for decoding them)."""

    created_at: datetime
    updated_at: datetime
    updated_by: str
    origin_device: str
    deleted_at: datetime | None
