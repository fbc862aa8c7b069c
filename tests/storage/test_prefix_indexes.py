"""Lookups of child rows by their parent use the unique constraint's index (revision 0006
dropped the separate parent-id indexes that repeated its first column)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.storage.database import open_database

LOOKUPS = [
    ("meeting_attendance", "meeting_id"),
    ("harm_rank", "priority_id"),
    ("benchmark_assessment", "review_id"),
    ("harm_name", "harm_id"),
    ("harm_priority", "cycle_id"),
]


@pytest.mark.parametrize(("table", "parent"), LOOKUPS)
def test_a_lookup_by_parent_searches_an_index(tmp_path: Path, table: str, parent: str) -> None:
    db = open_database(tmp_path / "clcp.db")
    try:
        with db.engine.connect() as connection:
            plan = " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE {parent} = ?", ("x",)
                )
            )
            indexes = {row[1] for row in connection.exec_driver_sql(f"PRAGMA index_list({table})")}
    finally:
        db.close()
    assert "USING INDEX" in plan and f"({parent}=?)" in plan, plan
    assert f"ix_{table}_{parent}" not in indexes
