"""How fast meeting submissions from phones come in, against csv and sqlite3 doing the same rows.

Run on purpose: ``uv run python -m benchmarks.bench_submissions [N]`` (N submissions,
default 10,000). It generates a demo of 200 communities, writes an ODK Central-style CSV
of N meeting submissions (six group counts each) across the communities with an active
cycle, and times ``clcp import submissions``' work as the manager: each row checked by the
meeting service's rules and permissions, its instanceID looked up and kept, all in one
transaction. The floor reads the same file with ``csv`` and inserts the same meetings and
attendance rows with plain ``sqlite3`` ``executemany`` in one transaction.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from benchmarks.measure import Figure, table
from desktop.demo.generate import generate_demo
from desktop.exchange.submissions import import_submissions
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.storage import open_database

GROUPS = ("girls", "boys", "women", "men", "elders", "disability")
HEADERS = ["community_id", "held_on", "kind", "place", "facilitated_by",
           *(f"attendance-count_{code}" for code in GROUPS), "decisions", "notes",
           "meta-instanceID"]  # fmt: skip


def write_csv(path: Path, communities: list[uuid.UUID], count: int) -> None:
    start = date(2026, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        for n in range(count):
            writer.writerow(
                [
                    communities[n % len(communities)],
                    start + timedelta(days=n % 150),
                    "small_group",
                    "Under the big tree",
                    "Amina",
                    *(n % 9 for _ in GROUPS),
                    "Meet again next week",
                    "",
                    f"uuid:{uuid.uuid4()}",
                ]
            )


def raw_floor(source: Path, target: Path) -> float:
    started = time.perf_counter()
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute(
        "CREATE TABLE meeting (id TEXT PRIMARY KEY, cycle TEXT, held_on DATE, "
        "kind TEXT, place TEXT, by TEXT, decisions TEXT, notes TEXT)"
    )
    connection.execute(
        "CREATE TABLE attendance (id TEXT PRIMARY KEY, meeting TEXT, code TEXT, n INTEGER)"
    )
    meetings, attendance = [], []
    for row in rows:
        key = uuid.uuid4().hex
        meetings.append((key, row[0], row[1], row[2], row[3], row[4], row[11], row[12]))
        attendance += [
            (uuid.uuid4().hex, key, code, int(row[5 + i])) for i, code in enumerate(GROUPS)
        ]
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO meeting VALUES (?, ?, ?, ?, ?, ?, ?, ?)", meetings)
    connection.executemany("INSERT INTO attendance VALUES (?, ?, ?, ?)", attendance)
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - started


def run(quick: bool = False, count: int | None = None) -> list[Figure]:
    count = count or (1_000 if quick else 10_000)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        db = open_database(path)
        generate_demo(db, communities=200, seed=7, today=date(2026, 6, 1), actor=Actor("b"))
        services = Services(db, Actor("manager", "manager"))
        cycles = services.cycles.list(where={"status": "active"}).items
        source = Path(folder) / "submissions.csv"
        write_csv(source, sorted({cycle.data.community_id for cycle in cycles}), count)
        started = time.perf_counter()
        summary = import_submissions(services, source, dry_run=False)
        elapsed = time.perf_counter() - started
        again = time.perf_counter()
        repeat = import_submissions(services, source, dry_run=False)
        again = time.perf_counter() - again
        db.close()
        assert summary.created == count and repeat.created == 0
        floor = raw_floor(source, Path(folder) / "raw.db")
    print(
        f"submissions: {count:,} in {elapsed:.1f} s; again (all known) {again:.1f} s; "
        f"raw {floor:.2f} s"
    )
    return [
        Figure(
            "submissions",
            f"import {count:,} meeting submissions",
            elapsed,
            floor,
            "csv + sqlite3 executemany of the same rows",
        ),
        Figure(
            "submissions",
            f"import the same {count:,} again",
            again,
            floor,
            "csv + sqlite3 executemany of the same rows",
        ),
    ]


if __name__ == "__main__":
    print(table(run(count=int(sys.argv[1]) if len(sys.argv) > 1 else None)))
