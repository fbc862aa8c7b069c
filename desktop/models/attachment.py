"""Files attached to any record: scanned paper forms, flip-chart photos."""

from __future__ import annotations

import uuid

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from desktop.models.base import Base, CompactUuid, SyncMixin


class Attachment(SyncMixin, Base):
    """A file kept inside the database (so it is protected like the rest of the data).

    ``content`` is deferred: listing attachments never loads the bytes.
    """

    __tablename__ = "attachment"

    entity_type: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, index=True)
    file_name: Mapped[str] = mapped_column(String(260))
    media_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    size: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    caption: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
