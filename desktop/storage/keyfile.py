"""The key file beside an encrypted database (``clcp.db.keys``): what must be read before
the database can be opened.

It holds the key slots (the master key wrapped per account and for the recovery key),
the sign-in attempts (so a restart does not reset the delay after wrong passwords), the
failed sign-ins waiting to enter the audit trail, and a seal on the audit trail's last
event (so deleting the last event is noticed). Accounts are named by a salted hash, not
in clear. The file is JSON, replaced atomically (temporary file, flush to disk, rename)
under a lock shared by all processes. Every field but the sign-in attempts is sealed
with a key derived from the master key, so editing it is noticed once the database is
open (see :mod:`desktop.storage.seal`).
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import hmac
import json
import os
import secrets
import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.i18n import _
from desktop.storage import filelock, keyslots
from desktop.storage.errors import StorageError, one_line_reason
from desktop.storage.keyfile_shape import shape_problem

SUFFIX = ".keys"
BACKUP_SUFFIX = ".keys.bak"  # written by earlier versions; never read
LOCK_SUFFIX = ".keys.lock"
FORMAT = "clcp-keys"
VERSION = 1
MAX_PENDING_EVENTS = 1000

PASSWORD, RECOVERY = "password", "recovery"


def key_file_path(db_path: Path) -> Path:
    return Path(f"{db_path}{SUFFIX}")


def has_key_file(db_path: Path) -> bool:
    return key_file_path(db_path).is_file()


class NoSuchAccount(Exception):
    """No slot for this account name (unknown, disabled or never given a password)."""


def lock_path(db_path: Path) -> Path:
    return Path(f"{db_path}{LOCK_SUFFIX}")


def locked(db_path: Path) -> AbstractContextManager[None]:
    """Hold the key file's lock: from reading it to replacing it, no other process writes."""
    return filelock.exclusive(lock_path(db_path))


class KeyFileDamaged(StorageError):
    """The key file is not readable JSON of the expected shape; it is never replaced silently."""


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise
    except (ValueError, OSError) as error:
        raise KeyFileDamaged(_damaged(path, one_line_reason(error))) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise KeyFileDamaged(_damaged(path, _("not a CLCP key file")))
    version = data.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise KeyFileDamaged(_damaged(path, _("its version is malformed")))
    if version > VERSION:
        raise StorageError(
            _("{path} was written by a newer version of CLCP Desktop").format(path=path)
        )
    problem = shape_problem(data)
    if problem is not None:
        raise KeyFileDamaged(_damaged(path, problem))
    return data


def _damaged(path: Path, reason: str) -> str:
    return _(
        "the key file {path} is damaged ({reason}); nothing was changed - restore the "
        "database and its key file together from a backup (clcp restore)"
    ).format(path=path, reason=reason)


def load(db_path: Path) -> dict[str, Any]:
    """The key file's content. A missing or damaged file is a StorageError naming it: an
    older copy (such as a ``.keys.bak`` left by earlier versions) is never used instead."""
    path = key_file_path(db_path)
    try:
        return _read(path)
    except FileNotFoundError:
        raise StorageError(
            _(
                "the key file {path} is missing; restore the database and its key file "
                "together from a backup (it holds the keys that open the database)"
            ).format(path=path)
        ) from None


def save(db_path: Path, data: dict[str, Any]) -> None:
    """Replace the key file atomically (the caller holds :func:`locked`)."""
    path = key_file_path(db_path)
    text = json.dumps(data, indent=1, sort_keys=True)
    # A new database may be the first thing in its folder (first run, a new USB stick).
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(db_path)
    _write_atomically(path, text.encode("utf-8"))


def remove_stale_temporaries(db_path: Path, *, lock: bool = False) -> None:
    """Temporary key files a killed process left (full copies with old password slots).
    ``lock``: take the key file's lock first (the caller does not hold it), so a save in
    progress in another process is never disturbed."""
    found = list(db_path.parent.glob(f"{glob.escape(db_path.name)}{SUFFIX}.*tmp"))
    if not found:
        return
    with locked(db_path) if lock else contextlib.nullcontext():
        for stale in found:
            with contextlib.suppress(OSError):
                stale.unlink()


