"""Key slots: the database's random master key, wrapped once per password and recovery key.

A slot holds the master key encrypted (AES-256-GCM) with a key derived from a password
by Argon2id. Opening a slot needs the password; adding, removing or re-wrapping a slot
never touches the database, so changing a password cannot damage the data.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MASTER_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits, written as 32 base-32 letters and digits
_RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. Stored with each slot, so a slot made with other costs still opens."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    def as_dict(self) -> dict[str, int]:
        return {
            "time_cost": self.time_cost,
            "memory_kib": self.memory_kib,
            "parallelism": self.parallelism,
        }


DEFAULT_KDF = KdfParams()
"""The cost for new slots (about a quarter of a second on an ordinary laptop)."""


class WrongSecret(Exception):
    """The password or recovery key does not open this slot."""


def new_master_key() -> bytes:
    return secrets.token_bytes(MASTER_KEY_BYTES)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def wrap(
    master_key: bytes, secret: str, label: str, params: KdfParams | None = None
) -> dict[str, Any]:
    """A slot (JSON-ready) holding ``master_key`` for whoever knows ``secret``.

    ``label`` (the slot's id and kind) is authenticated with the key, so a slot cannot be
    moved to another account by editing the file.
    """
    params = params or DEFAULT_KDF
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapping_key = derive(secret, salt, params)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, master_key, label.encode("utf-8"))
    return {
        "kdf": {"name": "argon2id", "salt": b64(salt), **params.as_dict()},
        "nonce": b64(nonce),
        "wrapped": b64(wrapped),
    }


def unwrap(slot: dict[str, Any], secret: str, label: str) -> bytes:
    """The master key, or WrongSecret."""
    kdf = slot["kdf"]
    params = KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))
    wrapping_key = derive(secret, unb64(kdf["salt"]), params)
    try:
        return AESGCM(wrapping_key).decrypt(
            unb64(slot["nonce"]), unb64(slot["wrapped"]), label.encode("utf-8")
        )
    except InvalidTag as error:
        raise WrongSecret from error


def new_recovery_key() -> str:
    """A recovery key to print: 32 characters in groups of four (letters and digits 2-7)."""
    raw = secrets.token_bytes(RECOVERY_KEY_BYTES)
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(text: str) -> str:
    """Accept the key as typed: any case, with or without dashes and spaces; 0/1 as O/I."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != 32 or any(ch not in _RECOVERY_ALPHABET for ch in cleaned):
        return ""
    return "-".join(cleaned[i : i + 4] for i in range(0, 32, 4))


def user_tag(file_salt: bytes, username: str) -> str:
    """How the key file names an account without writing the name in clear."""
    return hashlib.sha256(file_salt + username.strip().lower().encode("utf-8")).hexdigest()[:32]
