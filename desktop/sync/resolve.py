"""Resolving a conflict on a laptop: keep the value that is current, take the one set
aside, or write a merged value. A new value is an ordinary edit through the services (so
it syncs like any other change); the conflict is marked resolved here and the server is
told at the next sync."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import AppMeta, SyncConflict
from desktop.services.framework import changes, fieldcodec
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import NotFoundError, ValidationError
from desktop.storage import Database
from desktop.sync.conflicts import EDIT_VS_DELETE, NEW_RECORD, mark_resolved
from desktop.sync.registry import service_for

PENDING_KEY = "sync_resolved_pending"
CHOICES = ("current", "other", "value")


def find(db: Database, text: str) -> SyncConflict:
    """The conflict whose id is ``text`` (or starts with it, as ``conflicts list`` shows)."""
    with db.session() as session:
        matches = [
            row
            for row in session.scalars(select(SyncConflict))
            if text.strip() and str(row.id).startswith(text.strip().lower())
        ]
    if len(matches) != 1:
        raise NotFoundError(_("no single conflict with id {id}").format(id=text))
    return matches[0]


def resolve(
    db: Database, actor: Actor, conflict_id: uuid.UUID, choice: str, value: str | None = None
) -> str:
    """Resolve a conflict (``choice``: current, other or value); returns how, in words."""
    conflict = find(db, str(conflict_id))
    if conflict.resolved_at is not None:
        raise ValidationError({"conflict": _("this conflict is already resolved")})
    if choice not in CHOICES or (choice == "value") != (value is not None):
        raise ValidationError({"choice": _("keep current, take other, or give a value")})
    service = service_for(db, actor, conflict.entity_type)
    if service is None:
        raise NotFoundError(_("unknown kind of record: {kind}").format(kind=conflict.entity_type))
    record_id = uuid.UUID(conflict.entity_id)
    if conflict.kind == NEW_RECORD:
        if choice == "value":
            raise ValidationError({"choice": _("add the record as it was made, or leave it out")})
        if choice == "other":  # added now, by the person deciding (a change that syncs)
            fields = json.loads(conflict.other_value)
            service.create(service.data_type(**fieldcodec.decode_fields(service.data_type, fields)))
    elif conflict.kind == EDIT_VS_DELETE:
        if choice == "other":
            service.delete(record_id)
    elif choice != "current":
        chosen: Any = json.loads(conflict.other_value) if choice == "other" else value
        current = service.get(record_id)
        new = fieldcodec.decode_fields(service.data_type, {conflict.field: chosen})
        service.update(record_id, replace(current.data, **new))
    how = {"current": "kept current", "other": "took other", "value": "wrote a value"}[choice]
    with db.sessions.begin() as session:
        row = session.get(SyncConflict, conflict.id)
        assert row is not None
        mark_resolved(session, row, actor, how)
        changes.note(session, "sync_conflict", conflict.id)  # the screens are told
        _queue(session, conflict.id, how)
    return how


def _queue(session: Session, conflict_id: uuid.UUID, how: str) -> None:
    row = session.get(AppMeta, PENDING_KEY)
    pending = json.loads(row.value) if row is not None else []
    pending.append({"id": str(conflict_id), "how": how})
    if row is None:
        session.add(AppMeta(key=PENDING_KEY, value=json.dumps(pending)))
    else:
        row.value = json.dumps(pending)


def pending_resolutions(db: Database) -> list[dict[str, str]]:
    with db.session() as session:
        row = session.get(AppMeta, PENDING_KEY)
        return list(json.loads(row.value)) if row is not None else []


def clear_pending(db: Database, sent: list[dict[str, str]]) -> None:
    with db.sessions.begin() as session:
        clear_pending_in(session, sent)


def clear_pending_in(session: Session, sent: list[Any]) -> None:
    """Forget the resolutions the server has been told of (inside the caller's transaction)."""
    row = session.get(AppMeta, PENDING_KEY)
    if row is not None:
        left = [item for item in json.loads(row.value) if item not in sent]
        row.value = json.dumps(left)
