"""Services over a real database file, and the ``world`` fixture (see service_world.py).

``db`` comes from tests/conftest.py (a new database file in tmp_path).
"""

from __future__ import annotations

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.storage import Database
from tests.services.service_world import World, build_world


@pytest.fixture
def actor() -> Actor:
    """Someone allowed everything (the app's own role), so service tests need not set up
    accounts; what each role may do is tested in tests/services/security."""
    return Actor(username="amina", role=SYSTEM_ROLE)


@pytest.fixture
def services(db: Database, actor: Actor) -> Services:
    return Services(db, actor)


@pytest.fixture
def world(services: Services) -> World:
    return build_world(services)
