"""Repairing a laptop whose records differ from the office's (a checksum told).

When the checksums after a download differ for some kinds of record, the laptop asks for
those kinds whole (``repair`` in its next download request): every record of the kind
in its scope, deleted ones too. Writing them puts back each record's fields and version;
a row of such a kind that did not come is not the office's (or not this user's any
more) and is removed. How many records differed is said in the sync's summary and the
audit trail ("repaired N records").
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desktop.sync import removal
from desktop.sync.registry import service_classes

REPAIR_KEY = "sync_repair"  # kinds a bundle's answer found differing: the next bundle asks


def reconcile(session: Session, records: list[dict[str, Any]], complete: Iterable[str]) -> int:
    """Before writing a download: remove the rows of the kinds sent whole that did not
    come; returns how many records of those kinds differ from what came (changed,
    missing or removed)."""
    kinds = service_classes()
    came: dict[str, dict[str, tuple[int, bool]]] = {}
    for state in records:
        came.setdefault(state["entity"], {})[state["id"]] = (
            int(state["version"]),
            bool(state["deleted"]),
        )
    differing = 0
    extra: dict[Table, list[uuid.UUID]] = {}
    for kind in complete:
        if kind not in kinds:
            continue
        table: Table = kinds[kind].model.__table__
        held = {
            str(record_id): (version, deleted_at is not None)
            for record_id, version, deleted_at in session.execute(
                select(table.c.id, table.c.version, table.c.deleted_at)
            )
        }
        arriving = came.get(kind, {})
        differing += sum(held.get(record_id) != state for record_id, state in arriving.items())
        extra[table] = [uuid.UUID(record_id) for record_id in held if record_id not in arriving]
    found = removal.plan(session, ids={table: ids for table, ids in extra.items() if ids})
    removal.execute(session, found)
    return differing + found.count()
