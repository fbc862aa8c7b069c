"""The HTTP endpoints of the office server (all JSON, under ``/api/v1``):

- ``GET  /api/v1/hello``: the protocol version and the schema the server runs.
- ``POST /api/v1/token``: ``{username, password, device_id[, device_keys]}`` ->
  ``{token, expires_in, role, office_keys}``; a laptop's public keys are recorded against
  the account that signed in (bundles by USB are accepted from it only).
- ``POST /api/v1/changes``: ``{changes, seen}`` (a device's changes and the checkpoint it
  had received when making them) -> one outcome each (token needed).
- ``GET  /api/v1/changes?since=N``: what changed after checkpoint N that the user may read.
- ``POST /api/v1/download``: ``{since, held, repair}`` -> the same, and also whole: the
  communities of the user's scope that ``held`` (the scope the laptop holds) lacks, and
  the kinds of record named in ``repair`` (offered as the feature ``download``).
- ``POST /api/v1/conflicts/resolved``: conflicts a laptop resolved (token needed).
- ``POST /api/v1/password``: ``{new_password}`` -> ``{token, expires_in}``: the account's
  server password follows the one its owner set on a laptop (the token proves the person:
  it was issued for the current password, or the previous one just typed); the tokens
  issued before end, so a new one comes back.

Database work runs in a worker thread; every answer to bad input is one line of JSON
``{"error": ...}`` with a 4xx status.
"""

from __future__ import annotations

import uuid
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from desktop.server.tokens import TokenError, TokenSigner
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import ValidationError
from desktop.services.security.signin import SignInError
from desktop.storage import Database
from desktop.storage.migrate import head_revision
from desktop.sync.accounts import SignedOut, authenticate, set_password, still_signed_in
from desktop.sync.apply import apply_batch
from desktop.sync.bundle_keys import PublicKeys, own_keys
from desktop.sync.conflicts import resolve_on_server
from desktop.sync.devices import RevokedDevice, seen, synced
from desktop.sync.download import changes_since
from desktop.sync.scope import Scope
from desktop.sync.wire import PROTOCOL_VERSION, ChangeMessage, WireError

MAX_BATCH = 1000
#: What this server offers beyond protocol 1's first endpoints (older laptops ignore it).
FEATURES = ["download"]


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _signed_out(message: str) -> JSONResponse:
    """A sign-in that no longer holds: the laptop shows the message as it is."""
    return JSONResponse({"error": message, "signed_out": True}, status_code=401)


