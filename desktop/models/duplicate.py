"""Possible duplicates: two records that look like the same community or stakeholder.

Two laptops offline can each add "Kéréwé" in Lira. The office server notices when the
second one arrives and writes one of these instead of merging anything: both records stay
until a manager decides to keep both or to merge one into the other. It is a synced
record like any other, so the decision reaches every laptop that can read both records.

Who added each record and when are copied in from the office's change log when the item
is made: a laptop holds the records but not their history, and a person deciding needs
to know whose work each one is.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, CompactUuid, SyncMixin, UTCDateTime


class PossibleDuplicate(SyncMixin, Base):
    __tablename__ = "possible_duplicate"

    kind: Mapped[str] = mapped_column(String(20))  # community or stakeholder
    first_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, index=True)  # the one there first
    second_id: Mapped[uuid.UUID] = mapped_column(
        CompactUuid, index=True
    )  # the one that came second
    first_added_by: Mapped[str] = mapped_column(String(80), default="")
    first_added_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    second_added_by: Mapped[str] = mapped_column(String(80), default="")
    second_added_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    kept_id: Mapped[uuid.UUID | None] = mapped_column(CompactUuid, default=None)  # when merged
