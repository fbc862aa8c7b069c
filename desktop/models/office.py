"""Office-wide configuration that syncs (participant groups, settings) and local metadata."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class ParticipantGroup(SyncMixin, Base):
    """A group whose participation the office tracks (girls, boys, ... or its own)."""

    __tablename__ = "participant_group"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class OfficeSetting(SyncMixin, Base):
    """One office-wide setting (office name, default language, idle lock minutes, ...)."""

    __tablename__ = "office_setting"

    key: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")


class AppMeta(Base):
    """Facts about this database file on this device; never synced (device id, creator version)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
