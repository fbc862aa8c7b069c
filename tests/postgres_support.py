"""A fresh PostgreSQL database per test, made on the server named by ``CLCP_TEST_PG_URL``.

The default is the local cluster over its unix socket as the operating-system user (a
role of that name with the right to create databases; ``.ci/run`` makes it). When the
server cannot be reached, the tests that need it are skipped on a developer's machine
but fail in CI (``CI`` set), where a missing database server is a broken setup, not a
reason to pass.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

PG_URL_ENV_VAR = "CLCP_TEST_PG_URL"
DEFAULT_PG_URL = "postgresql+psycopg:///postgres"


def server_url() -> URL:
    """The administrative URL tests create and drop their databases through."""
    return make_url(os.environ.get(PG_URL_ENV_VAR) or DEFAULT_PG_URL)


def _libpq_params(url: URL) -> dict[str, object]:
    params: dict[str, object] = {
        "dbname": url.database or "postgres",
        "user": url.username,
        "password": url.password,
        "host": url.host or url.query.get("host"),
        "port": url.port,
        "autocommit": True,
        "connect_timeout": 5,
    }
    return {key: value for key, value in params.items() if value is not None}


def _unreachable(reason: str) -> None:
    message = f"PostgreSQL not reachable at {server_url().render_as_string()} ({reason})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run the PostgreSQL tests", pytrace=False)
    pytest.skip(message)


@contextmanager
def fresh_database(template: str | None = None) -> Iterator[str]:
    """Create a uniquely named database (a copy of ``template`` if given), yield its
    SQLAlchemy URL, and drop it afterwards."""
    admin = server_url()
    name = f"clcp_test_{uuid.uuid4().hex[:16]}"
    try:
        connection = psycopg.connect(**_libpq_params(admin))  # type: ignore[arg-type]
    except psycopg.OperationalError as error:
        _unreachable(str(error).strip().splitlines()[0] if str(error).strip() else "no answer")
        raise  # not reached: skip and fail raise
    with connection:
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield admin.set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(**_libpq_params(admin)) as connection:  # type: ignore[arg-type]
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_name(url: str) -> str:
    return make_url(url).database or ""
