"""The sealed file that carries a sync by hand: ``.clcpsync``.

Layout: ``CLCPSYNC`` (8 bytes), the header's length (4 bytes, big-endian), the header
(JSON), the ciphertext, and an Ed25519 signature (64 bytes) of everything before it.

The header says, in the clear, what a reader must check before trusting anything: the
format, the protocol and schema the sender runs, the sending device, the bundle's number,
when it was made, whose keys it is written for, and the sender's one-time X25519 public
key and the AES-GCM nonce. The body is encrypted with AES-256-GCM under a key derived by
HKDF-SHA256 from an X25519 exchange between that one-time key and the recipient's key,
with the header as associated data: a changed header, body or signature, or a file cut
short, fails the signature or the decryption, and nothing is read from it.
"""

from __future__ import annotations

import json
import os
import struct
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.i18n import _
from desktop.services.framework.errors import ServiceError
from desktop.sync.bundle_keys import KeyPair, PublicKeys, b64, unb64

MAGIC = b"CLCPSYNC"
FORMAT_VERSION = 1
SIGNATURE_SIZE = 64
MAX_HEADER = 64 * 1024
_INFO = b"clcp bundle v1"


class BundleError(ServiceError):
    """A bundle that cannot be used (one line, and nothing was changed)."""


@dataclass(frozen=True)
class Opened:
    header: dict[str, Any]
    payload: dict[str, Any]


def _key(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(shared)


def seal(header: dict[str, Any], payload: dict[str, Any], sender: KeyPair, to: PublicKeys) -> bytes:
    """The bundle: ``payload`` encrypted to ``to``, everything signed by ``sender``."""
    ephemeral = X25519PrivateKey.generate()
    public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    nonce = os.urandom(12)
    full = {
        **header,
        "format": FORMAT_VERSION,
        "to": to.key_id,
        "from": sender.public.key_id,
        "ephemeral": b64(public),
        "nonce": b64(nonce),
    }
    head = json.dumps(full, sort_keys=True).encode("utf-8")
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(to.box))
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    cipher = AESGCM(_key(shared, public + to.box)).encrypt(nonce, body, head)
    signed = MAGIC + struct.pack(">I", len(head)) + head + cipher
    return signed + sender.sign.sign(signed)


def read_header(data: bytes) -> dict[str, Any]:
    """The header as written, not yet trusted (it names who signed and for whom)."""
    if len(data) < len(MAGIC) + 4 + SIGNATURE_SIZE or not data.startswith(MAGIC):
        raise BundleError(_("not a sync bundle, or cut short"))
    (length,) = struct.unpack(">I", data[8:12])
    if length > MAX_HEADER or 12 + length + SIGNATURE_SIZE > len(data):
        raise BundleError(_("the bundle is damaged or cut short"))
    try:
        header = json.loads(data[12 : 12 + length].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BundleError(_("the bundle is damaged (its header cannot be read)")) from None
    if not isinstance(header, dict):
        raise BundleError(_("the bundle is damaged (its header cannot be read)"))
    return header


def open_sealed(data: bytes, signer: PublicKeys, me: KeyPair) -> Opened:
    """Check the signature of ``signer``, then decrypt with ``me``'s key; refuse otherwise."""
    header = read_header(data)
    body_at = 12 + struct.unpack(">I", data[8:12])[0]
    signed, signature = data[:-SIGNATURE_SIZE], data[-SIGNATURE_SIZE:]
    try:
        Ed25519PublicKey.from_public_bytes(signer.sign).verify(signature, signed)
    except InvalidSignature:
        raise BundleError(_("the bundle's signature does not match: changed or damaged")) from None
    try:
        public = unb64(header["ephemeral"])
        shared = me.box.exchange(X25519PublicKey.from_public_bytes(public))
        key = _key(shared, public + me.public.box)
        body = AESGCM(key).decrypt(unb64(header["nonce"]), signed[body_at:], signed[12:body_at])
        payload = json.loads(body.decode("utf-8"))
    except (InvalidTag, KeyError, ValueError, UnicodeDecodeError):
        raise BundleError(_("the bundle cannot be decrypted: damaged or not for us")) from None
    if not isinstance(payload, dict):
        raise BundleError(_("the bundle's contents are not what a bundle holds"))
    return Opened(header, payload)
