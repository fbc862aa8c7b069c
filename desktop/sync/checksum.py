"""Checksums of what a laptop holds, one a kind of record, on both sides of a sync.

With each download the server sends, for every kind of record, how many live records of
the user's scope there are and the sum of a 32-bit hash of each one's id and version (a
sum, so the order of the rows does not matter; deleted records count as absent). After
applying the download the laptop computes the same over what it holds. A difference
(a row changed past the app, a download missed, a bug) names the kinds to fetch whole
again, instead of lasting unseen. Each side answers in one aggregate query: PostgreSQL
hashes with ``md5``, the laptop's SQLite with the same hash as a registered function.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, literal, literal_column, select, union_all
from sqlalchemy.orm import Session

from desktop.services.framework.actor import Actor
from desktop.sync.registry import service_classes
from desktop.sync.scope import Scope, readable_within

#: entity -> [number of live records, sum of their hashes]
Sums = dict[str, list[int]]
_FUNCTION = "clcp_row_hash"


def row_hash(id_hex: str, version: int) -> int:
    """The hash of one record: the first 32 bits of MD5 over "<id as 32 hex>:<version>"
    (what PostgreSQL's ``md5`` gives too; not for security, only to notice drift)."""
    return int(hashlib.md5(f"{id_hex}:{version}".encode()).hexdigest()[:8], 16)


def _stored_row_hash(stored: bytes | str, version: int) -> int:
    """:func:`row_hash` of an id as SQLite keeps it (16 bytes; hex text before 0010)."""
    return row_hash(stored.hex() if isinstance(stored, bytes) else stored, version)


def _pg_hash(table: str) -> Any:
    """The sum of :func:`row_hash` over ``table``'s rows, in PostgreSQL."""
    one: Any = literal_column(
        f"('x' || substr(md5(replace({table}.id::text, '-', '') || ':' || "
        f"{table}.version::text), 1, 8))::bit(32)::bigint"
    )
    return func.coalesce(func.sum(one), 0)


def server_sums(session: Session, actor: Actor, scope: Scope) -> Sums:
    """The checksums of what a laptop of ``actor`` with ``scope`` should hold."""
    parts = []
    for entity, service in service_classes().items():
        model = service.model
        parts.append(
            select(literal(entity), func.count(), _pg_hash(model.__table__.name))
            .select_from(model)
            .where(model.deleted_at.is_(None), readable_within(session, actor, model, scope))
        )
    return {row[0]: [int(row[1]), int(row[2])] for row in session.execute(union_all(*parts))}


def laptop_sums(session: Session) -> Sums:
    """The checksums of what this laptop holds (every live record it has)."""
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    raw.create_function(_FUNCTION, 2, _stored_row_hash)
    parts = []
    for entity, service in service_classes().items():
        model = service.model
        table = model.__table__
        parts.append(
            select(
                literal(entity),
                func.count(),
                func.coalesce(func.sum(getattr(func, _FUNCTION)(table.c.id, table.c.version)), 0),
            )
            .select_from(table)
            .where(table.c.deleted_at.is_(None))
        )
    return {row[0]: [int(row[1]), int(row[2])] for row in session.execute(union_all(*parts))}


def differing(expected: Mapping[str, Any], held: Sums) -> list[str]:
    """The kinds whose checksums differ (kinds this app does not know are left out)."""
    return [
        entity
        for entity in service_classes()
        if entity in expected and [int(n) for n in expected[entity]] != held.get(entity, [0, 0])
    ]
