"""Talking to the office server over HTTP(S) with httpx: sign in for a short-lived token,
then send changes, settled conflicts, and fetch downloads. Every failure is one
:class:`SyncError` line a person can act on (server down, wrong password, refusal)."""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from typing import Any

import httpx

from desktop.i18n import _
from desktop.services.framework.errors import ServiceError
from desktop.storage.migrate import known_revisions
from desktop.sync.bundle_keys import PublicKeys
from desktop.sync.scope import Scope
from desktop.sync.wire import PROTOCOL_VERSION

TIMEOUT_SECONDS = 60.0
#: A download is one answer, made whole before it is sent: a manager's first join of a
#: large office takes the server minutes to read, so its answer is waited for longer.
DOWNLOAD_SECONDS = 30 * 60.0


class SyncError(ServiceError):
    """The office server could not be reached or refused the request (one line)."""


class WrongPasswordError(SyncError):
    """The office server did not take the password (not a delay after too many)."""


class SignedOutError(SyncError):
    """The sign-in no longer holds (account disabled, password changed, laptop revoked):
    the server's sentence, shown as it is; the next sync signs in again."""


class HttpTransport:
    """One sync session with the server at ``url`` (``https://...``, or ``http://`` on
    loopback). ``ca_cert``: a certificate file to trust, such as the office's own."""

    def __init__(self, url: str, *, ca_cert: str | None = None) -> None:
        self.name = url.rstrip("/")
        self._client = httpx.Client(
            base_url=self.name,
            timeout=TIMEOUT_SECONDS,
            verify=ssl.create_default_context(cafile=ca_cert) if ca_cert else True,
        )
        self.role: str | None = None
        self.features: frozenset[str] = frozenset()
        self.office_keys: PublicKeys | None = None

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sign_in(
        self, username: str, password: str, device_id: str, device_keys: PublicKeys | None = None
    ) -> str | None:
        """Get a token; returns the account's role on the server. A server speaking another
        protocol or running a schema this app does not know is refused before anything
        is sent. ``device_keys``: the laptop's public keys, which the office records against
        this signed-in account (for bundles by USB); the office's own come back in
        :attr:`office_keys`."""
        hello = self._call("GET", "/api/v1/hello")
        known = hello.get("schema") in known_revisions()
        if hello.get("protocol") != PROTOCOL_VERSION or not known:
            raise SyncError(
                _(
                    "the office server runs another version of the app ({schema}); update first"
                ).format(schema=hello.get("schema"))
            )
        self.features = frozenset(str(item) for item in hello.get("features", []))
        body: dict[str, Any] = {"username": username, "password": password, "device_id": device_id}
        if device_keys is not None:
            body["device_keys"] = device_keys.to_dict()
        answer = self._call("POST", "/api/v1/token", json=body)
        self._client.headers["Authorization"] = f"Bearer {answer['token']}"
        self.role = answer.get("role")
        try:
            self.office_keys = PublicKeys.from_dict(answer["office_keys"])
        except (KeyError, TypeError, ValueError):
            self.office_keys = None  # an office from before bundles
        return self.role

    def change_password(self, new_password: str) -> None:
        """Give the signed-in account ``new_password`` on the office server; the token
        issued with the old one ends there, so the new one answered is used from now."""
        answer = self._call("POST", "/api/v1/password", json={"new_password": new_password})
        self._client.headers["Authorization"] = f"Bearer {answer['token']}"

    def upload(self, items: list[dict[str, Any]], seen: int) -> list[dict[str, Any]]:
        body = {"changes": items, "seen": seen}
        return list(self._call("POST", "/api/v1/changes", json=body)["outcomes"])

    def resolved(self, items: list[dict[str, str]]) -> None:
        self._call("POST", "/api/v1/conflicts/resolved", json={"resolved": items})

    def fetch(
        self, since: int, held: Scope | None = None, repair: Sequence[str] = ()
    ) -> dict[str, Any]:
        """The download after ``since``; from an office that offers it, with what the
        laptop lacks whole (an older office answers without scope nor checksums)."""
        wait = httpx.Timeout(TIMEOUT_SECONDS, read=DOWNLOAD_SECONDS)
        if "download" not in self.features:
            params = {"since": since}
            return dict(self._call("GET", "/api/v1/changes", params=params, timeout=wait))
        body = {
            "since": since,
            "held": held.to_dict() if held is not None else None,
            "repair": list(repair),
        }
        return dict(self._call("POST", "/api/v1/download", json=body, timeout=wait))

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._client.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise SyncError(
                _("cannot reach the office server at {url}: {reason}").format(
                    url=self.name, reason=reason
                )
            ) from error
        if response.status_code >= 400:
            try:
                answer = response.json()
            except ValueError:
                answer = None
            if not isinstance(answer, dict):
                answer = {"error": response.text[:200]}
            message = str(answer.get("error", ""))
            if answer.get("signed_out") and message:
                raise SignedOutError(message)
            refused = WrongPasswordError if answer.get("wrong_password") else SyncError
            raise refused(
                _("the office server refused: {message}").format(
                    message=message or response.reason_phrase
                )
            )
        return response.json()
