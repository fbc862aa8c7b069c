"""How fast a laptop joins the office server and syncs, against raw inserts of the same rows.

Run on purpose, with a PostgreSQL server: ``uv run python -m benchmarks.bench_sync [N]``
(N demo communities, default 1,000; the server is the one in ``CLCP_BENCH_PG_URL``, by
default the local cluster over its socket). It seeds a new office database from a demo
data set, starts the real server (uvicorn on a free loopback port) and measures, through
HTTP:

- a manager's first join (everything they may read, into a new encrypted laptop file),
  against a raw ``executemany`` of the same records (id, kind, fields as JSON) into a
  plain SQLite table, and against PostgreSQL ``COPY`` of them into a plain table;
- an incremental sync of 100 edits made on that laptop, against a raw ``executemany``
  ``UPDATE`` of 100 rows on the server.

The ratios say what the protocol, the permission checks, the services and the encryption
cost over moving the bare rows.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url

from benchmarks.measure import Figure, best_of, table
from desktop.demo.generate import generate_demo
from desktop.models import Base
from desktop.server.run import BackgroundServer, server_config
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.storage import Database, open_database
from desktop.storage.server_database import open_server_database
from desktop.sync.accounts import set_password
from desktop.sync.checksum import laptop_sums, server_sums
from desktop.sync.client import HttpTransport
from desktop.sync.download import changes_since, snapshot
from desktop.sync.engine import sync_once
from desktop.sync.join import join
from desktop.sync.office import NOT_SEEDED, seed_from
from desktop.sync.registry import service_classes
from desktop.sync.scope import scope_of

PASSWORD = "bench password"
#: Tables a download reads: every record kind and the child rows inside their fields.
SYNCED_TABLES = [
    table.name
    for table in Base.metadata.sorted_tables
    if table.name not in NOT_SEEDED | {"audit_event", "comment_read"}
]
RECORD_TABLES = [service.model.__tablename__ for service in service_classes().values()]


def pg_admin() -> Any:
    url = make_url(os.environ.get("CLCP_BENCH_PG_URL") or "postgresql+psycopg:///postgres")
    params = {
        "dbname": url.database or "postgres",
        "user": url.username,
        "password": url.password,
        "host": url.host,
        "port": url.port,
    }
    return url, {key: value for key, value in params.items() if value is not None}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def raw_sqlite(path: Path, records: list[dict[str, Any]]) -> float:
    rows = [(r["id"], r["entity"], r["version"], json.dumps(r["fields"])) for r in records]
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE bench (id TEXT PRIMARY KEY, kind TEXT, v INT, f TEXT)")
    started = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO bench VALUES (?, ?, ?, ?)", rows)
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def raw_copy(params: dict[str, Any], records: list[dict[str, Any]]) -> float:
    with psycopg.connect(**params) as connection:
        connection.execute("CREATE TEMP TABLE bench (id TEXT, kind TEXT, v INT, f TEXT)")
        started = time.perf_counter()
        with connection.cursor().copy("COPY bench FROM STDIN") as copy:
            for r in records:
                copy.write_row((r["id"], r["entity"], r["version"], json.dumps(r["fields"])))
        connection.commit()
        return time.perf_counter() - started


def raw_updates(params: dict[str, Any], ids: list[uuid.UUID]) -> float:
    with psycopg.connect(**params) as connection:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE community SET notes = %s, version = version + 1 WHERE id = %s",
                [(f"raw {n}", record_id) for n, record_id in enumerate(ids)],
            )
        connection.commit()
        return time.perf_counter() - started


def seeded_office(folder: Path, count: int, url: str) -> Any:
    laptop = open_database(folder / "first.db")
    generate_demo(laptop, communities=count, seed=7, today=date(2026, 3, 15), actor=Actor("bench"))
    office = open_server_database(url)
    started = time.perf_counter()
    seed_from(office, laptop, "admin", PASSWORD)
    print(f"seed:  {time.perf_counter() - started:.1f} s from a demo of {count:,} communities")
    laptop.close()
    set_password(office, "manager", PASSWORD, Actor("admin", "admin"))
    return office


def raw_select(params: dict[str, Any]) -> float:
    """Every row of every synced table (records and their child rows), fetched bare."""
    with psycopg.connect(**params) as connection:
        started = time.perf_counter()
        for table in SYNCED_TABLES:
            connection.execute(f"SELECT * FROM {table}").fetchall()
        return time.perf_counter() - started


def raw_versions_pg(params: dict[str, Any]) -> float:
    """The id and version of every record, fetched bare (what a checksum reads)."""
    with psycopg.connect(**params) as connection:
        started = time.perf_counter()
        for table in RECORD_TABLES:
            connection.execute(f"SELECT id, version FROM {table}").fetchall()
        return time.perf_counter() - started


def raw_versions_sqlite(db: Database) -> float:
    with db.session() as session:
        started = time.perf_counter()
        for table in RECORD_TABLES:
            session.execute(text(f"SELECT id, version FROM {table}")).fetchall()
        return time.perf_counter() - started


def checksum_figures(
    office: Any, db: Database, actor: Actor, params: dict[str, Any]
) -> list[Figure]:
    """What comparing the checksums costs each side, against reading the ids and versions
    bare; with the records the laptop holds in the name."""

    def server() -> None:
        with snapshot(office) as session:
            server_sums(session, actor, scope_of(session, actor))

    def laptop() -> None:
        with db.session() as session:
            laptop_sums(session)

    with db.session() as session:
        held = sum(count for count, _sum in laptop_sums(session).values())
    office_s, laptop_s = best_of(3, server), best_of(3, laptop)
    print(f"sums:  office {office_s:.3f} s, laptop {laptop_s:.3f} s over {held:,} records")
    name = f"checksums, {held:,} records"
    return [
        Figure(
            "sync", f"{name}, office", office_s, raw_versions_pg(params), "raw SELECT id, version"
        ),
        Figure(
            "sync", f"{name}, laptop", laptop_s, raw_versions_sqlite(db), "raw SELECT id, version"
        ),
    ]


def measure_join(
    folder: Path, url: str, office: Any, params: dict[str, Any]
) -> tuple[Database, Actor, list[Figure]]:
    started = time.perf_counter()
    with HttpTransport(url) as transport:
        db, actor, _key, received = join(folder / "manager.db", transport, "manager", PASSWORD)
    joined = time.perf_counter() - started
    started = time.perf_counter()
    records = changes_since(office, actor, 0).records
    read = time.perf_counter() - started
    select_s = raw_select(params)
    sqlite_s = raw_sqlite(folder / "raw.db", records)
    copy_s = raw_copy(params, records)
    print(
        f"join:  {received.records:,} records in {joined:.2f} s; raw executemany "
        f"{sqlite_s:.3f} s (x{joined / sqlite_s:.0f}), COPY {copy_s:.3f} s "
        f"(x{joined / copy_s:.0f}); the office's read {read:.2f} s, raw SELECT {select_s:.3f} s"
    )
    name = f"first join, {received.records:,} records"
    figures = [
        Figure("sync", name, joined, sqlite_s, "raw executemany into SQLite"),
        Figure("sync", name, joined, copy_s, "PostgreSQL COPY"),
        Figure(
            "sync",
            f"office's read for a join, {received.records:,} records",
            read,
            select_s,
            "raw SELECT of the same tables",
        ),
    ]
    return db, actor, figures


def measure_edits(url: str, db: Database, actor: Actor, params: dict[str, Any]) -> Figure:
    services = Services(db, actor)
    edited = services.communities.list(limit=100).items
    for n, record in enumerate(edited):
        services.communities.update(record.id, replace(record.data, notes=f"edit {n}"))
    started = time.perf_counter()
    with HttpTransport(url) as transport:
        transport.sign_in("manager", PASSWORD, db.device_id)
        summary = sync_once(db, actor, transport)
    synced = time.perf_counter() - started
    raw = raw_updates(params, [record.id for record in edited])
    print(
        f"sync:  {summary.line()} in {synced:.2f} s; raw UPDATE executemany "
        f"{raw:.3f} s (x{synced / raw:.0f})"
    )
    return Figure("sync", "sync of 100 edits", synced, raw, "raw UPDATE executemany")


def measure(folder: Path, office: Any, db_params: dict[str, Any]) -> list[Figure]:
    port = free_port()
    server = BackgroundServer(server_config(office, "127.0.0.1", port))
    server.start()
    url = f"http://127.0.0.1:{port}"
    try:
        db, actor, figures = measure_join(folder, url, office, db_params)
        try:
            figures.append(measure_edits(url, db, actor, db_params))
            figures.extend(checksum_figures(office, db, actor, db_params))
        finally:
            db.close()
    finally:
        server.stop()
    return figures


def run(quick: bool = False, count: int | None = None) -> list[Figure]:
    count = count or (100 if quick else 1_000)
    url, admin = pg_admin()
    name = f"clcp_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    office_url = url.set(drivername="postgresql+psycopg", database=name)
    try:
        with tempfile.TemporaryDirectory() as folder:
            office = seeded_office(Path(folder), count, office_url.render_as_string(False))
            try:
                return measure(Path(folder), office, {**admin, "dbname": name})
            finally:
                office.close()
    finally:
        with psycopg.connect(**admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    print(table(run(count=int(sys.argv[1]) if len(sys.argv) > 1 else None)))
