"""Facts about an open database file: schema, row counts, size, encryption, device.

Used by ``clcp info`` and, later, the About/diagnostics screen. Read-only: one
short transaction, nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, func, select

from desktop.models import AuditEvent, Base
from desktop.storage import Database
from desktop.storage.migrate import current_revision, head_revision

# Bookkeeping tables that are not records a person keeps.
# Bookkeeping, not records: the trail itself, drafts of open forms, who read which comment.
_INTERNAL_TABLES = frozenset(
    {"app_meta", "alembic_version", AuditEvent.__tablename__, "draft", "comment_read"}
)


@dataclass(frozen=True)
class TableCount:
    """Rows of one table: ``live`` ones, and ``deleted`` (tombstoned) ones kept for sync."""

    table: str
    live: int
    deleted: int

    @property
    def total(self) -> int:
        return self.live + self.deleted


@dataclass(frozen=True)
class DatabaseInfo:
    path: Path | None
    schema_revision: str | None
    head_revision: str
    tables: tuple[TableCount, ...]
    audit_events: int
    file_size: int
    encrypted: bool
    device_id: str
    created_with: str

    @property
    def is_current(self) -> bool:
        """True when the file's schema is the one this version of the app writes."""
        return self.schema_revision == self.head_revision

    def count(self, table: str) -> TableCount:
        """The counts for ``table`` (KeyError if the schema has no such table)."""
        for entry in self.tables:
            if entry.table == table:
                return entry
        raise KeyError(table)


def _record_tables() -> list[Table]:
    return [table for table in Base.metadata.sorted_tables if table.name not in _INTERNAL_TABLES]


def database_info(db: Database) -> DatabaseInfo:
    """Schema revision, per-table live/deleted counts, audit size and file facts of ``db``."""
    counts: list[TableCount] = []
    with db.engine.connect() as connection:
        revision = current_revision(connection)
        for table in sorted(_record_tables(), key=lambda t: t.name):
            deleted_at = table.c.get("deleted_at")
            if deleted_at is None:
                total = connection.scalar(select(func.count()).select_from(table)) or 0
                counts.append(TableCount(table.name, live=total, deleted=0))
                continue
            # count(column) skips NULLs, so it counts exactly the tombstoned rows.
            row = connection.execute(
                select(func.count(), func.count(deleted_at)).select_from(table)
            ).one()
            total, deleted = int(row[0]), int(row[1])
            counts.append(TableCount(table.name, live=total - deleted, deleted=deleted))
        audit_events = (
            connection.scalar(select(func.count()).select_from(AuditEvent.__table__)) or 0
        )
    return DatabaseInfo(
        path=db.path,
        schema_revision=revision,
        head_revision=head_revision(),
        tables=tuple(counts),
        audit_events=audit_events,
        file_size=db.file_size(),
        encrypted=db.encrypted,
        device_id=db.device_id,
        created_with=db.meta.get("created_with", ""),
    )
