"""What the demo generator's tests share: a demo database file and raw SQL reads of it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from desktop.demo.generate import DemoSummary, generate_demo
from desktop.storage import Database, open_database


def rows(db: Database, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(sql, params).all()]


def count(db: Database, sql: str, *params: Any) -> int:
    return int(rows(db, sql, *params)[0][0])


@contextmanager
def demo_database(
    path: Path, *, communities: int, seed: int, today: date
) -> Iterator[tuple[Database, DemoSummary]]:
    """A new database file at ``path`` filled with the demo, closed afterwards."""
    db = open_database(path)
    try:
        yield db, generate_demo(db, communities=communities, seed=seed, today=today)
    finally:
        db.close()
