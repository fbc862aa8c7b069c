"""The change log and the conflicts it may lead to (issue 16: laptops that sync).

``SyncChange`` is one write to a synced record, recorded in the same transaction as the
write itself. On a laptop it lists the device's own writes, in the order made (``seq``),
until the office server has acknowledged them. On the office server it lists every change
the server accepted, and ``seq`` is the one server-wide sequence a laptop's checkpoint
counts in. ``(device_id, device_seq)`` names a change wherever it travels, so a change
sent twice is applied once.

``SyncConflict`` keeps an edit that could not be applied as it was made (the same field
changed by two people, or an edit to a record someone deleted): both values, who made
them and when, until a person resolves it. Nothing is overwritten silently.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, CompactUuid, UTCDateTime, utcnow


class SyncChange(Base):
    __tablename__ = "sync_change"
    __table_args__ = (
        UniqueConstraint("device_id", "device_seq"),
        Index("ix_sync_change_record", "entity_type", "entity_id"),
    )

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column()
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, restore
    base_version: Mapped[int] = mapped_column(default=0)  # 0 for a create
    new_version: Mapped[int] = mapped_column(default=0)
    fields: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> new value
    username: Mapped[str] = mapped_column(String(80), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # laptop: the server has it; server: applied, merged, conflict or refused
    acknowledged: Mapped[bool] = mapped_column(default=False, index=True)
    outcome: Mapped[str] = mapped_column(String(20), default="")


class SyncConflict(Base):
    __tablename__ = "sync_conflict"

    id: Mapped[uuid.UUID] = mapped_column(CompactUuid, primary_key=True, default=uuid.uuid4)
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    record_name: Mapped[str] = mapped_column(String(200), default="")
    field: Mapped[str] = mapped_column(String(80), default="")  # "" for edit-versus-delete
    kind: Mapped[str] = mapped_column(String(20), default="same_field")  # or edit_vs_delete
    kept_value: Mapped[str] = mapped_column(Text, default="null")  # JSON, what is current
    kept_by: Mapped[str] = mapped_column(String(80), default="")
    kept_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    other_value: Mapped[str] = mapped_column(Text, default="null")  # JSON, the edit set aside
    other_by: Mapped[str] = mapped_column(String(80), default="")
    other_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    other_device: Mapped[str] = mapped_column(String(36), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolved_by: Mapped[str] = mapped_column(String(80), default="")
    resolution: Mapped[str] = mapped_column(Text, default="")


class ServerAccount(Base):
    """An account's password on the office server (an Argon2id hash; laptops keep key
    slots instead), and its failed sign-ins, which delay the next try as in the app."""

    __tablename__ = "server_account"

    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # A token issued before this moment is refused: set when the password changes or
    # the account is disabled, so a sign-in does not outlive either.
    valid_after: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class OfficeDevice(Base):
    """A laptop the office server knows: first seen when its user signed in from it.

    ``box_key``/``sign_key`` are its public keys for bundles by USB (empty until it sent
    them over a signed-in network sync), ``last_bundle_seq`` the newest bundle applied
    from it (older ones are replays). A revoked laptop (lost, stolen) is refused from then
    on, its tokens and its bundles alike.
    """

    __tablename__ = "office_device"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(80), default="")
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sync: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    box_key: Mapped[str] = mapped_column(Text, default="")
    sign_key: Mapped[str] = mapped_column(Text, default="")
    last_bundle_seq: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    revoked_by: Mapped[str] = mapped_column(String(80), default="")
