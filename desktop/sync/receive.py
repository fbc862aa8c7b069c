"""Writing received records on a laptop, in bulk.

Each record goes through its service's ``apply`` and ``after_write`` (its child rows:
attendance, ranks, histories), as when the laptop's own user saves it, so there is one
way a record and its children are written. What made a first join slow was the rest:
one query to find each record, one to read each record's children, one flush each.
Here the records of a kind come in batches: the stored rows of a batch are read in one
query, their children ahead in one query a child table (``preload``), and the batch is
flushed once, then let go of (a first join holds no more than a batch in memory).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from desktop.services.framework import changes, fieldcodec, preload
from desktop.services.framework.actor import SYSTEM
from desktop.services.framework.entity import EntityService
from desktop.storage import Database
from desktop.sync.registry import entity_rank, service_for


def write_records(db: Database, session: Session, records: list[dict[str, Any]]) -> None:
    """Write received record states (in any order) inside the caller's transaction,
    parents before children, each with the server's version number."""
    ordered = sorted(records, key=lambda state: entity_rank(state["entity"]))
    versions: dict[Any, list[dict[str, Any]]] = {}
    for entity, group in groupby(ordered, key=lambda state: str(state["entity"])):
        service = service_for(db, SYSTEM, entity)
        if service is None:
            continue  # a kind this version does not know: left to a newer app
        for batch in _batches(list(group)):
            _write_batch(session, service, batch, versions)
    for table, rows in versions.items():  # the server's numbers, after every flush
        session.execute(update(table).where(table.c.id == bindparam("record_id")), rows)


def _batches(states: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(states), preload.CHUNK):
        yield states[start : start + preload.CHUNK]


def _write_batch(
    session: Session,
    service: EntityService[Any, Any],
    batch: list[dict[str, Any]],
    versions: dict[Any, list[dict[str, Any]]],
) -> None:
    """The batch's rows first, flushed, then their children (the flush does not order
    tables by their foreign keys: a child row needs its parent written before it)."""
    model = service.model
    ids = [uuid.UUID(state["id"]) for state in batch]
    stored = {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))}
    rows = versions.setdefault(model.__table__, [])
    written = []
    with preload.parents(session, ids):
        for record_id, state in zip(ids, batch, strict=True):
            written.append(_write_row(session, service, record_id, state, stored.get(record_id)))
            rows.append({"record_id": record_id, "version": int(state["version"])})
            changes.note(session, service.entity, state["id"])  # the screens are told
        session.flush()
        for row, before, data in written:
            service.after_write(session, row, before, data)
        session.flush()
    session.expunge_all()  # written: nothing in this transaction reads these objects again


def _write_row(
    session: Session,
    service: EntityService[Any, Any],
    record_id: uuid.UUID,
    state: dict[str, Any],
    row: Any | None,
) -> tuple[Any, Any, Any]:
    """Write one record's own columns; returns the row, its fields before and after."""
    data = service.data_type(**fieldcodec.decode_fields(service.data_type, state["fields"]))
    before = service.snapshot(session, row) if row is not None else None
    if row is None:
        row = service.model()
        row.id = record_id
        session.add(row)
    service.apply(session, row, data)
    for name, value in fieldcodec.decode_fields(_Meta, state["meta"]).items():
        setattr(row, name, value)
    return row, before, data


@dataclass(frozen=True)
class _Meta:
    """The sync columns a received record carries (types for decoding them)."""

    created_at: datetime
    updated_at: datetime
    updated_by: str
    origin_device: str
    deleted_at: datetime | None
