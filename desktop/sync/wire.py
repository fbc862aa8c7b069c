"""What travels between a laptop and the office server, as plain JSON-ready dicts.

A change goes up as the laptop recorded it (see ``desktop.models.sync.SyncChange``); a
record comes down as its whole current state (fields as the service's dataclass holds
them, its version and whether it is deleted), so a laptop that missed several changes to
one record needs only the last state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.models import SyncChange, SyncConflict

PROTOCOL_VERSION = 1


class WireError(ValueError):
    """A message that is not what the protocol says (one line, for the person)."""


@dataclass(frozen=True)
class ChangeMessage:
    device_id: str
    device_seq: int
    entity: str
    record_id: str
    action: str
    base_version: int
    fields: dict[str, Any]
    username: str
    at: datetime

    @classmethod
    def from_row(cls, row: SyncChange) -> ChangeMessage:
        return cls(
            device_id=row.device_id,
            device_seq=row.device_seq,
            entity=row.entity_type,
            record_id=row.entity_id,
            action=row.action,
            base_version=row.base_version,
            fields=json.loads(row.fields),
            username=row.username,
            at=row.at,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "device_seq": self.device_seq,
            "entity": self.entity,
            "id": self.record_id,
            "action": self.action,
            "base_version": self.base_version,
            "fields": self.fields,
            "username": self.username,
            "at": self.at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Any) -> ChangeMessage:
        try:
            return cls(
                device_id=str(data["device_id"]),
                device_seq=int(data["device_seq"]),
                entity=str(data["entity"]),
                record_id=str(data["id"]),
                action=str(data["action"]),
                base_version=int(data["base_version"]),
                fields=dict(data["fields"]),
                username=str(data["username"]),
                at=datetime.fromisoformat(str(data["at"])),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise WireError(f"not a change: {error}") from error


@dataclass(frozen=True)
class Outcome:
    """What the server did with one change: applied, merged, conflict, unchanged, refused."""

    device_seq: int
    outcome: str
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"device_seq": self.device_seq, "outcome": self.outcome, "message": self.message}

    @classmethod
    def from_dict(cls, data: Any) -> Outcome:
        return cls(int(data["device_seq"]), str(data["outcome"]), str(data.get("message", "")))


def conflict_to_dict(row: SyncConflict) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "entity": row.entity_type,
        "record_id": row.entity_id,
        "record_name": row.record_name,
        "field": row.field,
        "kind": row.kind,
        "kept_value": row.kept_value,
        "kept_by": row.kept_by,
        "kept_at": row.kept_at.isoformat() if row.kept_at else None,
        "other_value": row.other_value,
        "other_by": row.other_by,
        "other_at": row.other_at.isoformat() if row.other_at else None,
        "other_device": row.other_device,
        "created_at": row.created_at.isoformat(),
        "resolved_at": row.resolved_at.isoformat() if row.resolved_at else None,
        "resolved_by": row.resolved_by,
        "resolution": row.resolution,
    }


_TIMES = ("kept_at", "other_at", "created_at", "resolved_at")


def conflict_from_dict(data: dict[str, Any]) -> dict[str, Any]:
    """Column values of a :class:`SyncConflict` from :func:`conflict_to_dict`'s output."""
    import uuid

    values = {
        "id": uuid.UUID(data["id"]),
        "entity_type": data["entity"],
        "entity_id": data["record_id"],
        **{
            key: data[key]
            for key in ("record_name", "field", "kind", "kept_value", "kept_by", "other_value")
        },
        **{key: data[key] for key in ("other_by", "other_device", "resolved_by", "resolution")},
    }
    for key in _TIMES:
        values[key] = datetime.fromisoformat(data[key]) if data.get(key) else None
    return values
