"""Appending to the hash-chained audit trail, and verifying the chain.

Each event's hash covers its own content and the hash of the event before it,
so an edited, inserted or deleted row breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AuditEvent, utcnow
from desktop.services.framework import changes as _changes
from desktop.services.framework.actor import Actor
from desktop.storage.database import AUDIT_HEAD_INFO


def to_json_value(value: Any) -> Any:
    """A value as it appears in an audit record (dates as ISO text, UUIDs as text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_json_value(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return value


def _digest(event: AuditEvent) -> str:
    payload = {
        "prev": event.prev_hash,
        "id": str(event.id),
        "at": event.at.isoformat(),
        "user": event.username,
        "action": event.action,
        "entity_type": event.entity_type,
        "entity_id": event.entity_id,
        "changes": event.changes,
        "device": event.origin_device,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    device_id: str,
    entity_type: str = "",
    entity_id: str | uuid.UUID = "",
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction (it commits or rolls back with the write)."""
    previous = session.scalars(
        select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    event = AuditEvent(
        id=uuid.uuid4(),
        at=utcnow(),
        username=actor.username,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        changes=json.dumps(to_json_value(changes or {}), sort_keys=True, ensure_ascii=False),
        origin_device=device_id,
        prev_hash=previous or "",
    )
    event.hash = _digest(event)
    session.add(event)
    session.flush()
    # Sealed in the key file on commit: (the hash this transaction's events follow, last seq, hash)
    first_prev = session.info.get(AUDIT_HEAD_INFO, (event.prev_hash,))[0]
    session.info[AUDIT_HEAD_INFO] = (first_prev, event.seq, event.hash)
    _changes.note(session, entity_type, entity_id, action)  # what the screens are told
    return event


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


def verify_chain(session: Session) -> ChainProblem | None:
    """The first event whose hash or link is wrong, or None if the chain is intact."""
    previous_hash = ""
    previous_seq = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
        if event.prev_hash != previous_hash:
            return ChainProblem(event.seq, "does not follow the event before it")
        if event.hash != _digest(event):
            return ChainProblem(event.seq, "content does not match its hash")
        if previous_seq and event.seq != previous_seq + 1:
            return ChainProblem(event.seq, f"events {previous_seq + 1}..{event.seq - 1} missing")
        previous_hash = event.hash
        previous_seq = event.seq
    return None
