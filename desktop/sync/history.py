"""What the office server knows of a record's history: who changed which field since a
version, and the markers that make a laptop's change idempotent."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import SyncChange
from desktop.sync.wire import ChangeMessage, Outcome


@dataclass(frozen=True)
class Touch:
    """The last time another device set a field (or deleted the record)."""

    username: str
    at: datetime


def known_outcome(session: Session, message: ChangeMessage) -> Outcome | None:
    """What the server did with this change before, if it has seen it (sent twice)."""
    row = session.scalars(
        select(SyncChange).where(
            SyncChange.device_id == message.device_id,
            SyncChange.device_seq == message.device_seq,
        )
    ).first()
    return None if row is None else Outcome(message.device_seq, row.outcome or "applied")


def touched_since(session: Session, message: ChangeMessage, seen: int) -> dict[str, Touch]:
    """Fields other devices changed that the laptop had not received when its user made
    the change: after checkpoint ``seen``, the last download it applied (``""`` stands for
    a delete). Counted in the server's sequence, not in versions: a laptop's second edit
    of a record is based on a version only that laptop had, which says nothing of what
    others did meanwhile."""
    rows = session.scalars(
        select(SyncChange)
        .where(
            SyncChange.entity_type == message.entity,
            SyncChange.entity_id == message.record_id,
            SyncChange.seq > seen,
            SyncChange.device_id != message.device_id,
            SyncChange.outcome != "refused",
        )
        .order_by(SyncChange.seq)
    )
    touched: dict[str, Touch] = {}
    for row in rows:
        names = [""] if row.action == "delete" else list(json.loads(row.fields))
        for name in names:
            touched[name] = Touch(row.username, row.at)
    return touched


def write_marker(
    session: Session, message: ChangeMessage, outcome: str, username: str, version: int
) -> None:
    """Remember a change the server took without writing the record (refused, unchanged,
    or only set aside as conflicts), so that sending it again changes nothing."""
    session.add(
        SyncChange(
            device_id=message.device_id,
            device_seq=message.device_seq,
            entity_type=message.entity,
            entity_id=message.record_id,
            action=message.action,
            base_version=message.base_version,
            new_version=version,
            fields="{}",
            username=username,
            at=message.at,
            acknowledged=True,
            outcome=outcome,
        )
    )
