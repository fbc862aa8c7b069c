"""The PostgreSQL fixture gives each test its own empty database and removes it after."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def test_each_test_gets_an_empty_database_of_its_own(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            tables = connection.scalar(
                text("select count(*) from information_schema.tables where table_schema='public'")
            )
            name = connection.scalar(text("select current_database()"))
    finally:
        engine.dispose()
    assert tables == 0
    assert str(name).startswith("clcp_test_")
