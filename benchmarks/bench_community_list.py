"""How fast the community list answers at 10,000 communities, against a raw baseline.

Run on purpose: ``uv run python -m benchmarks.bench_community_list [N]`` (or all benchmarks
with ``python -m benchmarks``).
It builds a demo database of N communities (default 10,000) in a temporary folder,
then times each list query the community screen makes - first page by name, each
sort key, each filter, a text search - and compares it with a raw sqlite3 query
that reads the same page of names without computed columns.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import Figure, best_of, table
from desktop.demo.generate import generate_demo
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.queries.community_list import CommunityQuery, SortKey, list_communities
from desktop.storage import open_database


def run(quick: bool = False, count: int | None = None) -> list[Figure]:
    count = count or (1_000 if quick else 10_000)
    figures: list[Figure] = []
    today = date.today()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        db = open_database(path)
        started = time.perf_counter()
        generate_demo(db, communities=count, seed=7, today=today, actor=Actor("bench"))
        print(f"demo data: {count} communities in {time.perf_counter() - started:.1f} s")

        raw = sqlite3.connect(path)
        baseline = best_of(
            5,
            lambda: raw.execute(
                "SELECT id, name, district FROM community WHERE deleted_at IS NULL "
                "ORDER BY name LIMIT 200"
            ).fetchall(),
        )
        raw.close()
        print(f"raw baseline (first 200 names): {baseline * 1000:.2f} ms")

        district = list_communities(db, CommunityQuery(limit=1), actor=SYSTEM).items[0].district
        cases: dict[str, CommunityQuery] = {
            f"sort {key.value}": CommunityQuery(sort=key, today=today) for key in SortKey
        }
        cases["sort name desc"] = CommunityQuery(descending=True, today=today)
        cases["filter district"] = CommunityQuery(district=district, today=today)
        cases["filter status agreed"] = CommunityQuery(partnership_status="agreed", today=today)
        cases["filter phase action"] = CommunityQuery(phase="action", today=today)
        cases["filter facilitator"] = CommunityQuery(facilitator="facilitator", today=today)
        cases["search 'ba'"] = CommunityQuery(text="ba", today=today)
        cases["page 40 by name"] = CommunityQuery(offset=8000, today=today)
        for label, query in cases.items():
            seconds = best_of(3, lambda query=query: list_communities(db, query, actor=SYSTEM))
            figures.append(
                Figure(
                    "community_list",
                    f"{label} ({count:,})",
                    seconds,
                    baseline,
                    "raw first 200 names",
                )
            )
        db.close()
    return figures


if __name__ == "__main__":
    print(table(run(count=int(sys.argv[1]) if len(sys.argv) > 1 else None)))
