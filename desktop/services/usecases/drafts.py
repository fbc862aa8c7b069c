"""Drafts of open forms: saved as a person types, offered back after a crash.

A draft belongs to one user and one form key (such as ``community/new`` or
``action/<id>``; the part before the first ``/`` names the kind of form). Values
are a flat mapping of field name to a plain value (text, number, bool, None, date,
UUID, or a list or mapping of those), stored as JSON inside the database file, so
they are encrypted with it. Drafts are not records: no audit, no sync, no version.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select

from desktop.models import Draft, utcnow
from desktop.services.framework.actor import Actor
from desktop.storage import Database

_DATE = "$date"
_UUID = "$uuid"


@dataclass(frozen=True)
class DraftEntry:
    form_key: str
    title: str
    values: dict[str, Any]
    saved_at: datetime

    @property
    def kind(self) -> str:
        """The kind of form (the key up to the first ``/``)."""
        return self.form_key.split("/", 1)[0]


def _encode(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return {_UUID: value.hex}
    if isinstance(value, date) and not isinstance(value, datetime):
        return {_DATE: value.isoformat()}
    if isinstance(value, Mapping):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"a draft cannot hold a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_UUID}:
            return uuid.UUID(value[_UUID])
        if set(value) == {_DATE}:
            return date.fromisoformat(value[_DATE])
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


class DraftService:
    """Save, load, list and discard the acting user's drafts."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def save(self, form_key: str, title: str, values: Mapping[str, Any]) -> None:
        """Keep ``values`` as the draft of ``form_key`` (replacing an older one)."""
        payload = json.dumps(_encode(values), ensure_ascii=False, sort_keys=True)
        with self.db.sessions.begin() as session:
            row = session.get(Draft, (self.actor.username, form_key))
            if row is None:
                row = Draft(username=self.actor.username, form_key=form_key)
                session.add(row)
            row.title = title[:300]
            row.payload = payload
            row.saved_at = utcnow()

    def load(self, form_key: str) -> DraftEntry | None:
        with self.db.session() as session:
            row = session.get(Draft, (self.actor.username, form_key))
            return _entry(row) if row is not None else None

    def list(self) -> list[DraftEntry]:
        """The user's drafts, newest first."""
        with self.db.session() as session:
            rows = session.scalars(
                select(Draft)
                .where(Draft.username == self.actor.username)
                .order_by(Draft.saved_at.desc())
            )
            return [_entry(row) for row in rows]

    def discard(self, form_key: str) -> None:
        with self.db.sessions.begin() as session:
            session.execute(
                delete(Draft).where(
                    Draft.username == self.actor.username, Draft.form_key == form_key
                )
            )


def _entry(row: Draft) -> DraftEntry:
    try:
        values = _decode(json.loads(row.payload))
    except ValueError:
        values = {}
    return DraftEntry(
        form_key=row.form_key,
        title=row.title,
        values=values if isinstance(values, dict) else {},
        saved_at=row.saved_at,
    )