class Endpoints:
    """The handlers, bound to the office database and the token signer."""

    def __init__(self, db: Database, signer: TokenSigner) -> None:
        self.db, self.signer = db, signer

    async def who(self, request: Request) -> tuple[Actor, str]:
        """The account and laptop a request comes from, as they are now: the token's
        signature and age are checked here, the account and the laptop in the database
        (one read), so a disabled account or a revoked laptop stops at once."""
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise TokenError("sign in first")
        claims = self.signer.read(header[7:].strip())
        actor = await run_in_threadpool(
            still_signed_in, self.db, claims.username, claims.device_id, claims.issued_at
        )
        return actor, claims.device_id

    async def hello(self, request: Request) -> JSONResponse:
        return JSONResponse(
            {"protocol": PROTOCOL_VERSION, "schema": head_revision(), "features": FEATURES}
        )

    async def token(self, request: Request) -> JSONResponse:
        body = await _json(request)
        try:
            username, password = str(body["username"]), str(body["password"])
            device_id = str(uuid.UUID(str(body["device_id"])))
        except (KeyError, TypeError, ValueError):
            return _error("username, password and device_id are needed", 400)
        try:
            keys = PublicKeys.from_dict(body["device_keys"]) if "device_keys" in body else None
        except (KeyError, TypeError, ValueError):
            return _error("device_keys: a box and a sign key", 400)
        try:
            actor = await run_in_threadpool(authenticate, self.db, username, password)
        except SignInError as error:  # a wrong password (not a delay) says so for the laptop
            wrong = {} if error.wait is not None else {"wrong_password": True}
            return JSONResponse({"error": str(error), **wrong}, status_code=401)
        try:
            await run_in_threadpool(seen, self.db, device_id, actor.username, keys)
        except RevokedDevice as error:
            return _signed_out(str(error))
        office = await run_in_threadpool(own_keys, self.db)
        token = self.signer.issue(actor, device_id)
        return JSONResponse(
            {
                "token": token,
                "expires_in": self.signer.lifetime,
                "role": actor.role,
                "office_keys": office.public.to_dict(),
            }
        )

    async def upload(self, request: Request) -> JSONResponse:
        actor, device_id = await self.who(request)
        body = await _json(request)
        items = body.get("changes") if isinstance(body, dict) else None
        if not isinstance(items, list) or len(items) > MAX_BATCH:
            return _error(f"changes: a list of at most {MAX_BATCH}", 400)
        try:
            seen = int(body.get("seen", 0))
        except (TypeError, ValueError):
            return _error("seen: a whole number", 400)
        messages = [ChangeMessage.from_dict(item) for item in items]
        outcomes = await run_in_threadpool(apply_batch, self.db, actor, device_id, messages, seen)
        return JSONResponse({"outcomes": [outcome.to_dict() for outcome in outcomes]})

    async def download(self, request: Request) -> JSONResponse:
        actor, device_id = await self.who(request)
        try:
            since = int(request.query_params.get("since", "0"))
        except ValueError:
            return _error("since: a whole number", 400)
        result = await run_in_threadpool(changes_since, self.db, actor, max(since, 0), device_id)
        await run_in_threadpool(synced, self.db, device_id)
        return JSONResponse(result.to_dict())

    async def download_whole(self, request: Request) -> JSONResponse:
        actor, device_id = await self.who(request)
        body = await _json(request)
        try:
            since = max(int(body.get("since", 0)), 0)
            held = Scope.from_dict(body["held"]) if body.get("held") is not None else None
            repair = [str(kind) for kind in body.get("repair", [])]
        except (AttributeError, TypeError, ValueError):
            return _error("since: a whole number; held: a scope; repair: kinds", 400)
        result = await run_in_threadpool(
            changes_since, self.db, actor, since, device_id, held, repair
        )
        await run_in_threadpool(synced, self.db, device_id)
        return JSONResponse(result.to_dict())

    async def resolved(self, request: Request) -> JSONResponse:
        actor, _device = await self.who(request)
        body = await _json(request)
        items = body.get("resolved") if isinstance(body, dict) else None
        if not isinstance(items, list):
            return _error("resolved: a list", 400)
        done = await run_in_threadpool(resolve_on_server, self.db, actor, items)
        return JSONResponse({"resolved": done})

    async def password(self, request: Request) -> JSONResponse:
        actor, device_id = await self.who(request)
        body = await _json(request)
        new = body.get("new_password") if isinstance(body, dict) else None
        if not isinstance(new, str):
            return _error("new_password: the new password", 400)
        try:
            await run_in_threadpool(set_password, self.db, actor.username, new, actor)
        except ValidationError as error:
            return _error(next(iter(error.errors.values()), str(error)), 400)
        token = self.signer.issue(actor, device_id)
        return JSONResponse({"token": token, "expires_in": self.signer.lifetime})


def create_app(db: Database, signer: TokenSigner | None = None) -> Starlette:
    """The ASGI application serving ``db`` (an open office database)."""
    endpoints = Endpoints(db, signer or TokenSigner.new())
    routes = [
        Route("/api/v1/hello", endpoints.hello, methods=["GET"]),
        Route("/api/v1/token", endpoints.token, methods=["POST"]),
        Route("/api/v1/changes", endpoints.upload, methods=["POST"]),
        Route("/api/v1/changes", endpoints.download, methods=["GET"]),
        Route("/api/v1/download", endpoints.download_whole, methods=["POST"]),
        Route("/api/v1/conflicts/resolved", endpoints.resolved, methods=["POST"]),
        Route("/api/v1/password", endpoints.password, methods=["POST"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={
            TokenError: lambda request, error: _error(str(error), 401),
            SignedOut: lambda request, error: _signed_out(str(error)),
            WireError: lambda request, error: _error(str(error), 400),
        },
    )


async def _json(request: Request) -> Any:
    try:
        return await request.json()
    except ValueError as error:
        raise WireError("the request is not JSON") from error
