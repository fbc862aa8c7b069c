"""Formal and other actors, and a community's links with them over time."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class Stakeholder(SyncMixin, Base):
    """A social welfare office, police unit, clinic, school, leader, NGO ..."""

    __tablename__ = "stakeholder"

    name: Mapped[str] = mapped_column(String(200), index=True)
    type: Mapped[str] = mapped_column(String(30))
    level: Mapped[str] = mapped_column(String(20), default="district")
    district: Mapped[str] = mapped_column(String(120), default="")
    contact_person: Mapped[str] = mapped_column(String(160), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(160), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Linkage(SyncMixin, Base):
    """A community's relationship with a stakeholder; ``status`` mirrors the latest change."""

    __tablename__ = "linkage"

    community_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("community.id"), index=True)
    stakeholder_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stakeholder.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    agreed_on: Mapped[date | None] = mapped_column(Date, default=None)
    agreement: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class LinkageChange(SyncMixin, Base):
    """One entry of a linkage's status history."""

    __tablename__ = "linkage_change"

    linkage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("linkage.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
