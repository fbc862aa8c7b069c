"""The office server on a fresh PostgreSQL database (``pg_url``), and laptops to join it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.storage.server_database import ServerDatabase, open_server_database
from tests.sync.office_world import Laptop, Office, make_office


@pytest.fixture
def office_db(pg_url: str) -> Iterator[ServerDatabase]:
    database = open_server_database(pg_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def office(office_db: ServerDatabase) -> Office:
    return make_office(office_db)


@pytest.fixture
def laptop(office: Office, tmp_path: Path) -> Iterator[Callable[[str], Laptop]]:
    """``laptop("fatima")``: a new laptop database of that person (synced once)."""
    made: list[Laptop] = []

    def make(username: str) -> Laptop:
        machine = Laptop(tmp_path / f"{username}-{len(made)}.db", office, username)
        made.append(machine)
        machine.sync()
        return machine

    yield make
    for machine in made:
        machine.close()
