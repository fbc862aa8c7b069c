"""An office server on a real PostgreSQL database served over HTTP on loopback, and
laptops joined to it as ``clcp join`` makes them, for the window's sync screens."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.server.run import BackgroundServer, server_config
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.storage import Database
from desktop.storage.server_database import open_server_database
from desktop.sync.client import HttpTransport
from desktop.sync.join import join
from desktop.views.shell.main_window import MainWindow
from tests.sync.office_world import PASSWORD, Office, make_office

__all__ = ["PASSWORD"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    """The office and where its server answers; ``stop`` takes it down (a server that is
    down, for the tests of a failed sync)."""

    office: Office
    url: str
    server: BackgroundServer

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture
def served(pg_url: str) -> Iterator[Served]:
    database = open_server_database(pg_url)
    office = make_office(database)
    port = free_port()
    server = BackgroundServer(server_config(database, "127.0.0.1", port))
    server.start()
    try:
        yield Served(office, f"http://127.0.0.1:{port}", server)
    finally:
        server.stop()
        database.close()


@dataclass
class JoinedLaptop:
    db: Database
    actor: Actor

    @property
    def services(self) -> Services:
        return Services(self.db, self.actor)

    def set_notes(self, community_id: object, notes: str) -> None:
        current = self.services.communities.get(community_id)  # type: ignore[arg-type]
        self.services.communities.update(current.id, replace(current.data, notes=notes))


@pytest.fixture
def joined(served: Served, tmp_path: Path) -> Iterator[Callable[[str], JoinedLaptop]]:
    """``joined("mary")``: a new laptop of that person, joined to the served office."""
    made: list[JoinedLaptop] = []

    def make(username: str) -> JoinedLaptop:
        with HttpTransport(served.url) as transport:
            db, actor, _key, _received = join(
                tmp_path / f"{username}-{len(made)}.db", transport, username, PASSWORD
            )
        made.append(JoinedLaptop(db, actor))
        return made[-1]

    yield make
    for laptop in made:
        laptop.db.close()


@pytest.fixture
def open_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[[Database, Actor], MainWindow]]:
    def make(db: Database, actor: Actor) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, actor=actor, settings=settings, offer_drafts_at_start=False)
        qtbot.addWidget(window)
        window.resize(1366, 740)
        window.show()
        return window

    yield make
