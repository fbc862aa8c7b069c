"""Running the office server: uvicorn serving the sync protocol, HTTPS with the office's
certificate, plain HTTP only on the loopback interface (for a server and a laptop on one
machine, and for tests)."""

from __future__ import annotations

import ipaddress
import threading
import time

import uvicorn

from desktop.i18n import _
from desktop.server.app import create_app
from desktop.services.framework.errors import ServiceError
from desktop.storage import Database

DEFAULT_PORT = 8470


class ServerSetupError(ServiceError):
    """The server cannot start as asked (one line)."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def server_config(
    db: Database,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    tls_cert: str | None = None,
    tls_key: str | None = None,
) -> uvicorn.Config:
    """The uvicorn configuration, refusing plain HTTP beyond this machine."""
    if bool(tls_cert) != bool(tls_key):
        raise ServerSetupError(_("give both --tls-cert and --tls-key, or neither"))
    if not tls_cert and not is_loopback(host):
        raise ServerSetupError(
            _(
                "plain HTTP is only for 127.0.0.1: give --tls-cert and --tls-key to serve {host}"
            ).format(host=host)
        )
    return uvicorn.Config(
        create_app(db),
        host=host,
        port=port,
        ssl_certfile=tls_cert,
        ssl_keyfile=tls_key,
        log_level="warning",
        access_log=False,
    )


def serve(config: uvicorn.Config) -> None:
    """Serve until interrupted."""
    uvicorn.Server(config).run()


class BackgroundServer:
    """The server in a thread of this process (the app's tests, a one-machine trial)."""

    def __init__(self, config: uvicorn.Config) -> None:
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self, timeout: float = 20.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise ServerSetupError(_("the office server did not start"))
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
