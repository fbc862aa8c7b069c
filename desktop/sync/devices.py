"""The laptops the office server knows, and revoking one that was lost.

A laptop becomes known the first time its user signs in from it (``clcp join``, a sync):
the office notes its device id, the account, when it was first seen and when it last
synced; the changes it sent are counted from the office's change log. Its public keys
for bundles by USB are recorded only over that signed-in network (see
``desktop.sync.bundle_keys``).

Revoking a laptop (``clcp server revoke``) refuses it from then on: the tokens it holds,
its next sign-in and any bundle it wrote. The revocation is audited on the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import OfficeDevice, SyncChange, utcnow
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import NotFoundError, ServiceError, ValidationError
from desktop.storage import Database
from desktop.sync.bundle_keys import PublicKeys, unb64

SHORT = 8  # characters of a device id shown and accepted (as git shows commits)


class RevokedDevice(ServiceError):
    """A laptop the office revoked (one line for the person)."""


def revoked_message() -> str:
    return _("this laptop was revoked on the office server; ask an administrator")


@dataclass(frozen=True)
class Device:
    """A laptop the office knows: its account, its keys (None until sent), the last
    bundle applied from it."""

    device_id: str
    username: str
    keys: PublicKeys | None
    last_seq: int = 0
    revoked: bool = False


@dataclass(frozen=True)
class DeviceLine:
    """One line of ``clcp server devices``."""

    device_id: str
    username: str
    first_seen: datetime
    last_sync: datetime | None
    changes: int
    revoked_at: datetime | None


def _row(session: Session, device_id: str) -> OfficeDevice | None:
    return session.get(OfficeDevice, device_id)


def seen(db: Database, device_id: str, username: str, keys: PublicKeys | None = None) -> None:
    """A signed-in laptop: known from now on, its account and (when sent) its keys noted.
    Refused with :class:`RevokedDevice` if it was revoked. Its bundle count is kept, so a
    new sign-in cannot make an old bundle new again."""
    with db.sessions.begin() as session:
        row = _row(session, device_id)
        if row is not None and row.revoked_at is not None:
            raise RevokedDevice(revoked_message())
        if row is None:
            row = OfficeDevice(device_id=device_id, first_seen=utcnow(), last_bundle_seq=0)
            session.add(row)
        if keys is not None or not row.username:
            row.username = username
        if keys is not None:
            box, sign = keys.to_dict()["box"], keys.to_dict()["sign"]
            row.box_key, row.sign_key = box, sign


def register_device(db: Database, device_id: str, username: str, keys: PublicKeys) -> None:
    """Record a laptop's keys against the account that signed in from it."""
    seen(db, device_id, username, keys)


def synced(db: Database, device_id: str) -> None:
    """The laptop received a download now (its last sync, in the list of laptops)."""
    with db.sessions.begin() as session:
        row = _row(session, device_id)
        if row is not None:
            row.last_sync = utcnow()


def device(session: Session, device_id: str) -> Device | None:
    row = _row(session, device_id)
    if row is None:
        return None
    keys = None
    if row.box_key and row.sign_key:
        keys = PublicKeys(unb64(row.box_key), unb64(row.sign_key))
    return Device(
        row.device_id, row.username, keys, row.last_bundle_seq, row.revoked_at is not None
    )


def record_bundle_seq(session: Session, device_id: str, seq: int) -> None:
    """Remember the newest bundle applied from a device (older and equal ones are replays)."""
    row = _row(session, device_id)
    if row is not None:
        row.last_bundle_seq = seq
        row.last_sync = utcnow()


def registered_devices(db: Database) -> list[str]:
    """The ids of the laptops whose bundle keys the office holds."""
    with db.session() as session:
        return list(
            session.scalars(select(OfficeDevice.device_id).where(OfficeDevice.box_key != ""))
        )


def device_lines(db: Database) -> list[DeviceLine]:
    """Every laptop the office knows, the most recently synced first."""
    counts = (
        select(SyncChange.device_id, func.count().label("changes"))
        .group_by(SyncChange.device_id)
        .subquery()
    )
    with db.session() as session:
        rows = session.execute(
            select(OfficeDevice, func.coalesce(counts.c.changes, 0))
            .outerjoin(counts, counts.c.device_id == OfficeDevice.device_id)
            .order_by(OfficeDevice.last_sync.desc().nulls_last(), OfficeDevice.first_seen)
        ).all()
        return [
            DeviceLine(
                row.device_id,
                row.username,
                row.first_seen,
                row.last_sync,
                int(changes),
                row.revoked_at,
            )
            for row, changes in rows
        ]


def find_device(session: Session, text: str) -> OfficeDevice:
    """The laptop whose id is ``text`` or starts with it (at least the short form)."""
    wanted = text.strip().lower()
    if len(wanted) < SHORT:
        raise NotFoundError(_("give at least {n} characters of the device id").format(n=SHORT))
    rows = list(
        session.scalars(
            select(OfficeDevice).where(OfficeDevice.device_id.startswith(wanted, autoescape=True))
        )
    )
    if len(rows) != 1:
        raise NotFoundError(_("no single laptop with id {id}").format(id=text))
    return rows[0]


def revoke(db: Database, text: str, by: Actor) -> DeviceLine:
    """Refuse the laptop ``text`` names from now on (audited); returns it as revoked."""
    with db.sessions.begin() as session:
        row = find_device(session, text)
        if row.revoked_at is not None:
            raise ValidationError(
                {
                    "device": _("this laptop was already revoked on {when}").format(
                        when=row.revoked_at.date().isoformat()
                    )
                }
            )
        row.revoked_at, row.revoked_by = utcnow(), by.username
        audit.record(
            session,
            actor=by,
            action="server.device_revoked",
            device_id=db.device_id,
            entity_type="database",
            changes={"device": row.device_id, "username": row.username},
        )
        device_id = row.device_id
    return next(line for line in device_lines(db) if line.device_id == device_id)
