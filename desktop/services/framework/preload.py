"""Child rows read ahead for many parent records at once.

A record's snapshot reads its child rows (a meeting's attendance, a priority's ranks, a
community's partnership history) one parent at a time: right for one record, but a sync
download of thousands of records would ask the database thousands of times. Inside
``with preload.parents(session, ids):`` the first request for one kind of child row
reads that kind for every parent in ``ids`` in a few queries (one a batch of parents),
and later requests are answered from memory. The snapshots themselves do not change:
``EntityService.live_children``, ``sync_children`` and the status histories ask here
first and query as before when the parent is not in the block.

Within the block, each parent's children are read before that parent's own children are
written (a download writes each record once); nothing else may write those child tables
while it lasts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

_KEY = "clcp_preloaded_parents"
#: Parent ids per query (well under the bound-parameter limits of SQLite and psycopg).
CHUNK = 500


@dataclass
class _Batch:
    parent_ids: frozenset[uuid.UUID]
    plain: bool
    loaded: dict[tuple[type[Any], str], dict[uuid.UUID, list[Any]]] = field(default_factory=dict)


@contextmanager
def parents(session: Session, ids: Iterable[uuid.UUID], *, plain: bool = False) -> Iterator[None]:
    """Read child rows ahead for the parents ``ids`` while the block runs. ``plain``: as
    plain result rows, not ORM objects (cheaper; for reading only, as a download does)."""
    previous = session.info.get(_KEY)
    session.info[_KEY] = _Batch(frozenset(ids), plain)
    try:
        yield
    finally:
        session.info[_KEY] = previous


def children(
    session: Session, model: type[Any], parent_column: str, parent_id: uuid.UUID
) -> Sequence[Any] | None:
    """Every row of ``model`` (tombstones too) whose ``parent_column`` is ``parent_id``,
    oldest first; None when that parent's children were not read ahead."""
    batch: _Batch | None = session.info.get(_KEY)
    if batch is None or parent_id not in batch.parent_ids:
        return None
    key = (model, parent_column)
    found = batch.loaded.get(key)
    if found is None:
        found = {}
        column = getattr(model, parent_column)
        ids = sorted(batch.parent_ids)
        for start in range(0, len(ids), CHUNK):
            query = (
                select(model.__table__ if batch.plain else model)
                .where(column.in_(ids[start : start + CHUNK]))
                .order_by(model.created_at, model.id)
            )
            for row in session.execute(query) if batch.plain else session.scalars(query):
                found.setdefault(getattr(row, parent_column), []).append(row)
        batch.loaded[key] = found
    return found.get(parent_id, [])
