"""The catalogue of harms to children, and how a cycle's participants ranked them."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class Harm(SyncMixin, Base):
    """A harm in the catalogue. ``community_id`` set means a community's own addition.

    Harms are retired, never deleted, once used.
    """

    __tablename__ = "harm"

    code: Mapped[str] = mapped_column(String(60), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    community_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("community.id"), default=None, index=True
    )
    retired: Mapped[bool] = mapped_column(default=False)


class HarmName(SyncMixin, Base):
    """The name of a harm in another language."""

    __tablename__ = "harm_name"
    __table_args__ = (UniqueConstraint("harm_id", "language"),)

    harm_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("harm.id"))
    language: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))


class HarmPriority(SyncMixin, Base):
    """A harm considered in a cycle: selected by the community or not, and why."""

    __tablename__ = "harm_priority"
    __table_args__ = (UniqueConstraint("cycle_id", "harm_id"),)

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id"))
    harm_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("harm.id"), index=True)
    selected: Mapped[bool] = mapped_column(default=False)
    reasons: Mapped[str] = mapped_column(Text, default="")
    decided_at_meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting.id"), default=None
    )


class HarmRank(SyncMixin, Base):
    """The rank one participant group gave a considered harm (1 = most serious)."""

    __tablename__ = "harm_rank"
    __table_args__ = (UniqueConstraint("priority_id", "group_code"),)

    priority_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("harm_priority.id"))
    group_code: Mapped[str] = mapped_column(String(40))
    rank: Mapped[int] = mapped_column()
