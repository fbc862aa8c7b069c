"""The same Alembic revisions build the office database on PostgreSQL, matching the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from desktop.models import Base, Harm
from desktop.storage import StorageError
from desktop.storage.migrate import current_revision, head_revision
from desktop.storage.server_database import open_server_database


def test_an_empty_postgresql_database_upgrades_to_the_models(pg_url: str) -> None:
    database = open_server_database(pg_url)
    try:
        with database.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            columns = {
                table: {column["name"] for column in inspect(connection).get_columns(table)}
                for table in Base.metadata.tables
            }
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
            revision = current_revision(connection)
        with database.session() as session:
            harms = session.scalars(select(Harm.code)).all()
    finally:
        database.close()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert columns == {
        name: {column.name for column in table.columns}
        for name, table in Base.metadata.tables.items()
    }
    assert differences == []
    assert revision == head_revision()
    assert "child_marriage" in harms  # the seeded catalogue is there too
    assert database.device_id


def test_reopening_keeps_the_device_id_and_runs_no_migration(pg_url: str) -> None:
    first = open_server_database(pg_url)
    first.close()
    again = open_server_database(pg_url, create=False)
    again.close()
    assert again.device_id == first.device_id


def test_an_uninitialised_database_is_refused_when_creating_is_not_asked(pg_url: str) -> None:
    with pytest.raises(StorageError, match="server init"):
        open_server_database(pg_url, create=False)


def test_a_sqlite_url_is_not_an_office_database() -> None:
    with pytest.raises(StorageError, match="PostgreSQL"):
        open_server_database("sqlite:///office.db")
