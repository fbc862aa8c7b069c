"""How fast a full export is written and read back in, against openpyxl doing the same rows raw.

Run on purpose: ``uv run python -m benchmarks.bench_export [N]`` (N communities, default
1,000). It generates the demo, exports it in full as the manager (``clcp export``'s work:
reading through the permissions, placing each row in its community, labels, the wide
attendance, the audit event), then writes the same tables' rows with a bare openpyxl
write-only workbook read by plain ``sqlite3``: the floor. It then imports the export into
a new database (``clcp import workbook``) against openpyxl reading every row of the same
file in read-only mode.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import Figure, table
from desktop.demo.generate import generate_demo
from desktop.exchange.collect import Selection
from desktop.exchange.export import export
from desktop.exchange.sheets import SHEETS
from desktop.exchange.workbook_import import Administrator, import_workbook
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.storage import open_database


def raw_write(db_path: Path, out: Path) -> float:
    """Seconds for plain sqlite3 and a write-only openpyxl workbook to copy every table."""
    from openpyxl import Workbook

    started = time.perf_counter()
    connection = sqlite3.connect(db_path)
    book = Workbook(write_only=True)
    for spec in SHEETS:
        sheet = book.create_sheet(spec.name)
        cursor = connection.execute(f"SELECT * FROM {spec.table}")
        sheet.append([column[0] for column in cursor.description])
        for row in cursor:
            sheet.append(row)
    book.save(out)
    connection.close()
    return time.perf_counter() - started


def raw_read(path: Path) -> float:
    """Seconds for openpyxl to read every cell of a workbook in read-only mode."""
    from openpyxl import load_workbook

    started = time.perf_counter()
    book = load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    book.close()
    return time.perf_counter() - started


def run(quick: bool = False, count: int | None = None) -> list[Figure]:
    count = count or (100 if quick else 1_000)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        db = open_database(path)
        generate_demo(db, communities=count, seed=7, today=date(2026, 3, 15), actor=Actor("b"))
        out = Path(folder) / "office.xlsx"
        started = time.perf_counter()
        summary = export(
            Services(db, Actor("manager", "manager")), out, fmt="xlsx", selection=Selection()
        )
        exported = time.perf_counter() - started
        db.close()
        floor = raw_write(path, Path(folder) / "raw.xlsx")
        print(f"export: {summary.rows:,} records in {exported:.1f} s; raw {floor:.1f} s")
        started = time.perf_counter()
        admin = Administrator("admin", "bench password")
        import_workbook(out, Path(folder) / "new.db", admin)
        imported = time.perf_counter() - started
        read_floor = raw_read(out)
        print(f"import: {imported:.1f} s; openpyxl reading alone {read_floor:.1f} s")
    rows = f"{summary.rows:,} rows"
    return [
        Figure(
            "export",
            f"full export, {count:,} communities",
            exported,
            floor,
            f"raw openpyxl write of {rows}",
            goal_ratio=3.0,
        ),
        Figure(
            "export",
            f"import workbook, {count:,} communities",
            imported,
            read_floor,
            "openpyxl read-only of the same file",
            goal_ratio=3.0,
        ),
    ]


if __name__ == "__main__":
    print(table(run(count=int(sys.argv[1]) if len(sys.argv) > 1 else None)))
