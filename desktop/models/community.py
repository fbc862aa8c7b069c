"""A community (village, neighbourhood, camp or collective) and its partnership history."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class Community(SyncMixin, Base):
    """A community the office works with, or has approached.

    ``partnership_status`` mirrors the latest :class:`PartnershipChange`; the
    history table keeps every earlier decision with its date and reason.
    ``search_text`` is a folded copy of the names and places used for
    accent- and case-insensitive search.
    """

    __tablename__ = "community"

    name: Mapped[str] = mapped_column(String(200), index=True)
    other_names: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(24), default="village")
    country: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(120), default="")
    district: Mapped[str] = mapped_column(String(120), default="", index=True)
    locality: Mapped[str] = mapped_column(String(160), default="")
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)
    population_estimate: Mapped[int | None] = mapped_column(default=None)
    languages: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    partnership_status: Mapped[str] = mapped_column(String(20), default="exploring", index=True)
    partnership_since: Mapped[date | None] = mapped_column(Date, default=None)
    search_text: Mapped[str] = mapped_column(Text, default="")


class PartnershipChange(SyncMixin, Base):
    """One entry of a community's partnership status history."""

    __tablename__ = "partnership_change"

    community_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("community.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
