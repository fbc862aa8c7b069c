"""Unsaved form input kept while a person types, so a crash or power cut loses nothing.

A draft is not a record: it is never synced, audited or shown in lists. It lives in
the database file (not in a side file) because what people type concerns children,
and the database is the one place that is encrypted at rest.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, UTCDateTime, utcnow


class Draft(Base):
    """What one person had typed into one open form (``form_key`` names form and record)."""

    __tablename__ = "draft"

    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    form_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    payload: Mapped[str] = mapped_column(Text, default="{}")
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
