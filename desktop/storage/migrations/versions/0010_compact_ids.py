"""Ids in 16 bytes on SQLite: every UUID column, and the creating device on every
synced row, from text to its bytes.

SQLAlchemy's ``Uuid`` kept an id on SQLite as 32 hex digits, and ``origin_device`` held
the 36 characters of a UUID: about half of a demo file was those characters, in the
rows and again in every index on them. Each table with such a column is rebuilt (the
procedure SQLite documents for changing a column's type: a new table, the rows copied
across, the old one dropped and the new one renamed, its indexes made again) with the
ids as 16-byte BLOBs. A value that is not a UUID is copied as it was, so no record is
lost or changed in meaning; the audit trail's ``origin_device`` stays text (its hash
covers it). PostgreSQL already stores ids as its native ``uuid``: nothing changes there.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import re

from alembic import op
from sqlalchemy import Connection

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None

#: The declared type of a converted column (other BLOB columns, such as a file's bytes,
#: are left alone by a downgrade).
COMPACT = "BLOB(16)"
#: Tables whose ``origin_device`` stays text.
DEVICE_AS_TEXT = ("audit_event",)


def _to_bytes(column: str) -> str:
    digits = f"replace({column}, '-', '')"
    return (
        f"CASE WHEN typeof({column}) = 'text' AND length({digits}) = 32 "
        f"AND clcp_unhex({digits}) IS NOT NULL THEN clcp_unhex({digits}) ELSE {column} END"
    )


def _device_to_bytes(column: str) -> str:
    """Only a canonical UUID string (lowercase, dashed) becomes bytes: what the app reads
    back from bytes is that string, so no other text may be turned into them."""
    digits = f"replace({column}, '-', '')"
    canonical = " AND ".join(
        [f"typeof({column}) = 'text'", f"length({column}) = 36", f"{column} = lower({column})"]
        + [f"substr({column}, {at}, 1) = '-'" for at in (9, 14, 19, 24)]
        + [f"length({digits}) = 32", f"clcp_unhex({digits}) IS NOT NULL"]
    )
    return f"CASE WHEN {canonical} THEN clcp_unhex({digits}) ELSE {column} END"


def _hex_to_text(column: str) -> str:
    return f"CASE WHEN typeof({column}) = 'blob' THEN lower(hex({column})) ELSE {column} END"


def _device_to_text(column: str) -> str:
    digits = f"lower(hex({column}))"
    dashed = " || '-' || ".join(
        f"substr({digits}, {start}, {length})"
        for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    )
    return f"CASE WHEN typeof({column}) = 'blob' THEN {dashed} ELSE {column} END"


def _unhex(text: object) -> bytes | None:
    """SQLite's ``unhex`` (missing before 3.41, which Python's own sqlite3 may be)."""
    try:
        return bytes.fromhex(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _tables(connection: Connection) -> list[str]:
    rows = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version' ORDER BY name"
    )
    return [str(row[0]) for row in rows]


def _rebuild(connection: Connection, table: str, changes: dict[str, tuple[str, str, str]]) -> None:
    """Make ``table`` again with each changed column's declared type replaced and its
    values converted: ``changes`` maps a column to (old type, new type, SQL of its value)."""
    sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    indexes = [
        str(row[0])
        for row in connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        )
    ]
    for column, (old, new, _value) in changes.items():
        sql, found = re.subn(
            rf"(\n\s*{re.escape(column)}) {re.escape(old)}(?=[\s,])", rf"\1 {new}", str(sql)
        )
        assert found == 1, f"{table}.{column} is not {old}"
    sql = re.sub(rf"^CREATE TABLE \"?{table}\"? \(", f"CREATE TABLE {table}__new (", sql)
    columns = [str(row[1]) for row in connection.exec_driver_sql(f"PRAGMA table_info({table})")]
    values = [changes[column][2] if column in changes else column for column in columns]
    connection.exec_driver_sql(sql)
    connection.exec_driver_sql(
        f"INSERT INTO {table}__new ({', '.join(columns)}) SELECT {', '.join(values)} FROM {table}"
    )
    connection.exec_driver_sql(f"DROP TABLE {table}")
    connection.exec_driver_sql(f"ALTER TABLE {table}__new RENAME TO {table}")
    for index in indexes:
        connection.exec_driver_sql(index)


def _convert(*, down: bool) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.create_function("clcp_unhex", 1, _unhex, deterministic=True)
    id_type, id_new = (COMPACT, "CHAR(32)") if down else ("CHAR(32)", COMPACT)
    device_type, device_new = (COMPACT, "VARCHAR(36)") if down else ("VARCHAR(36)", COMPACT)
    for table in _tables(connection):
        changes: dict[str, tuple[str, str, str]] = {}
        for row in connection.exec_driver_sql(f"PRAGMA table_info({table})"):
            column, declared = str(row[1]), str(row[2])
            if declared == id_type and (column != "origin_device" or not down):
                value = _hex_to_text(column) if down else _to_bytes(column)
                changes[column] = (id_type, id_new, value)
            elif (
                column == "origin_device"
                and declared == device_type
                and table not in DEVICE_AS_TEXT
            ):
                value = _device_to_text(column) if down else _device_to_bytes(column)
                changes[column] = (device_type, device_new, value)
        if changes:
            _rebuild(connection, table, changes)


def upgrade() -> None:
    _convert(down=False)


def downgrade() -> None:
    _convert(down=True)
