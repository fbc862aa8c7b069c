"""Revision 0007: a counted indicator's baseline and target get numbers beside their words,
and no word typed before is lost, whether it is a number or not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from desktop.storage import open_database
from tests.storage.test_migrations import (
    CYCLE_ID,
    SYNC_COLUMNS,
    app_like_engine,
    make_database_at,
)

# (value kind, unit, baseline, target) -> the numbers the upgrade must give them
CASES = {
    "1a000000000040008000000000000001": (("number", "", "12", "30"), (12.0, 30.0)),
    "1a000000000040008000000000000002": (("number", "", "12,5", " 40.0 "), (12.5, 40.0)),
    "1a000000000040008000000000000003": (("number", "girls", "5 girls", "30 Girls"), (5.0, 30.0)),
    "1a000000000040008000000000000004": (
        ("number", "girls", "about half the girls", "5 boys"),
        (None, None),
    ),
    "1a000000000040008000000000000005": (("number", "", "", "nan"), (None, None)),
    "1a000000000040008000000000000006": (("text", "", "12", "most families"), (None, None)),
}


def _indicator(row_id: str, kind: str, unit: str, baseline: str, target: str) -> dict[str, object]:
    return {
        "id": row_id,
        "cycle_id": CYCLE_ID,
        "wording": f"Indicator {row_id[-1]}",
        "defined_by_community": 1,
        "method": "",
        "collected_by": "",
        "frequency": "",
        "value_kind": kind,
        "unit": unit,
        "baseline": baseline,
        "target": target,
        **SYNC_COLUMNS,
    }


def test_upgrading_keeps_every_word_and_adds_the_numbers(tmp_path: Path) -> None:
    path = tmp_path / "clcp.db"
    make_database_at(path, "0006")
    engine = app_like_engine(path)
    try:
        with engine.begin() as connection:
            for row_id, (fields, _numbers) in CASES.items():
                row = _indicator(row_id, *fields)
                columns, values = ", ".join(row), ", ".join(f":{name}" for name in row)
                connection.execute(
                    text(f"INSERT INTO indicator ({columns}) VALUES ({values})"), row
                )
    finally:
        engine.dispose()

    open_database(path).close()  # upgrades to the newest revision

    connection = sqlite3.connect(path)
    try:
        stored = {
            row[0]: row[1:]
            for row in connection.execute(
                "SELECT lower(hex(id)), baseline, target, baseline_number, target_number "
                "FROM indicator"
            )
        }
    finally:
        connection.close()
    for row_id, ((_kind, _unit, baseline, target), numbers) in CASES.items():
        assert stored[row_id][:2] == (baseline, target), "the words are kept as typed"
        assert stored[row_id][2:] == numbers, row_id
