"""Database files at earlier revisions, full of records: what an office that skipped some
updates opens with a newer app.

An older app cannot be run here, so a file at revision R is made from a demo database at
the head, taken back down to R by the migrations' own downgrades; :func:`schema` lets a
test show that this gives exactly the tables, columns and indexes an upgrade from nothing
to R gives. Used by ``tests/storage`` and by the crash bench (``benchmarks/crash``), which
also kills the upgrade of such files half-way.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

from desktop.storage import keyfile as kf
from desktop.storage.connect import apply_key, apply_pragmas, checkpoint, dbapi_module
from desktop.storage.migrate import alembic_config, script_directory

Rows = dict[str, tuple[list[str], list[tuple[Any, ...]]]]
"""Per table: its column names and every row (sorted), as :func:`dump` reads them."""


def revisions() -> list[str]:
    """Every shipped revision, oldest first."""
    return [script.revision for script in reversed(list(script_directory().walk_revisions()))]


def app_like_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine with the app's per-connection setup (the key, the pragmas, writers'
    ``BEGIN IMMEDIATE``) that runs no migration when it opens the file."""
    engine = create_engine(URL.create("sqlite", database=str(path)), module=dbapi_module(key))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        apply_key(dbapi_connection, key)
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def migrate_to(path: Path, key: bytes | None, revision: str, *, down: bool) -> None:
    """Take the file at ``path`` up or down to ``revision`` in one transaction (foreign
    keys off while tables are rebuilt, as the app does), then fold the WAL back in."""
    from alembic import command

    engine = app_like_engine(path, key)
    try:
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
            with connection.begin():
                step = command.downgrade if down else command.upgrade
                step(alembic_config(connection), revision)
            raw.execute("PRAGMA foreign_keys = ON")
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None and checkpoint(raw)
    finally:
        engine.dispose()


def copy_at_revision(source: Path, target: Path, key: bytes | None, revision: str) -> None:
    """A copy of the head database ``source`` (and its key file) taken down to ``revision``."""
    shutil.copy2(source, target)
    if kf.has_key_file(source):
        shutil.copy2(kf.key_file_path(source), kf.key_file_path(target))
    migrate_to(target, key, revision, down=True)


def _connect(path: Path, key: bytes | None) -> Any:
    connection = dbapi_module(key).connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    apply_key(connection, key)
    return connection


def _names(connection: Any, kind: str) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name",
        (kind,),
    )
    return [row[0] for row in rows]


def schema(path: Path, key: bytes | None = None) -> dict[str, Any]:
    """The file's tables (each column's name, type, not-null, default and key position) and
    indexes (table, uniqueness, columns): what must match between two ways to a revision."""
    connection = _connect(path, key)
    try:
        tables = {
            name: [tuple(row[1:]) for row in connection.execute(f'PRAGMA table_info("{name}")')]
            for name in _names(connection, "table")
        }
        indexes = {}
        for name in _names(connection, "index"):
            table, unique = connection.execute(
                "SELECT tbl_name, sql LIKE 'CREATE UNIQUE%' FROM sqlite_master WHERE name = ?",
                (name,),
            ).fetchone()
            columns = [row[2] for row in connection.execute(f'PRAGMA index_info("{name}")')]
            indexes[name] = (table, bool(unique), columns)
    finally:
        connection.close()
    return {"tables": tables, "indexes": indexes}


def _as_text(column: str, value: object) -> object:
    """A value as revisions before 0010 kept it: ids as 32 hex digits, the creating device
    as its UUID text (0010 keeps both in 16 bytes)."""
    if not isinstance(value, bytes) or len(value) != 16:
        return value
    return str(uuid.UUID(bytes=value)) if column == "origin_device" else value.hex()


def dump(path: Path, key: bytes | None = None) -> Rows:
    """Every row of every table, sorted, with the column names (a read-only look)."""
    connection = _connect(path, key)
    try:
        rows: Rows = {}
        for name in _names(connection, "table"):
            cursor = connection.execute(f'SELECT * FROM "{name}"')
            columns = [column[0] for column in cursor.description]
            found = [
                tuple(_as_text(c, v) for c, v in zip(columns, row, strict=True)) for row in cursor
            ]
            rows[name] = (columns, sorted(found, key=repr))
    finally:
        connection.close()
    return rows


def lost_or_changed(before: Rows, after: Rows, *, ignore: frozenset[str] = frozenset()) -> str:
    """'' when every row of ``before`` is in ``after`` with the same values in the columns
    both have (``after`` may hold more rows and tables); else the first difference."""
    for table, (columns, rows) in before.items():
        if table in ignore:
            continue
        if table not in after:
            return f"table {table} is gone ({len(rows)} rows)"
        later_columns, later_rows = after[table]
        shared = [column for column in columns if column in later_columns]
        if not shared:
            return f"table {table} has none of its columns left"
        mine = [columns.index(column) for column in shared]
        theirs = [later_columns.index(column) for column in shared]
        kept = {tuple(row[i] for i in theirs) for row in later_rows}
        missing = [row for row in rows if tuple(row[i] for i in mine) not in kept]
        if missing:
            return f"table {table}: {len(missing)} of {len(rows)} rows lost or changed"
    return ""
