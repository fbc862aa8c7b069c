"""How fast the demo generator fills a database, against a raw sqlite3 baseline.

Run on purpose: ``uv run python -m benchmarks.bench_demo [N]`` (N communities, default
10,000). It generates the demo into a new file in a temporary folder and reports the time,
rows per second and rows per table; then, in the same run, it inserts the same number of
rows of similar width with plain ``sqlite3`` ``executemany`` (rows prepared beforehand,
one table with a text primary key and one index, one transaction, the app's pragmas) and
prints how many times slower the generator is than that floor. The difference is the
generation itself plus the real schema's indexes and foreign-key checks.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import Figure, table
from desktop.demo.generate import generate_demo
from desktop.services.framework.actor import Actor
from desktop.storage import open_database


def raw_baseline(path: Path, count: int) -> float:
    """Seconds to insert ``count`` prepared rows (~200 bytes each) with executemany."""
    rng = random.Random(0)
    stamp = "2026-03-15 10:20:30.000000"
    words = ("Planning group", "Under the big mango tree", "Agreed to meet again next week")
    rows = [
        (
            f"{n:032x}",
            f"{n // 5:032x}",
            rng.choice(words),
            rng.choice(words),
            rng.randint(0, 60),
            "2026-03-15",
            stamp,
            stamp,
        )
        for n in range(count)
    ]
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(
        "CREATE TABLE bench (id CHAR(32) PRIMARY KEY, parent CHAR(32), place TEXT, "
        "notes TEXT, count INTEGER, held_on DATE, created_at DATETIME, updated_at DATETIME, "
        "version INTEGER, updated_by TEXT, origin_device TEXT, deleted_at DATETIME)"
    )
    connection.execute("CREATE INDEX ix_bench_parent ON bench (parent)")
    started = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO bench VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'demo', 'device', NULL)", rows
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def run(quick: bool = False, count: int | None = None) -> list[Figure]:
    count = count or (1_000 if quick else 10_000)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        db = open_database(path)
        cpu = time.process_time()
        summary = generate_demo(
            db, communities=count, seed=7, today=date(2026, 3, 15), actor=Actor("bench")
        )
        cpu = time.process_time() - cpu
        db.checkpoint()
        db.close()
        total = summary.total_rows
        print(f"demo: {count:,} communities, {total:,} rows in {summary.seconds:.1f} s")
        print(f"      {total / summary.seconds:,.0f} rows/s, {cpu:.1f} s CPU")
        print(f"      file {os.path.getsize(path) / 1e6:,.0f} MB")
        for table, rows in sorted(summary.rows.items(), key=lambda item: -item[1]):
            print(f"      {table:<22}{rows:>11,}  {rows / count:6.1f} per community")
        baseline = raw_baseline(Path(folder) / "raw.db", total)
        print(f"raw sqlite3 executemany, {total:,} rows: {baseline:.1f} s")
        print(f"      {total / baseline:,.0f} rows/s")
        size = os.path.getsize(path)
        raw_size = os.path.getsize(Path(folder) / "raw.db")
    return [
        Figure(
            "demo",
            f"generate {count:,} communities",
            summary.seconds,
            baseline,
            f"raw executemany of {total:,} rows",
        ),
        Figure(
            "demo",
            "file size per community",
            size / count / 1000,
            raw_size / count / 1000,
            "raw rows of similar width",
            unit="kB",
            goal_value=25.0,
        ),
    ]


if __name__ == "__main__":
    print(table(run(count=int(sys.argv[1]) if len(sys.argv) > 1 else None)))
