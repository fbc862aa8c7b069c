"""What encryption costs: opening and listing an encrypted database against the same plain one.

Run on purpose: ``uv run python benchmarks/bench_encrypted_open.py [N]`` (default 10,000
communities). It writes the same demo data set (same seed and day) twice in a temporary
folder, once into a plain file and once into an encrypted one with the demo accounts, then
times, best of a few runs each:

- opening: the plain file as it is; the encrypted one by signing in as the manager, split
  into unwrapping the key (Argon2id on the password) and opening with that key;
- the community screen's first page and a text search, as the manager;
- a raw sqlite3 read of the same first page from the plain file, as the floor.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop.demo import generate_demo
from desktop.demo.accounts import create_demo_database
from desktop.services.framework.actor import Actor
from desktop.services.queries.community_list import CommunityQuery, list_communities
from desktop.services.security.signin import sign_in, unlock_master_key
from desktop.storage import Database, open_database

PASSWORD = "demo"
MANAGER = Actor("manager", role="manager")


def best_of(runs: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def build(folder: Path, count: int, today: date) -> tuple[Path, Path]:
    plain, secret = folder / "plain.db", folder / "encrypted.db"
    for path, db in ((plain, open_database(plain)), (secret, create_demo_database(secret))):
        started = time.perf_counter()
        generate_demo(db, communities=count, seed=7, today=today)
        db.checkpoint()
        db.close()
        size = path.stat().st_size / 1e6
        print(
            f"{path.name}: {count} communities in {time.perf_counter() - started:.1f} s, "
            f"{size:.0f} MB"
        )
    return plain, secret


def open_plain(path: Path) -> Database:
    return open_database(path, create=False)


def open_encrypted(path: Path) -> Database:
    return sign_in(path, "manager", PASSWORD).db


def first_page(db: Database, text: str = "") -> object:
    return list_communities(db, CommunityQuery(limit=200, text=text), actor=MANAGER)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    today = date.today()
    with tempfile.TemporaryDirectory() as name:
        plain, secret = build(Path(name), count, today)

        raw = sqlite3.connect(plain)
        floor = best_of(
            5,
            lambda: raw.execute(
                "SELECT id, name, district FROM community WHERE deleted_at IS NULL "
                "ORDER BY name LIMIT 200"
            ).fetchall(),
        )
        raw.close()
        print(f"raw first page (plain file, sqlite3): {floor * 1000:.2f} ms")

        unwrap = best_of(3, lambda: unlock_master_key(secret, "manager", PASSWORD))
        rows: list[tuple[str, float, float]] = [
            (
                "open (sign-in for encrypted)",
                best_of(3, lambda: open_plain(plain).close()),
                best_of(3, lambda: open_encrypted(secret).close()),
            )
        ]
        dbs = {"plain": open_plain(plain), "encrypted": open_encrypted(secret)}
        try:
            for label, text in (("first page of 200", ""), ("search 'ba'", "ba")):
                timings = [
                    best_of(3, lambda db=db, text=text: first_page(db, text)) for db in dbs.values()
                ]
                rows.append((label, timings[0], timings[1]))
        finally:
            for db in dbs.values():
                db.close()

        print(f"key unwrapping (Argon2id + AES-GCM): {unwrap * 1000:.0f} ms of the sign-in")
        print(f"{'step':30} {'plain ms':>9} {'encr. ms':>9} {'encr/plain':>10} {'encr/raw':>9}")
        for label, plain_s, secret_s in rows:
            print(
                f"{label:30} {plain_s * 1000:9.1f} {secret_s * 1000:9.1f} "
                f"{secret_s / plain_s:10.2f} {secret_s / floor:9.0f}"
            )


if __name__ == "__main__":
    main()
