"""The office server on a fresh PostgreSQL database (``pg_url``), and laptops to join it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.storage.server_database import ServerDatabase, open_server_database
from desktop.sync import accounts
from tests.postgres_support import database_name, fresh_database
from tests.sync.office_world import Laptop, Office, make_demo_office, make_office


@pytest.fixture(scope="session", autouse=True)
def cheap_server_hashes() -> Iterator[None]:
    """Server password hashes made in tests use a tiny Argon2id cost (each hash records
    its own cost, so checking it is the same code path as with the real cost)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def migrated_template() -> Iterator[str]:
    """One database migrated to the app's schema per test process, copied for each test
    (running every migration again for each test would take most of the test's time)."""
    with fresh_database() as url:
        open_server_database(url).close()
        yield database_name(url)


@pytest.fixture
def office_db(migrated_template: str) -> Iterator[ServerDatabase]:
    """A new office database at the app's schema, with no account yet."""
    with fresh_database(template=migrated_template) as url:
        database = open_server_database(url)
        try:
            yield database
        finally:
            database.close()


@pytest.fixture
def office(office_db: ServerDatabase) -> Office:
    return make_office(office_db)


@contextmanager
def laptops_of(office: Office, folder: Path, prefix: str) -> Iterator[Callable[[str], Laptop]]:
    """A maker of laptops of ``office`` (each synced once), all closed at the end."""
    made: list[Laptop] = []

    def make(username: str) -> Laptop:
        machine = Laptop(folder / f"{prefix}{username}-{len(made)}.db", office, username)
        made.append(machine)
        machine.sync()
        return machine

    try:
        yield make
    finally:
        for machine in made:
            machine.close()


@pytest.fixture
def laptop(office: Office, tmp_path: Path) -> Iterator[Callable[[str], Laptop]]:
    """``laptop("fatima")``: a new laptop database of that person (synced once)."""
    with laptops_of(office, tmp_path, "") as make:
        yield make


@pytest.fixture
def demo_office(office_db: ServerDatabase, tmp_path: Path) -> Office:
    """An office seeded from demo data (every kind of record; see ``make_demo_office``)."""
    return make_demo_office(office_db, tmp_path)


@pytest.fixture
def demo_laptop(demo_office: Office, tmp_path: Path) -> Iterator[Callable[[str], Laptop]]:
    """``demo_laptop("facilitator")``: a laptop of the demo office (synced once)."""
    with laptops_of(demo_office, tmp_path, "demo-") as make:
        yield make
