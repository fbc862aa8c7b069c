"""The append-only, hash-chained audit trail.

Audit events are not synced rows like the others: they are never updated or
tombstoned. Each has a UUID (unique across devices), the device it was written
on, and a hash over its content and the previous event's hash, so removing or
altering any row breaks the chain.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, CompactUuid, UTCDateTime, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    id: Mapped[uuid.UUID] = mapped_column(CompactUuid, unique=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(40), default="", index=True)
    entity_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    changes: Mapped[str] = mapped_column(Text, default="{}")
    origin_device: Mapped[str] = mapped_column(String(36), default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64))
