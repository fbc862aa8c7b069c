"""Reading the audit trail, for viewers and reports, and recording what is not a write
(exports, printed reports, locking). Audit events are never changed or removed, so this
service has no way to: it lists, counts, appends and checks the chain. Reading it is for
managers and administrators."""

from __future__ import annotations

import builtins
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select

from desktop.models import AuditEvent
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.services.framework.records import Page
from desktop.services.security import permissions
from desktop.storage import Database


@dataclass(frozen=True)
class AuditEntry:
    """One event. ``changes`` maps a field to ``[before, after]`` (empty for deletes)."""

    seq: int
    id: uuid.UUID
    at: datetime
    username: str
    action: str
    entity_type: str
    entity_id: str
    changes: Mapping[str, Any]
    origin_device: str


class AuditLogService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def list(
        self,
        *,
        username: str | None = None,
        entity_type: str | None = None,
        entity_id: uuid.UUID | str | None = None,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
        newest_first: bool = True,
        offset: int = 0,
        limit: int | None = 100,
    ) -> Page[AuditEntry]:
        """Events matching every filter given. A date in ``since``/``until`` means that
        whole day on this computer's clock (``until`` included); naive datetimes are
        local time too."""
        self._require_read()
        conditions: list[ColumnElement[bool]] = []
        if username:
            conditions.append(AuditEvent.username == username)
        if entity_type:
            conditions.append(AuditEvent.entity_type == entity_type)
        if entity_id:
            conditions.append(AuditEvent.entity_id == str(entity_id))
        if since is not None:
            conditions.append(AuditEvent.at >= _instant(since))
        if until is not None:
            if isinstance(until, datetime):
                conditions.append(AuditEvent.at <= _instant(until))
            else:
                conditions.append(AuditEvent.at < _instant(until + timedelta(days=1)))
        order = AuditEvent.seq.desc() if newest_first else AuditEvent.seq
        query = select(AuditEvent).where(*conditions).order_by(order)
        with self.db.session() as session:
            total = session.scalar(select(func.count(AuditEvent.seq)).where(*conditions)) or 0
            rows = session.scalars(query.offset(offset).limit(limit)).all()
            items = [_entry(row) for row in rows]
        return Page(items=items, total=total, offset=offset)

    def history(self, entity_type: str, entity_id: uuid.UUID | str) -> builtins.list[AuditEntry]:
        """Everything that happened to one record, oldest first."""
        page = self.list(
            entity_type=entity_type, entity_id=entity_id, newest_first=False, limit=None
        )
        return list(page.items)

    def verify(self) -> audit.ChainProblem | None:
        """The first broken link of the hash chain, or None if the trail is intact."""
        self._require_read()
        with self.db.session() as session:
            return audit.verify_chain(session)

    def usernames(self) -> builtins.list[str]:
        """Everyone named in the trail, for the viewer's filter."""
        self._require_read()
        with self.db.session() as session:
            rows = session.scalars(select(AuditEvent.username).distinct())
            return sorted(rows)

    def entity_types(self) -> builtins.list[str]:
        self._require_read()
        with self.db.session() as session:
            rows = session.scalars(select(AuditEvent.entity_type).distinct())
            return sorted(row for row in rows if row)

    # ------------------------------------------------- events that are not writes
    def record_export(self, kind: str, detail: Mapping[str, Any] | None = None) -> None:
        """Data left the app (a CSV file, a bundle): ``kind`` says what, ``detail`` which
        records or filters (never the data itself)."""
        self.record_event("export", kind, detail)

    def record_print(self, report: str, detail: Mapping[str, Any] | None = None) -> None:
        """A report or form was printed or saved as PDF."""
        self.record_event("print", report, detail)

    def record_lock(self) -> None:
        self.record_event("lock", "session")

    def record_unlock(self) -> None:
        self.record_event("unlock", "session")

    def record_event(
        self, action: str, entity_type: str, detail: Mapping[str, Any] | None = None
    ) -> None:
        """Append one event about the actor's own act (anyone may record their own acts)."""
        with self.db.sessions.begin() as session:
            audit.record(
                session,
                actor=self.actor,
                action=action,
                device_id=self.db.device_id,
                entity_type=entity_type,
                changes=detail or {},
            )

    def _require_read(self) -> None:
        with self.db.session() as session:
            permissions.require(session, self.actor, permissions.READ, "audit_event")


def _instant(moment: date | datetime) -> datetime:
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def _entry(row: AuditEvent) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        id=row.id,
        at=row.at,
        username=row.username,
        action=row.action,
        entity_type=row.entity_type,
        entity_id=row.entity_id,
        changes=json.loads(row.changes or "{}"),
        origin_device=row.origin_device,
    )
