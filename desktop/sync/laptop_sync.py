"""The app's side of syncing, bound to one signed-in person's ``Services``.

The screens reach the database only through the facade, and the sync engine itself uses
the facade (to name records, to find each kind's service), so the facade cannot hold the
engine without an import circle. This class is built from the facade instead
(``LaptopSync(context.services)``): the window's Sync now, its sync status, the list of
changes waiting to be sent and the conflicts screen read and write through it alone, with
the engine's public functions, as ``clcp sync`` and ``clcp conflicts`` do. The window
reads the status as it opens; the engine, the conflicts and the HTTP client are loaded
only when used.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from desktop.labels import record_kind
from desktop.models import SyncChange, SyncConflict
from desktop.services.facade import Services
from desktop.sync.laptop import LAST_SYNC_KEY, SERVER_KEY, meta, waiting_messages

if TYPE_CHECKING:
    from desktop.sync.client import HttpTransport
    from desktop.sync.engine import Summary

#: A server token lasts 15 minutes; a sync within this many seconds of signing in uses it
#: again instead of asking for the password (a little less, so it does not end mid-sync).
TOKEN_REUSE_SECONDS = 10 * 60


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar says: the server joined ("" when none), the last sync, how many
    changes wait to be sent and how many conflicts are open."""

    server: str
    last_sync: datetime | None
    waiting: int
    conflicts: int


@dataclass(frozen=True)
class WaitingChange:
    """One change not yet sent: the record in words, its kind, what was done, when."""

    record: str
    kind: str
    action: str
    fields: tuple[str, ...]
    at: datetime


@dataclass(frozen=True)
class OpenConflict:
    """One conflict as a person reads it. ``kept`` is the value in use, ``other`` the one
    set aside; ``mine`` says which of the two this person (or this laptop) made, if any."""

    id: uuid.UUID
    record: str
    field: str
    whole_record: bool  # an edit against a deletion, a new record: the whole record
    kept: str
    kept_by: str
    kept_at: datetime | None
    other: str
    other_by: str
    other_at: datetime | None
    mine: str  # "kept", "other" or "" (two other people's edits)


@dataclass
class Connection:
    """A transport signed in to the office server, and when it was; ``mended`` says
    which side took the other's password at this sign-in ("office", "laptop" or "")."""

    transport: HttpTransport
    signed_in_at: float
    mended: str = ""

    def fresh(self) -> bool:
        return time.monotonic() - self.signed_in_at < TOKEN_REUSE_SECONDS


@dataclass(frozen=True)
class SyncResult:
    """One sync's summary, the changes the server refused (in words), the connection,
    kept for the next sync while its token lasts, and how many possible duplicates wait
    for this person to decide."""

    summary: Summary
    refused: tuple[str, ...]
    connection: Connection
    duplicates: int = 0


@dataclass(frozen=True)
class PasswordQuestion:
    """The office has another password for the person: ask it once. ``changed_here``:
    the previous one (changed on this laptop), else the office's."""

    changed_here: bool


def or_question(work: Callable[[], SyncResult]) -> SyncResult | PasswordQuestion:
    """``work()``, or the question to ask when the office did not take the password (for
    a screen, a question to put to the person rather than a refusal to show)."""
    from desktop.sync.office_password import OfficePasswordNeeded

    try:
        return work()
    except OfficePasswordNeeded as needed:
        return PasswordQuestion(needed.changed_here)


