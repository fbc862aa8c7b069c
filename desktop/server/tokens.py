"""Short-lived sign-in tokens: an account signs in with its password once per sync and
gets a token valid for a few minutes, signed with a key only this server process holds
(a restarted server simply asks laptops to sign in again).

A token says who signed in, from which laptop and when; whether that still holds (the
account active, its password unchanged since, the laptop not revoked) is asked of the
database at every request (``desktop.sync.accounts.still_signed_in``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from desktop.services.framework.actor import Actor

LIFETIME_SECONDS = 15 * 60


class TokenError(Exception):
    """A token that is missing, forged or expired."""


@dataclass(frozen=True)
class Claims:
    """What a token says: the account, the laptop, and when it was issued (seconds)."""

    username: str
    device_id: str
    issued_at: float


@dataclass
class TokenSigner:
    key: bytes
    lifetime: int = LIFETIME_SECONDS

    @classmethod
    def new(cls) -> TokenSigner:
        return cls(secrets.token_bytes(32))

    def issue(self, actor: Actor, device_id: str) -> str:
        payload = {
            "u": actor.username,
            "r": actor.role,
            "d": device_id,
            "i": time.time(),
            "e": int(time.time()) + self.lifetime,
        }
        body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
        return f"{body}.{self._mac(body)}"

    def read(self, token: str) -> Claims:
        """What a token says; TokenError when it is not this server's or has expired."""
        body, _, mac = token.partition(".")
        if not body or not hmac.compare_digest(mac, self._mac(body)):
            raise TokenError("not a token of this server")
        payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        if int(payload["e"]) < time.time():
            raise TokenError("the sign-in has expired")
        return Claims(str(payload["u"]), str(payload["d"]), float(payload.get("i", 0)))

    def _mac(self, body: str) -> str:
        return hmac.new(self.key, body.encode(), hashlib.sha256).hexdigest()
