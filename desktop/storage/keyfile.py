"""The key file beside an encrypted database (``clcp.db.keys``): what must be read before
the database can be opened.

It holds the key slots (the master key wrapped per account and for the recovery key),
the sign-in attempts (so a restart does not reset the delay after wrong passwords), the
failed sign-ins waiting to enter the audit trail, and a seal on the audit trail's last
event (so deleting the last event is noticed). Accounts are named by a salted hash, not
in clear. The file is JSON, replaced atomically (temporary file, flush to disk, rename),
and the previous version is kept as ``.keys.bak``.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.i18n import _
from desktop.storage import keyslots
from desktop.storage.errors import StorageError

SUFFIX = ".keys"
BACKUP_SUFFIX = ".keys.bak"
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


def _read(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a key file")
    if int(data.get("version", 0)) > VERSION:
        raise StorageError(
            _("{path} was written by a newer version of CLCP Desktop").format(path=path)
        )
    return data


def load(db_path: Path) -> dict[str, Any]:
    """The key file's content; its backup if the file itself is damaged."""
    path = key_file_path(db_path)
    backup = Path(f"{db_path}{BACKUP_SUFFIX}")
    for candidate in (path, backup):
        try:
            return _read(candidate)
        except FileNotFoundError:
            continue
        except (ValueError, OSError):
            continue
    raise StorageError(
        _(
            "the key file {path} is missing or damaged; restore it from a backup "
            "(it holds the keys that open the database)"
        ).format(path=path)
    )


def save(db_path: Path, data: dict[str, Any]) -> None:
    """Replace the key file atomically, keeping the previous version as ``.keys.bak``."""
    path = key_file_path(db_path)
    text = json.dumps(data, indent=1, sort_keys=True)
    # A new database may be the first thing in its folder (first run, a new USB stick).
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        _write_atomically(Path(f"{db_path}{BACKUP_SUFFIX}"), path.read_bytes())
    _write_atomically(path, text.encode("utf-8"))


def _write_atomically(path: Path, content: bytes) -> None:
    temporary = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
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
    """Read the newest key file, apply ``change`` to it, and save it."""
    data = load(db_path)
    change(data)
    save(db_path, data)
    return data


def create(db_path: Path, master_key: bytes, recovery_key: str | None) -> dict[str, Any]:
    """A new key file for a new database (refuses to replace an existing one)."""
    if key_file_path(db_path).exists():
        raise StorageError(_("{path} already exists").format(path=key_file_path(db_path)))
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "file_salt": keyslots.b64(secrets.token_bytes(16)),
        "slots": [],
        "attempts": {},
        "pending_events": [],
        "audit_head": None,
    }
    if recovery_key is not None:
        set_recovery_slot(data, master_key, recovery_key)
    save(db_path, data)
    return data


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
            return keyslots.unwrap(slot, password, _label(slot)), slot
        except keyslots.WrongSecret:
            continue
    raise keyslots.WrongSecret


def unlock_with_recovery_key(data: dict[str, Any], recovery_key: str) -> bytes:
    text = keyslots.normalise_recovery_key(recovery_key)
    for slot in data["slots"]:
        if slot["kind"] == RECOVERY and text:
            try:
                return keyslots.unwrap(slot, text, _label(slot))
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


# ------------------------------------------------------------- audit head
@dataclass(frozen=True)
class AuditHead:
    seq: int
    hash: str
    mac: str


def audit_head(data: dict[str, Any]) -> AuditHead | None:
    head = data.get("audit_head")
    if not head:
        return None
    return AuditHead(int(head["seq"]), str(head["hash"]), str(head["mac"]))


@dataclass
class KeyRing:
    """An open encrypted database's master key and key file: what account management and
    the audit seal need. Lives only in memory, as long as the database is open."""

    db_path: Path
    master_key: bytes

    def seal_head(self, follows: str, seq: int, digest: str) -> None:
        """Move the seal to event ``seq`` if the events just written continue the sealed one
        (``follows`` is the hash the first of them chains to). If they do not, events were
        removed behind the app's back: the seal stays, and ``clcp check`` reports it."""
        mac = keyslots.head_mac(self.master_key, seq, digest)

        def change(data: dict[str, Any]) -> None:
            current = audit_head(data)
            if current is None or (follows == current.hash and seq > current.seq):
                data["audit_head"] = {"seq": seq, "hash": digest, "mac": mac}

        modify(self.db_path, change)

    def head_is_genuine(self, head: AuditHead) -> bool:
        expected = keyslots.head_mac(self.master_key, head.seq, head.hash)
        return secrets.compare_digest(expected, head.mac)

    def data(self) -> dict[str, Any]:
        return load(self.db_path)

    def modify(self, change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
        return modify(self.db_path, change)


def remove(db_path: Path) -> None:
    """Delete a key file (only for a database this run created and is removing)."""
    for suffix in (SUFFIX, BACKUP_SUFFIX):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db_path}{suffix}").unlink()
