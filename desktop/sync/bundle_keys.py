"""The keys that let a bundle travel on a USB stick without trusting the stick.

The office holds an X25519 key (bundles are encrypted to it) and an Ed25519 key (it signs
its answers), made at ``clcp server init`` or, for an office made before, the first time
one is needed; both live in the office database's ``app_meta``. Each laptop holds the same
two kinds of key for itself, in its own ``app_meta`` (inside the encrypted database file).

A laptop's public keys reach the office only over the network, when the laptop joins or
syncs and its user has signed in with their password: the office records them against
that account (``desktop.sync.devices``, the office's list of laptops). A bundle is then
accepted only from a device the office knows, and applied as the account that registered
it. Nothing is trusted on first sight of a bundle, since
a bundle proves no password.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.orm import Session

from desktop.models import AppMeta
from desktop.storage import Database

OWN_KEYS = "bundle_keys"  # this database's own private keys (office or laptop)
OFFICE_PUBLIC = "bundle_office"  # on a laptop: the office's public keys


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any) -> bytes:
    return base64.b64decode(str(text), validate=True)


@dataclass(frozen=True)
class PublicKeys:
    """What others need to write to and check a holder: its box and signing public keys."""

    box: bytes
    sign: bytes

    def to_dict(self) -> dict[str, str]:
        return {"box": b64(self.box), "sign": b64(self.sign)}

    @classmethod
    def from_dict(cls, data: Any) -> PublicKeys:
        keys = cls(unb64(data["box"]), unb64(data["sign"]))
        X25519PublicKey.from_public_bytes(keys.box)  # refuses a key of the wrong size
        Ed25519PublicKey.from_public_bytes(keys.sign)
        return keys

    @property
    def key_id(self) -> str:
        """A short name of the holder's keys, written in headers (who a bundle is for)."""
        return hashlib.sha256(self.box + self.sign).hexdigest()[:32]


@dataclass(frozen=True)
class KeyPair:
    box: X25519PrivateKey
    sign: Ed25519PrivateKey

    @property
    def public(self) -> PublicKeys:
        raw = (Encoding.Raw, PublicFormat.Raw)
        return PublicKeys(
            self.box.public_key().public_bytes(*raw), self.sign.public_key().public_bytes(*raw)
        )


def _get(session: Session, key: str) -> str | None:
    row = session.get(AppMeta, key)
    return row.value if row is not None else None


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=value))
    else:
        row.value = value


def own_keys(db: Database) -> KeyPair:
    """This database's key pair, made and stored the first time it is asked for."""
    with db.sessions.begin() as session:
        stored = _get(session, OWN_KEYS)
        if stored is None:
            pair = KeyPair(X25519PrivateKey.generate(), Ed25519PrivateKey.generate())
            raw = {
                "box": b64(pair.box.private_bytes_raw()),
                "sign": b64(pair.sign.private_bytes_raw()),
            }
            _put(session, OWN_KEYS, json.dumps(raw))
            return pair
    data = json.loads(stored)
    return KeyPair(
        X25519PrivateKey.from_private_bytes(unb64(data["box"])),
        Ed25519PrivateKey.from_private_bytes(unb64(data["sign"])),
    )


def remember_office(db: Database, office: PublicKeys) -> None:
    """On a laptop: the office's public keys, learned over the signed-in network."""
    with db.sessions.begin() as session:
        _put(session, OFFICE_PUBLIC, json.dumps(office.to_dict()))


def office_keys(db: Database) -> PublicKeys | None:
    with db.session() as session:
        stored = _get(session, OFFICE_PUBLIC)
    return PublicKeys.from_dict(json.loads(stored)) if stored else None
