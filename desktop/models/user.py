"""People who use the app and their assignments to communities."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class User(SyncMixin, Base):
    """An account. Password material and key slots arrive with the security work."""

    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(160), default="")
    role: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(16), default="en")
    active: Mapped[bool] = mapped_column(default=True)


class CommunityAssignment(SyncMixin, Base):
    """A facilitator or mentor assigned to a community for a period."""

    __tablename__ = "community_assignment"
    # Who facilitates a community now, read from the index alone (the community list).
    __table_args__ = (
        Index(
            "ix_community_assignment_community_id",
            "community_id",
            "role",
            "from_on",
            "to_on",
            "user_id",
            "deleted_at",
        ),
    )

    community_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("community.id"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    from_on: Mapped[date | None] = mapped_column(Date, default=None)
    to_on: Mapped[date | None] = mapped_column(Date, default=None)
