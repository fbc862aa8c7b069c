"""Removing records from a laptop that it should no longer hold.

Users never hard-delete: a record deleted in the app stays as a tombstone that syncs.
A laptop removing what it should not hold is another matter: the records stay at the
office, and this laptop simply stops holding them (a community that left its user's
assignments, rows a repair found the office does not have). Every row that refers to a
removed one goes with it (child rows, a file attached to it, a conflict about it), so no
reference is left pointing nowhere. The rows are found first, then deleted children
first, inside the caller's transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Table, delete, select
from sqlalchemy.orm import Session

from desktop.models import Attachment, Base, SyncChange, SyncConflict
from desktop.services.framework import changes, preload
from desktop.sync.registry import service_classes


@dataclass
class Plan:
    """The rows to remove: ids by table."""

    ids: dict[Table, set[uuid.UUID]] = field(default_factory=dict)

    def records(self) -> dict[str, set[uuid.UUID]]:
        """The removed records by kind (child rows not counted)."""
        kinds = {service.model.__table__: entity for entity, service in service_classes().items()}
        return {kinds[table]: ids for table, ids in self.ids.items() if table in kinds and ids}

    def count(self) -> int:
        return sum(len(ids) for ids in self.records().values())


def plan(
    session: Session,
    chosen: Mapping[Table, ColumnElement[bool]] = {},
    ids: Mapping[Table, Iterable[uuid.UUID]] = {},
) -> Plan:
    """The rows matching ``chosen`` (a condition a table) or named in ``ids``, and every
    row that refers to one of them, through the foreign keys and attachments."""
    found = Plan()
    attachments: set[uuid.UUID] = set()
    for table in Base.metadata.sorted_tables:  # parents before the rows referring to them
        if "id" not in table.c:
            continue
        rows = set(ids.get(table, ()))
        if table in chosen:
            rows.update(session.scalars(select(table.c.id).where(chosen[table])))
        for key in table.foreign_keys:
            parents = found.ids.get(key.column.table)  # (its own table: see _replies)
            if parents:
                rows.update(_referring(session, table, table.c[key.parent.name], parents))
        rows.update(_replies(session, table, rows))
        if rows:
            found.ids[table] = rows
    for kind, removed in found.records().items():  # files attached to removed records
        attachments.update(_attached(session, kind, removed))
    if attachments:
        found.ids.setdefault(_table(Attachment), set()).update(attachments)
    return found


def _referring(session: Session, table: Table, column: Any, parents: set[uuid.UUID]) -> set[Any]:
    listed = sorted(parents)
    found: set[Any] = set()
    for start in range(0, len(listed), preload.CHUNK):
        chunk = listed[start : start + preload.CHUNK]
        found.update(session.scalars(select(table.c.id).where(column.in_(chunk))))
    return found


def _replies(session: Session, table: Table, rows: set[uuid.UUID]) -> set[Any]:
    """Rows referring to rows of their own table (a reply to a comment), to the end."""
    own = [key for key in table.foreign_keys if key.column.table is table]
    found: set[Any] = set()
    fresh = set(rows)
    while own and fresh:
        more: set[Any] = set()
        for key in own:
            more.update(_referring(session, table, table.c[key.parent.name], fresh))
        fresh = more - rows - found
        found.update(fresh)
    return found


def _attached(session: Session, kind: str, records: set[uuid.UUID]) -> set[Any]:
    table = _table(Attachment)
    listed = sorted(records)
    found: set[Any] = set()
    for start in range(0, len(listed), preload.CHUNK):
        chunk = listed[start : start + preload.CHUNK]
        found.update(
            session.scalars(
                select(table.c.id).where(table.c.entity_type == kind, table.c.entity_id.in_(chunk))
            )
        )
    return found


def _table(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table


def waiting_on(session: Session, removal: Plan) -> bool:
    """Whether a change made here and not yet sent touches a row of ``removal``."""
    waiting = session.execute(
        select(SyncChange.entity_type, SyncChange.entity_id).where(
            SyncChange.acknowledged.is_(False)
        )
    ).all()
    doomed = {(kind, str(value)) for kind, ids in removal.records().items() for value in ids}
    return any((kind, record_id) in doomed for kind, record_id in waiting)


def execute(session: Session, removal: Plan) -> None:
    """Delete the planned rows, children first, and the conflicts about them."""
    session.flush()
    for table in reversed(Base.metadata.sorted_tables):
        listed = sorted(removal.ids.get(table, ()))
        for start in range(0, len(listed), preload.CHUNK):
            chunk = listed[start : start + preload.CHUNK]
            session.execute(delete(table).where(table.c.id.in_(chunk)))
    for kind, ids in removal.records().items():
        texts = sorted(str(value) for value in ids)
        for start in range(0, len(texts), preload.CHUNK):
            names = texts[start : start + preload.CHUNK]
            session.execute(
                delete(SyncConflict).where(
                    SyncConflict.entity_type == kind, SyncConflict.entity_id.in_(names)
                )
            )
        for text in texts:
            changes.note(session, kind, text, "delete")  # the screens are told
    session.expire_all()