class LaptopSync:
    """Sync for the person of ``services`` on the laptop database behind it."""

    def __init__(self, services: Services) -> None:
        self._db = services.db
        self._actor = services.actor

    def server(self) -> str:
        """The office server this laptop joined ("" for a database that never joined)."""
        return meta(self._db, SERVER_KEY)

    def status(self) -> SyncStatus:
        last = meta(self._db, LAST_SYNC_KEY)
        with self._db.session() as session:
            waiting = session.scalar(
                select(func.count())
                .select_from(SyncChange)
                .where(SyncChange.acknowledged.is_(False))
            )
            conflicts = session.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved_at.is_(None))
            )
        return SyncStatus(
            self.server(),
            datetime.fromisoformat(last) if last else None,
            waiting or 0,
            conflicts or 0,
        )

    def waiting(self) -> list[WaitingChange]:
        """The changes not yet sent, oldest first, each naming its record in words (each
        record named once, however many of its changes wait)."""
        names: dict[tuple[str, str], str] = {}
        found = []
        for message in waiting_messages(self._db):
            key = (message.entity, message.record_id)
            if key not in names:
                names[key] = self._name(*key)
            fields = tuple(sorted(message.fields))
            found.append(
                WaitingChange(names[key], message.entity, message.action, fields, message.at)
            )
        return found

    def conflicts(self) -> list[OpenConflict]:
        from desktop.sync.conflicts import open_conflicts

        with self._db.session() as session:
            rows = open_conflicts(session)
        return [self._conflict(row) for row in rows]

    def password_changed_here(self) -> bool:
        """Whether the person changed their password on this laptop since the office
        last took it (the next sign-in then gives the office the new one)."""
        from desktop.sync.office_password import changed_here

        return changed_here(self._db, self._actor.username)

    def connect(
        self,
        password: str,
        *,
        office_password: str | None = None,
        take_office_password: bool = False,
        kept: Connection | None = None,
    ) -> Connection:
        """Sign in to the server this laptop joined with the person's password, as
        ``clcp sync`` does (``desktop.sync.office_password``): raises
        ``OfficePasswordNeeded`` when the office has another password for them, then
        ``office_password`` mends it. ``kept``: a sign-in minutes old whose token proves
        the person, so a password changed here goes to the office without asking the
        previous one. (The HTTP client is loaded only now: opening the window does not
        need it.)"""
        from desktop.sync.client import HttpTransport
        from desktop.sync.office_password import follow_with_token, sign_in_laptop

        if kept is not None and kept.fresh():
            mended = follow_with_token(self._db, self._actor, kept.transport, password)
            return Connection(kept.transport, time.monotonic(), mended)
        transport = HttpTransport(self.server())
        try:
            mended = sign_in_laptop(
                self._db,
                self._actor,
                transport,
                password,
                office_password=office_password,
                take_office_password=take_office_password,
            )
        except BaseException:
            transport.close()
            raise
        return Connection(transport, time.monotonic(), mended)

    def sync(self, connection: Connection) -> SyncResult:
        """Send what waits, receive what changed (``sync_once``); a failure closes the
        connection, so the next sync signs in again."""
        from desktop.sync.engine import sync_once

        sent = {message.device_seq for message in waiting_messages(self._db)}
        try:
            summary = sync_once(self._db, self._actor, connection.transport)
        except BaseException:
            connection.transport.close()
            raise
        return SyncResult(summary, self._refused(sent), connection, self._open_duplicates())

    def resolve(self, conflict_id: uuid.UUID, choice: str, value: str | None = None) -> str:
        """Decide a conflict (``choice``: current, other or value), as ``clcp conflicts
        resolve`` does: a new value is an ordinary edit, sent at the next sync."""
        from desktop.sync.resolve import resolve

        return resolve(self._db, self._actor, conflict_id, choice, value)

    def _open_duplicates(self) -> int:
        """Open possible duplicates this person may decide (none for those who may not)."""
        services = Services(self._db, self._actor)
        if not services.can("update", "possible_duplicate"):
            return 0
        return services.possible_duplicates.list(where={"status": "open"}, limit=0).total

    def _refused(self, sent: set[int]) -> tuple[str, ...]:
        with self._db.session() as session:
            rows = session.scalars(
                select(SyncChange)
                .where(SyncChange.device_id == self._db.device_id)
                .where(SyncChange.outcome == "refused")
                .order_by(SyncChange.seq)
            ).all()
            found = [(row.entity_type, row.entity_id) for row in rows if row.device_seq in sent]
        return tuple(self._name(entity, record_id) for entity, record_id in found)

    def _name(self, entity: str, record_id: str) -> str:
        from desktop.sync.conflicts import record_name

        name = record_name(self._db, entity, record_id)
        return name if name and not name.startswith(f"{entity} ") else record_kind(entity)

    def _conflict(self, row: SyncConflict) -> OpenConflict:
        from desktop.sync.conflicts import EDIT_VS_DELETE, NEW_RECORD

        mine = ""
        if row.other_device == self._db.device_id or row.other_by == self._actor.username:
            mine = "other"
        elif row.kept_by == self._actor.username:
            mine = "kept"
        return OpenConflict(
            id=row.id,
            record=row.record_name or self._name(row.entity_type, row.entity_id),
            field=row.field,
            whole_record=row.kind in (EDIT_VS_DELETE, NEW_RECORD),
            kept=shown_value(row.kept_value),
            kept_by=row.kept_by,
            kept_at=row.kept_at,
            other=shown_value(row.other_value),
            other_by=row.other_by,
            other_at=row.other_at,
            mine=mine,
        )


def shown_value(text: str) -> str:
    """A stored JSON value as a person reads it: text as it is, empty for none, a whole
    record's edit as its fields."""
    try:
        value: Any = json.loads(text)
    except ValueError:
        return text
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "; ".join(f"{key}: {shown_value(json.dumps(item))}" for key, item in value.items())
    return json.dumps(value, ensure_ascii=False)
