"""Whether a key file's content has the shape the app reads before it can check the seal.

The seal (see :mod:`desktop.storage.seal`) proves the key file's fields genuine, but only
once a password has opened a slot, and some fields are read before that (the format, the
salt that names accounts, the slots, the count of wrong passwords) or are never sealed
(the wrong passwords and the failed sign-ins waiting for the trail). A field of the wrong
type there (a bad copy, an edit by hand) must be named as damage in one line, never end
as an error of the program. Fields this version does not know are left to the seal.
"""

from __future__ import annotations

import binascii
from datetime import datetime
from typing import Any

from desktop.i18n import _
from desktop.storage import keyslots

SLOT_FIELDS = frozenset({"id", "kind", "kdf", "nonce", "wrapped"})
KDF_LIMITS = {"time_cost": 64, "memory_kib": 4 * 1024 * 1024, "parallelism": 64}
"""Above these an edited slot would make opening it take hours or more memory than any
laptop has: no version writes such costs."""


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _salt_problem(data: dict[str, Any]) -> str | None:
    salt = data.get("file_salt")
    try:
        if isinstance(salt, str) and len(keyslots.unb64(salt)) >= 8:
            return None
    except (binascii.Error, ValueError):
        pass
    return _("its salt is malformed")


def _slot_problem(slot: object) -> str | None:
    if not isinstance(slot, dict) or not slot.keys() >= SLOT_FIELDS:
        return _("a key slot is incomplete")
    kdf = slot["kdf"]
    if not isinstance(kdf, dict) or not all(
        _whole(kdf.get(name)) and 1 <= kdf[name] <= limit for name, limit in KDF_LIMITS.items()
    ):
        return _("a key slot's cost is malformed")
    if not all(isinstance(slot[name], str) for name in ("id", "kind", "nonce", "wrapped")):
        return _("a key slot is malformed")
    return None


def _attempt_problem(entry: object) -> str | None:
    if not isinstance(entry, dict) or not _whole(entry.get("failures", 0)):
        return _("its count of wrong passwords is malformed")
    until = entry.get("wait_until") or ""
    try:
        if isinstance(until, str) and (not until or datetime.fromisoformat(until)):
            return None
    except ValueError:
        pass
    return _("its count of wrong passwords is malformed")


def shape_problem(data: dict[str, Any]) -> str | None:
    """What is malformed in a key file's content (already known to be a CLCP key file of
    a version this one reads), or None."""
    slots = data.get("slots")
    if not isinstance(slots, list):
        return _("its key slots are missing")
    problem = _salt_problem(data) or next(filter(None, map(_slot_problem, slots)), None)
    if problem is not None:
        return problem
    attempts = data.get("attempts", {})
    if not isinstance(attempts, dict):
        return _("its count of wrong passwords is malformed")
    problem = next(filter(None, map(_attempt_problem, attempts.values())), None)
    if problem is not None:
        return problem
    pending = data.get("pending_events", [])
    if not isinstance(pending, list) or not all(isinstance(event, dict) for event in pending):
        return _("its failed sign-ins are malformed")
    return None
