"""The office server's database on PostgreSQL: the same models and migrations as a laptop.

A laptop file is opened by :func:`desktop.storage.open_database`; the office database is a
PostgreSQL URL opened here. The result is the same :class:`Database`, so the services run
on it unchanged. Writers on the server are serialised by one transaction-scoped advisory
lock: the audit trail's hash chain needs one writer at a time (SQLite's ``BEGIN
IMMEDIATE`` gives a laptop the same), and the server-wide change sequence then only ever
becomes visible in order, so a download up to a checkpoint never misses a change that
commits later with a smaller number.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import sessionmaker

from desktop.i18n import _
from desktop.storage.database import BEGIN_MODE_OPTION, Database, _ensure_meta
from desktop.storage.errors import StorageError, one_line_reason
from desktop.storage.migrate import current_revision, head_revision, known_revisions, upgrade

WRITE_LOCK_KEY = 4_716_520_016  # any constant; names the office's one write lock


class ServerDatabase(Database):
    """A :class:`Database` on PostgreSQL (no file, no WAL, no SQLite pragmas)."""

    def file_size(self) -> int:
        """The office database's size on the server's disk."""
        with self.engine.connect() as connection:
            return int(
                connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
                or 0
            )

    def checkpoint(self) -> bool:
        return True

    def close(self) -> None:
        self.engine.dispose()


def server_url(text: str) -> URL:
    """A PostgreSQL URL with the psycopg 3 driver (``postgresql://`` is accepted too)."""
    try:
        url = make_url(text)
    except Exception as error:
        raise StorageError(_("not a database URL: {text}").format(text=text)) from error
    if url.get_backend_name() != "postgresql":
        raise StorageError(_("the office database must be PostgreSQL (postgresql://...)"))
    return url.set(drivername="postgresql+psycopg")


def _make_engine(url: URL) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(BEGIN_MODE_OPTION) == "IMMEDIATE":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")

    return engine


def open_server_database(text: str, *, create: bool = True) -> ServerDatabase:
    """Open the office database at a PostgreSQL URL, migrating it to the app's schema.

    ``create`` False refuses a database that has no schema yet (``clcp server run`` on a
    database nobody initialised). Raises :class:`StorageError` with one line otherwise.
    """
    url = server_url(text)
    engine = _make_engine(url)
    try:
        with engine.begin() as connection:
            revision = current_revision(connection)
            if revision is None and not create:
                raise StorageError(
                    _("no office database at {url}: run clcp server init").format(
                        url=url.render_as_string()
                    )
                )
            if revision is not None and revision not in known_revisions():
                raise StorageError(_("the office database was made by a newer version"))
            if revision != head_revision():
                upgrade(connection)
        sessions = sessionmaker(
            engine.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"}), expire_on_commit=False
        )
        meta = _ensure_meta(sessions, sessions)
    except StorageError:
        engine.dispose()
        raise
    except Exception as error:
        engine.dispose()
        raise StorageError(
            _("cannot open {url}: {reason}").format(
                url=url.render_as_string(), reason=one_line_reason(error)
            )
        ) from error
    return ServerDatabase(
        engine=engine,
        path=None,
        device_id=meta["device_id"],
        sessions=sessions,
        readers=sessionmaker(engine, expire_on_commit=False),
        meta=meta,
    )
