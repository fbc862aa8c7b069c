"""Shared test setup: no display needed, and never the real user data folder.

The environment is fixed when this module is imported, before any test module
(or Qt) is, so nothing - not even collection - can reach the person's own files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.i18n import LANGUAGE_ENV
from desktop.storage import Database, keyslots, open_database
from desktop.storage.paths import DATA_DIR_ENV_VAR, DB_ENV_VAR

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The demo accounts have their own languages (French, Swahili, Arabic); tests read the
# English words unless a test chooses a language itself. Compiled catalogues go to a
# cache folder of the test run, not the person's.
os.environ[LANGUAGE_ENV] = "en"

_SESSION_DATA_DIR = Path(tempfile.mkdtemp(prefix="clcp-test-data-"))
os.environ[DATA_DIR_ENV_VAR] = str(_SESSION_DATA_DIR)
os.environ["XDG_CACHE_HOME"] = str(_SESSION_DATA_DIR / "cache")
os.environ.pop(DB_ENV_VAR, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_DATA_DIR, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def cheap_key_derivation() -> Iterator[None]:
    """Key slots made in tests use a tiny Argon2id cost (the app's cost is for attackers;
    each slot records its own cost, so the code path is the same)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(keyslots, "DEFAULT_KDF", keyslots.KdfParams(1, 64, 1))
    yield
    patch.undo()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database file goes (it does not exist yet)."""
    return tmp_path / "clcp.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A new database, created through the same code path as the app, closed afterwards."""
    database = open_database(db_path)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The SQLAlchemy URL of a new, empty PostgreSQL database, dropped after the test
    (skipped when no server answers, failed instead when ``CI`` is set)."""
    from tests.postgres_support import fresh_database

    with fresh_database() as url:
        yield url
