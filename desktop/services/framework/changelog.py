"""Every audited write to a synced record also leaves a change row, in the same transaction.

The entity services call :func:`record` from the one place they audit a write, so a
write that rolls back leaves neither its audit event nor its change. A change names the
record, the version it was based on (0 for a create), the fields the write set with their
new values, who, when, and ``(device, per-device sequence)``.

On the office server the same services apply a laptop's changes; :func:`applying` then
says whose change it is, so the row recorded there carries the laptop's device and
sequence (and a created record keeps the id the laptop gave it). :func:`receiving` is for
a laptop applying what it downloaded: those writes are the server's, not new changes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import SyncChange, SyncMixin, utcnow

#: The audit trail's actions that are changes to a record (others, such as a carry-over,
#: are told by the changes of the records they wrote).
CHANGE_ACTIONS = frozenset({"create", "update", "delete", "restore"})
_BASES = "clcp_change_bases"


@dataclass(frozen=True)
class Origin:
    """Whose change the server is applying: the laptop's device and sequence number."""

    device_id: str
    device_seq: int
    username: str
    at: datetime
    record_id: uuid.UUID | None = None
    outcome: str = "applied"  # or "merged", "conflict" (some fields were set aside)


_origin: ContextVar[Origin | None] = ContextVar("clcp_change_origin", default=None)
_receiving: ContextVar[bool] = ContextVar("clcp_change_receiving", default=False)
_together: ContextVar[Callable[[Session], None] | None] = ContextVar(
    "clcp_change_together", default=None
)


@contextmanager
def applying(origin: Origin) -> Iterator[None]:
    """Writes inside the block apply ``origin``'s change (on the office server)."""
    token = _origin.set(origin)
    try:
        yield
    finally:
        _origin.reset(token)


@contextmanager
def together(write: Callable[[Session], None]) -> Iterator[None]:
    """Run ``write`` in the transaction of the next change recorded inside the block (the
    server keeps a conflict in the very transaction that applies the rest of an edit)."""
    token = _together.set(write)
    try:
        yield
    finally:
        _together.reset(token)


@contextmanager
def own_changes() -> Iterator[None]:
    """Writes inside the block are this database's own changes, even while a laptop's
    change is being applied (the office server adds a record of its own beside it)."""
    token = _origin.set(None)
    try:
        yield
    finally:
        _origin.reset(token)


@contextmanager
def receiving() -> Iterator[None]:
    """Writes inside the block come from the server and record no change of their own."""
    token = _receiving.set(True)
    try:
        yield
    finally:
        _receiving.reset(token)


def new_record_id() -> uuid.UUID:
    """The id of a record being created: the laptop's, when the server applies its create."""
    origin = _origin.get()
    return origin.record_id if origin and origin.record_id else uuid.uuid4()


def audit_device(own_device: str) -> str:
    """The device an audit event names: the laptop whose change the server applies."""
    origin = _origin.get()
    return origin.device_id if origin else own_device


def child_id(model: Any, parent_id: uuid.UUID, key: object) -> uuid.UUID:
    """A child row's id (a meeting's attendance of one group, ...): made from its parent and
    key, the same on every device, so two laptops cannot invent two rows for one thing."""
    return uuid.uuid5(parent_id, f"{model.__table__.name}:{key}")


def note_base(session: Session, entity: str, row: SyncMixin) -> None:
    """Remember the version a record had when the transaction first read it."""
    bases: dict[tuple[str, str], int] = session.info.setdefault(_BASES, {})
    bases.setdefault((entity, str(row.id)), row.version)


def record(
    session: Session,
    device_id: str,
    username: str,
    entity: str,
    row: SyncMixin,
    action: str,
    fields: Mapping[str, Any],
) -> SyncChange | None:
    """Append the change a write made (None when it is not a change to sync)."""
    if action not in CHANGE_ACTIONS or _receiving.get():
        return None
    origin = _origin.get()
    bases: dict[tuple[str, str], int] = session.info.get(_BASES, {})
    base = 0 if action == "create" else bases.get((entity, str(row.id)), row.version)
    if origin is not None:
        device_id, device_seq = origin.device_id, origin.device_seq
        username, at = origin.username, origin.at
    else:
        device_seq = next_device_seq(session, device_id)
        at = utcnow()
    change = SyncChange(
        device_id=device_id,
        device_seq=device_seq,
        entity_type=entity,
        entity_id=str(row.id),
        action=action,
        base_version=base,
        new_version=row.version,
        fields=json.dumps(dict(fields), sort_keys=True, ensure_ascii=False),
        username=username,
        at=at,
        acknowledged=origin is not None,
        outcome=origin.outcome if origin is not None else "",
    )
    session.add(change)
    session.flush()
    also = _together.get()
    if also is not None:
        _together.set(None)
        also(session)
    bases[(entity, str(row.id))] = row.version  # a second write in one transaction
    return change


def next_device_seq(session: Session, device_id: str) -> int:
    """The next number in this device's own sequence of changes."""
    last = session.scalar(
        select(func.max(SyncChange.device_seq)).where(SyncChange.device_id == device_id)
    )
    return (last or 0) + 1


def waiting(session: Session) -> list[SyncChange]:
    """The changes not yet acknowledged by the office server, oldest first."""
    return list(
        session.scalars(
            select(SyncChange).where(SyncChange.acknowledged.is_(False)).order_by(SyncChange.seq)
        )
    )
