"""The seal that ties a key file to the database it opens, and keeps the audit trail's
end in view.

Both files carry a generation number: ``generation`` in the key file (sealed with the
rest of its fields by a key derived from the master key) and ``keys_generation`` in the
database's ``app_meta`` table (encrypted with the database). Every commit that changes
the audit trail, and every change to the key slots, writes the key file first (with the
next generation, the trail's last event as ``seal`` and the previous seal as
``seal_before``) and then, in the same database transaction, the database's generation.
So the two files agree on the generation, or the key file is exactly one ahead (a
process stopped between writing the key file and committing): nothing else is valid.

That makes these visible when the database is opened and to ``clcp check``:

- an edited key file (its seal no longer matches its content, e.g. ``"seal": null``);
- an older key file put back (its generation is behind the database's);
- an older database put back, or its last events removed (the seal names an event
  the trail no longer ends with);
- events added or replaced at the end of the trail by other tools.

The seal never stalls: each write computes the next generation from the database and
seals whatever the trail ends with, so an interrupted commit is simply overtaken. What
the seal cannot stop is someone holding a password (hence the master key) who rewrites
both files consistently with other tools; see the administrator's guide.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from desktop.i18n import _
from desktop.storage import keyfile as kf
from desktop.storage.connect import BEGIN_MODE_OPTION
from desktop.storage.errors import StorageError

META_KEY = "keys_generation"


class SealProblem(StorageError):
    """The key file and the database are not the pair the app last wrote."""


@dataclass(frozen=True)
class Mark:
    """One audit event, as the seal names it."""

    seq: int
    hash: str

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash}

    @staticmethod
    def from_value(value: object) -> Mark | None:
        if not isinstance(value, dict):
            return None
        return Mark(int(value["seq"]), str(value["hash"]))


@dataclass(frozen=True)
class DatabaseState:
    generation: int | None  # None: never sealed (new, or from before seals)
    last: Mark | None  # the audit trail's last event


def read_state(connection: Connection) -> DatabaseState:
    """The database's generation and last audit event, as this connection sees them."""
    try:
        row = connection.exec_driver_sql(
            "SELECT value FROM app_meta WHERE key = ?", (META_KEY,)
        ).first()
        last = connection.exec_driver_sql(
            "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"
        ).first()
    except DBAPIError as error:
        if "no such table" in str(error.orig):  # a new, empty file
            return DatabaseState(None, None)
        raise
    try:
        generation = int(row[0]) if row is not None else None
    except ValueError:
        raise SealProblem(_("the database's seal counter is not a number")) from None
    return DatabaseState(generation, Mark(int(last[0]), str(last[1])) if last else None)


def _write_generation(connection: Connection, generation: int) -> None:
    connection.exec_driver_sql(
        "INSERT INTO app_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (META_KEY, str(generation)),
    )


def _seal_before(data: dict[str, Any], state: DatabaseState, master_key: bytes) -> Mark | None:
    """The seal valid for the database as committed (SealProblem if the pair is wrong)."""
    if "mac" not in data:
        if state.generation is None:
            return None  # a key file from before seals, for a database never sealed
        raise SealProblem(
            _("the key file has lost its seal: it was replaced by an older or edited copy")
        )
    if not kf.is_authentic(data, master_key):
        raise SealProblem(
            _("the key file was changed outside the app (its fields do not match their seal)")
        )
    mine, theirs = int(data.get("generation", 0)), state.generation or 0
    if mine == theirs:
        return Mark.from_value(data.get("seal"))
    if mine == theirs + 1:  # the key file was written, the commit after it did not happen
        return Mark.from_value(data.get("seal_before"))
    if mine < theirs:
        raise SealProblem(
            _(
                "the key file is older than the database (generation {mine} of {theirs}): "
                "an older copy was put in its place"
            ).format(mine=mine, theirs=theirs)
        )
    raise SealProblem(
        _(
            "the database is older than its key file (generation {theirs} of {mine}): an "
            "older copy of the database was put in its place"
        ).format(mine=mine, theirs=theirs)
    )


