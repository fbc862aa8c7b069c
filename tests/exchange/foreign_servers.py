"""A small stand-in for the two servers phones send to: the part of ODK Central's OData API
and of KoboToolbox's v2 API that ``clcp import submissions --from-server`` uses, served by
uvicorn on a loopback port. The tests put submissions in it and choose how it misbehaves."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from desktop.server.run import BackgroundServer

TOKEN = "s3cret-Token-123"


@dataclass
class Peer:
    """What the servers hold and how they behave; ``seen`` keeps every Authorization."""

    central: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    kobo: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    mode: str = "normal"  # normal | slow | garbage | huge | elsewhere
    seen: list[str] = field(default_factory=list)
    url: str = ""


def _refusal(peer: Peer, request: Request, scheme: str) -> Response | None:
    given = request.headers.get("authorization", "")
    peer.seen.append(given)
    if given != f"{scheme} {TOKEN}":
        return JSONResponse({"code": 401.2, "message": "Could not authenticate you."}, 401)
    return None


async def _misbehave(peer: Peer) -> Response | None:
    if peer.mode == "slow":
        await asyncio.sleep(3)
    if peer.mode == "garbage":
        return Response("<html>Bad gateway</html>", media_type="text/html")
    if peer.mode == "huge":
        return Response(b'{"value": [' + b" " * 3_000_000 + b"]}", media_type="application/json")
    return None


def _central(peer: Peer) -> Any:
    async def submissions(request: Request) -> Response:
        refused = _refusal(peer, request, "Bearer")
        if refused is not None:
            return refused
        key = (request.path_params["project"], request.path_params["form"])
        if key not in peer.central:
            return JSONResponse({"code": 404.1, "message": "Could not find the resource."}, 404)
        odd = await _misbehave(peer)
        if odd is not None:
            return odd
        items = peer.central[key]
        top = int(request.query_params.get("$top", len(items) or 1))
        skip = int(request.query_params.get("$skip", 0))
        body: dict[str, Any] = {"@odata.context": "$metadata", "value": items[skip:][:top]}
        if skip + top < len(items):  # as Central says it: at the address it was set up with
            link = f"https://central.example{request.url.path}?$top={top}&$skip={skip + top}"
            body["@odata.nextLink"] = link
        return JSONResponse(body)

    return submissions


def _kobo(peer: Peer) -> Any:
    async def data(request: Request) -> Response:
        refused = _refusal(peer, request, "Token")
        if refused is not None:
            return refused
        uid = request.path_params["uid"]
        if uid not in peer.kobo:
            return JSONResponse({"detail": "Not found."}, 404)
        odd = await _misbehave(peer)
        if odd is not None:
            return odd
        items = peer.kobo[uid]
        limit = int(request.query_params.get("limit", 100))
        start = int(request.query_params.get("start", 0))
        more = start + limit < len(items)
        base = "http://elsewhere.example" if peer.mode == "elsewhere" else peer.url
        link = f"{base}/api/v2/assets/{uid}/data/?format=json&limit={limit}&start="
        return JSONResponse(
            {
                "count": len(items),
                "next": f"{link}{start + limit}" if more else None,
                "previous": None,
                "results": items[start : start + limit],
            }
        )

    return data


def _app(peer: Peer) -> Starlette:
    return Starlette(
        routes=[
            Route("/v1/projects/{project}/forms/{form}.svc/Submissions", _central(peer)),
            Route("/api/v2/assets/{uid}/data/", _kobo(peer)),
        ]
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_peer() -> Iterator[Peer]:
    peer = Peer()
    port = free_port()
    peer.url = f"http://127.0.0.1:{port}"
    config = uvicorn.Config(
        _app(peer),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
    )
    server = BackgroundServer(config)
    server.start()
    try:
        yield peer
    finally:
        server.stop()