def _write_atomically(path: Path, content: bytes) -> None:
    temporary = path.with_name(f"{path.name}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def modify(db_path: Path, change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    """Change the fields anyone may change without the master key (sign-in attempts and
    failed sign-ins waiting for the audit trail), under the lock. Changing any other field
    this way would break the file's seal: :class:`desktop.storage.seal.KeyRing` does that."""
    with locked(db_path):
        data = load(db_path)
        before = sealed_part(data)
        change(data)
        if sealed_part(data) != before:
            raise ValueError("sealed key file fields changed without the master key")
        save(db_path, data)
    return data


def create(
    db_path: Path,
    master_key: bytes,
    recovery_key: str | None,
    passwords: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A new key file for a new database (refuses to replace an existing one): a slot for
    the recovery key and one per account in ``passwords``, sealed with the master key."""
    if key_file_path(db_path).exists():
        raise StorageError(_("{path} already exists").format(path=key_file_path(db_path)))
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "file_salt": keyslots.b64(secrets.token_bytes(16)),
        "slots": [],
        "attempts": {},
        "pending_events": [],
        "generation": 0,
        "seal": None,
        "seal_before": None,
    }
    if recovery_key is not None:
        set_recovery_slot(data, master_key, recovery_key)
    for username, password in (passwords or {}).items():
        set_password_slot(data, master_key, username, password)
    authenticate(data, master_key)
    with locked(db_path):
        save(db_path, data)
    return data


# ------------------------------------------------------------ authentication
UNSEALED_FIELDS = frozenset({"mac", "attempts", "pending_events"})
"""What a failed sign-in writes without the master key; every other field is sealed."""


def sealed_part(data: dict[str, Any]) -> bytes:
    kept = {k: v for k, v in data.items() if k not in UNSEALED_FIELDS}
    return json.dumps(kept, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _mac(data: dict[str, Any], master_key: bytes) -> str:
    sealing_key = hashlib.sha256(b"clcp key file\x00" + master_key).digest()
    return hmac.new(sealing_key, sealed_part(data), hashlib.sha256).hexdigest()


def authenticate(data: dict[str, Any], master_key: bytes) -> None:
    """Seal the key file's fields with a key only an opened database has."""
    data["mac"] = _mac(data, master_key)


def is_authentic(data: dict[str, Any], master_key: bytes) -> bool:
    return secrets.compare_digest(str(data.get("mac", "")), _mac(data, master_key))


# ------------------------------------------------------------------ slots
def tag(data: dict[str, Any], username: str) -> str:
    return keyslots.user_tag(keyslots.unb64(data["file_salt"]), username)


def _label(slot: dict[str, Any]) -> str:
    return f"{slot['id']}:{slot['kind']}:{slot.get('account', '')}"


def password_slots(data: dict[str, Any], username: str) -> list[dict[str, Any]]:
    wanted = tag(data, username)
    return [s for s in data["slots"] if s["kind"] == PASSWORD and s.get("account") == wanted]


def unlock(data: dict[str, Any], username: str, password: str) -> tuple[bytes, dict[str, Any]]:
    """The master key from the account's slot; NoSuchAccount or keyslots.WrongSecret."""
    slots = password_slots(data, username)
    if not slots:
        raise NoSuchAccount(username)
    for slot in slots:
        try:
            return _unwrap(slot, password), slot
        except keyslots.WrongSecret:
            continue
    raise keyslots.WrongSecret


def _unwrap(slot: dict[str, Any], secret: str) -> bytes:
    """The master key from one slot; a malformed slot is damage, not a wrong password."""
    try:
        return keyslots.unwrap(slot, secret, _label(slot))
    except (KeyError, ValueError, TypeError) as error:
        raise KeyFileDamaged(
            _(
                "the key file is damaged (a key slot is malformed: {reason}); nothing was "
                "changed - restore the database and its key file together from a backup"
            ).format(reason=one_line_reason(error))
        ) from None


def unlock_with_recovery_key(data: dict[str, Any], recovery_key: str) -> bytes:
    text = keyslots.normalise_recovery_key(recovery_key)
    for slot in data["slots"]:
        if slot["kind"] == RECOVERY and text:
            try:
                return _unwrap(slot, text)
            except keyslots.WrongSecret:
                continue
    raise keyslots.WrongSecret


def set_password_slot(
    data: dict[str, Any],
    master_key: bytes,
    username: str,
    password: str,
    *,
    must_change: bool = False,
) -> None:
    """Give the account one slot for ``password`` (replacing any it had)."""
    remove_password_slots(data, username)
    slot: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "kind": PASSWORD,
        "account": tag(data, username),
        "must_change": must_change,
    }
    slot.update(keyslots.wrap(master_key, password, _label(slot)))
    data["slots"].append(slot)
    authenticate(data, master_key)  # whoever saves this content next saves it sealed


def remove_password_slots(data: dict[str, Any], username: str) -> int:
    wanted = tag(data, username)
    before = len(data["slots"])
    data["slots"] = [
        s for s in data["slots"] if not (s["kind"] == PASSWORD and s.get("account") == wanted)
    ]
    return before - len(data["slots"])


def set_recovery_slot(data: dict[str, Any], master_key: bytes, recovery_key: str) -> None:
    data["slots"] = [s for s in data["slots"] if s["kind"] != RECOVERY]
    slot: dict[str, Any] = {"id": str(uuid.uuid4()), "kind": RECOVERY, "account": ""}
    slot.update(
        keyslots.wrap(master_key, keyslots.normalise_recovery_key(recovery_key), _label(slot))
    )
    data["slots"].append(slot)
    authenticate(data, master_key)


# --------------------------------------------------------------- attempts
@dataclass(frozen=True)
class Attempts:
    failures: int
    wait_until: datetime | None


def attempts(data: dict[str, Any], username: str) -> Attempts:
    entry = data.get("attempts", {}).get(tag(data, username), {})
    until = entry.get("wait_until") or None
    return Attempts(int(entry.get("failures", 0)), datetime.fromisoformat(until) if until else None)


def set_attempts(data: dict[str, Any], username: str, value: Attempts) -> None:
    table = data.setdefault("attempts", {})
    key = tag(data, username)
    if value.failures == 0:
        table.pop(key, None)
        return
    table[key] = {
        "failures": value.failures,
        "wait_until": value.wait_until.isoformat() if value.wait_until else "",
    }


def add_pending_event(data: dict[str, Any], event: dict[str, Any]) -> None:
    """A failed sign-in, kept here until a signed-in session writes it to the audit trail."""
    pending = data.setdefault("pending_events", [])
    pending.append(event)
    del pending[:-MAX_PENDING_EVENTS]


def take_pending_events(db_path: Path) -> list[dict[str, Any]]:
    taken: list[dict[str, Any]] = []

    def change(data: dict[str, Any]) -> None:
        taken.extend(data.get("pending_events", []))
        data["pending_events"] = []

    modify(db_path, change)
    return taken


def remove(db_path: Path) -> None:
    """Delete a key file (only for a database this run created and is removing)."""
    for suffix in (SUFFIX, BACKUP_SUFFIX, LOCK_SUFFIX):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db_path}{suffix}").unlink()
    remove_stale_temporaries(db_path, lock=False)