def _legacy_head(data: dict[str, Any], master_key: bytes, last: Mark | None) -> Mark | None:
    """The last event as sealed by earlier versions (``audit_head``), in a key file not yet
    rewritten by this one: if genuine and not behind the trail, the trail must end there.
    (Such a seal could stall behind the trail; one that did is left unchecked.)"""
    head = data.get("audit_head") if "mac" not in data else None
    if not isinstance(head, dict):
        return None
    try:
        mark = Mark(int(head["seq"]), str(head["hash"]))
        given = str(head["mac"])
    except (KeyError, TypeError, ValueError):
        raise SealProblem(_("the key file's audit seal is malformed")) from None
    sealing_key = hashlib.sha256(b"clcp audit head\x00" + master_key).digest()
    expected = hmac.new(sealing_key, f"{mark.seq}:{mark.hash}".encode(), hashlib.sha256)
    if not hmac.compare_digest(expected.hexdigest(), given):
        raise SealProblem(_("the key file's audit seal is not genuine"))
    return mark if last is None or last.seq <= mark.seq else None


def verify(data: dict[str, Any], master_key: bytes, state: DatabaseState) -> None:
    """SealProblem, in one line, unless the key file and the database belong together."""
    sealed = _seal_before(data, state, master_key) or _legacy_head(data, master_key, state.last)
    last = state.last
    if sealed is None or last == sealed:
        return
    if last is None or last.seq < sealed.seq:
        first = last.seq + 1 if last is not None else 1
        missing = (
            _("audit event {seq} is missing").format(seq=sealed.seq)
            if first == sealed.seq
            else _("audit events {first} to {seq} are missing").format(first=first, seq=sealed.seq)
        )
        raise SealProblem(
            _("{missing} (the key file's seal is on event {seq})").format(
                missing=missing, seq=sealed.seq
            )
        )
    if last.seq > sealed.seq:
        raise SealProblem(
            _(
                "audit events after {seq} were added by other means than the app (the key "
                "file's seal is on event {seq})"
            ).format(seq=sealed.seq)
        )
    raise SealProblem(
        _("audit event {seq}: replaced (it does not match the key file's seal)").format(
            seq=sealed.seq
        )
    )


@dataclass
class KeyRing:
    """An open encrypted database's master key and key file: what account management and
    the seal need. Lives only in memory, as long as the database is open."""

    db_path: Path
    master_key: bytes
    engine: Engine | None = None

    def data(self) -> dict[str, Any]:
        return kf.load(self.db_path)

    def current_problem(self, connection: Connection) -> str | None:
        """What is wrong between the key file and the database now, or None."""
        try:
            verify(self.data(), self.master_key, read_state(connection))
        except StorageError as problem:
            return str(problem)
        return None

    def seal(
        self, connection: Connection, change: Callable[[dict[str, Any]], object] | None = None
    ) -> None:
        """Seal what ``connection``'s write transaction is about to commit: key file first,
        then the database's generation in that transaction. ``change`` edits key slots."""
        with kf.locked(self.db_path):
            data = kf.load(self.db_path)
            state = read_state(connection)
            before = _seal_before(data, state, self.master_key)
            current = state.generation or 0
            mine = int(data.get("generation", 0))
            if change is None and Mark.from_value(data.get("seal")) == state.last:
                if mine == current and "mac" in data:
                    return  # nothing new to seal
                if mine == current + 1:  # the key file is ahead already: catch up
                    _write_generation(connection, mine)
                    return
            if change is not None:
                change(data)
            data.pop("audit_head", None)  # the unsealed head of earlier versions
            data["generation"] = current + 1
            data["seal"] = state.last.as_dict() if state.last else None
            data["seal_before"] = before.as_dict() if before else None
            kf.authenticate(data, self.master_key)
            kf.save(self.db_path, data)
            _write_generation(connection, current + 1)

    def modify(self, change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
        """Change the key slots (a password, the recovery key) in a transaction of its own."""
        assert self.engine is not None, "the key ring of an open database"
        writer = self.engine.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"})
        with writer.begin() as connection:
            self.seal(connection, change)
        return self.data()
