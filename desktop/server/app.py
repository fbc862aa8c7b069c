"""The HTTP endpoints of the office server (all JSON, under ``/api/v1``):

- ``GET  /api/v1/hello``: the protocol version and the schema the server runs.
- ``POST /api/v1/token``: ``{username, password, device_id}`` -> ``{token, expires_in}``.
- ``POST /api/v1/changes``: ``{changes, seen}`` (a device's changes and the checkpoint it
  had received when making them) -> one outcome each (token needed).
- ``GET  /api/v1/changes?since=N``: what changed after checkpoint N that the user may read.
- ``POST /api/v1/conflicts/resolved``: conflicts a laptop resolved (token needed).

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
from desktop.services.security.signin import SignInError
from desktop.storage import Database
from desktop.storage.migrate import head_revision
from desktop.sync.accounts import authenticate
from desktop.sync.apply import apply_batch
from desktop.sync.conflicts import resolve_on_server
from desktop.sync.download import changes_since
from desktop.sync.wire import PROTOCOL_VERSION, ChangeMessage, WireError

MAX_BATCH = 1000


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(db: Database, signer: TokenSigner | None = None) -> Starlette:
    """The ASGI application serving ``db`` (an open office database)."""
    signer = signer or TokenSigner.new()

    def who(request: Request) -> tuple[Actor, str]:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise TokenError("sign in first")
        return signer.read(header[7:].strip())

    async def hello(request: Request) -> JSONResponse:
        return JSONResponse({"protocol": PROTOCOL_VERSION, "schema": head_revision()})

    async def token(request: Request) -> JSONResponse:
        body = await _json(request)
        try:
            username, password = str(body["username"]), str(body["password"])
            device_id = str(uuid.UUID(str(body["device_id"])))
        except (KeyError, TypeError, ValueError):
            return _error("username, password and device_id are needed", 400)
        try:
            actor = await run_in_threadpool(authenticate, db, username, password)
        except SignInError as error:
            return _error(str(error), 401)
        return JSONResponse(
            {
                "token": signer.issue(actor, device_id),
                "expires_in": signer.lifetime,
                "role": actor.role,
            }
        )

    async def upload(request: Request) -> JSONResponse:
        actor, device_id = who(request)
        body = await _json(request)
        items = body.get("changes") if isinstance(body, dict) else None
        if not isinstance(items, list) or len(items) > MAX_BATCH:
            return _error(f"changes: a list of at most {MAX_BATCH}", 400)
        try:
            seen = int(body.get("seen", 0))
        except (TypeError, ValueError):
            return _error("seen: a whole number", 400)
        messages = [ChangeMessage.from_dict(item) for item in items]
        outcomes = await run_in_threadpool(apply_batch, db, actor, device_id, messages, seen)
        return JSONResponse({"outcomes": [outcome.to_dict() for outcome in outcomes]})

    async def download(request: Request) -> JSONResponse:
        actor, _device = who(request)
        try:
            since = int(request.query_params.get("since", "0"))
        except ValueError:
            return _error("since: a whole number", 400)
        result = await run_in_threadpool(changes_since, db, actor, max(since, 0))
        return JSONResponse(result.to_dict())

    async def resolved(request: Request) -> JSONResponse:
        actor, _device = who(request)
        body = await _json(request)
        items = body.get("resolved") if isinstance(body, dict) else None
        if not isinstance(items, list):
            return _error("resolved: a list", 400)
        done = await run_in_threadpool(resolve_on_server, db, actor, items)
        return JSONResponse({"resolved": done})

    routes = [
        Route("/api/v1/hello", hello, methods=["GET"]),
        Route("/api/v1/token", token, methods=["POST"]),
        Route("/api/v1/changes", upload, methods=["POST"]),
        Route("/api/v1/changes", download, methods=["GET"]),
        Route("/api/v1/conflicts/resolved", resolved, methods=["POST"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={
            TokenError: lambda request, error: _error(str(error), 401),
            WireError: lambda request, error: _error(str(error), 400),
        },
    )


async def _json(request: Request) -> Any:
    try:
        return await request.json()
    except ValueError as error:
        raise WireError("the request is not JSON") from error
