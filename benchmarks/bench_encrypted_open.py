"""What encryption costs: opening and listing an encrypted database against the same plain one.

Run on purpose: ``uv run python -m benchmarks.bench_encrypted_open [N]`` (default 10,000
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
from datetime import date
from pathlib import Path

from benchmarks.measure import Figure, best_of, table
from desktop.demo.accounts import create_demo_database
from desktop.demo.generate import generate_demo
from desktop.services.framework.actor import Actor
from desktop.services.queries.community_list import CommunityQuery, list_communities
from desktop.services.security.signin import sign_in, unlock_master_key
from desktop.storage import Database, open_database

PASSWORD = "demo"
MANAGER = Actor("manager", role="manager")


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


def run(quick: bool = False, count: int | None = None) -> list[Figure]:
    count = count or (1_000 if quick else 10_000)
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
    figures = [
        Figure(
            "encrypted_open",
            f"{label}, encrypted ({count:,})",
            secret_s,
            plain_s,
            "the same on the plain file",
        )
        for label, plain_s, secret_s in rows
    ]
    figures.append(
        Figure(
            "encrypted_open",
            "first page of 200, encrypted",
            rows[1][2],
            floor,
            "raw sqlite3 page, plain file",
        )
    )
    return figures


if __name__ == "__main__":
    print(table(run(count=int(sys.argv[1]) if len(sys.argv) > 1 else None)))
