"""Declarative base, naming convention and the sync mixin shared by every synced table.

Every row carries an id made on the device that created it (a UUID, kept in 16 bytes:
see :class:`CompactUuid`), a version counter that SQLAlchemy bumps on each UPDATE
(optimistic concurrency), UTC timestamps, who changed it last, which device created
it, and a tombstone (``deleted_at``): users never hard-delete rows, so a later sync can merge them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, LargeBinary, MetaData, String, TypeDecorator, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (what every timestamp column stores)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always returned timezone-aware.

    SQLite has no time zone type; without this, values come back naive and
    comparisons with aware datetimes fail.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class CompactUuid(TypeDecorator[uuid.UUID]):
    """A UUID in 16 bytes: PostgreSQL's native ``uuid``; elsewhere (SQLite) a 16-byte BLOB
    instead of the 32 hex digits SQLAlchemy's ``Uuid`` would write. Python sees
    ``uuid.UUID`` either way (a string in canonical or hex form is accepted too), and the
    bytes sort as the hex did, so ordering by id is unchanged."""

    impl = Uuid
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Uuid())
        return dialect.type_descriptor(LargeBinary(16))

    def process_bind_param(self, value: uuid.UUID | str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            value = uuid.UUID(value)
        return value if dialect.name == "postgresql" else value.bytes

    def process_literal_param(self, value: uuid.UUID | str | None, dialect: Dialect) -> str:
        if value is None:
            return "NULL"
        text = uuid.UUID(str(value)).hex
        return f"'{uuid.UUID(text)}'" if dialect.name == "postgresql" else f"X'{text}'"

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        if value is None or isinstance(value, uuid.UUID):
            return value
        return uuid.UUID(bytes=bytes(value)) if len(value) == 16 else uuid.UUID(value)


class DeviceId(TypeDecorator[str]):
    """The id of the device that made a row, a string to Python: on SQLite a canonical
    UUID string is kept as its 16 bytes (it is on every row), anything else as text;
    PostgreSQL keeps the text."""

    impl = String(36)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(String(36))
        return dialect.type_descriptor(LargeBinary(16))  # BLOB affinity keeps text as text

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        try:
            parsed = uuid.UUID(value)
        except ValueError:
            return value
        return parsed.bytes if str(parsed) == value else value

    # The column holds bytes or text: the driver passes both as they are (the BLOB type's
    # own processing, which wants bytes only, is left out).
    def bind_processor(self, dialect: Dialect) -> Any:
        return lambda value: self.process_bind_param(value, dialect)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        return lambda value: self.process_result_value(value, dialect)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, bytes | memoryview):
            return str(uuid.UUID(bytes=bytes(value)))
        return None if value is None else str(value)


class Base(DeclarativeBase):
    """Root of all mapped classes; shares one metadata with a stable naming convention.
    Every ``Mapped[uuid.UUID]`` column is a :class:`CompactUuid`."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {uuid.UUID: CompactUuid}


class SyncMixin:
    """Columns every synced entity has (see module docstring)."""

    id: Mapped[uuid.UUID] = mapped_column(CompactUuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(80), default="")
    origin_device: Mapped[str] = mapped_column(DeviceId, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # SQLAlchemy bumps ``version`` on every UPDATE and refuses a stale one.
        return {"version_id_col": cls.version}

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
