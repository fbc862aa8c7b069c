"""Part 5 of the bench: a laptop killed while it joins the office and while it syncs.

The office is a new PostgreSQL database (on the server of ``CLCP_BENCH_PG_URL``, by
default the local one; the part is skipped when none answers), seeded from the demo and
served by ``clcp server run`` in a process of its own. ``clcp join`` is killed until it
completes (a retry must never be refused for what a killed join left, and a laptop file in
place must be whole). Then, round after round, the laptop records a community and the
office another, and ``clcp sync`` is killed half-way; after each kill ``clcp check`` must
be ok, every community recorded on the laptop must be there and the seal on the trail's
end. A last, whole sync must leave each side holding all of the other's communities.
"""

from __future__ import annotations

import contextlib
import random
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg

from benchmarks.bench_sync import free_port, pg_admin
from benchmarks.crash.base import Base
from benchmarks.crash.creations import Creation, same_counts
from benchmarks.crash.kills import SPAN_FACTOR, last_line, run_rounds
from benchmarks.crash.looks import check, counts, query, seal_problem
from benchmarks.crash.tally import Row
from benchmarks.crash.world import (
    ADMIN,
    PASSWORD,
    Ended,
    clcp,
    cli_work,
    copy_database,
    master_key,
    timed,
)
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.security.signin import sign_in
from desktop.services.usecases.communities import CommunityData
from desktop.storage.server_database import open_server_database

LAPTOP_USER = "manager"
SERVE = [sys.executable, "-m", "desktop.cli.entry", "server", "run"]


@contextlib.contextmanager
def office_database() -> Iterator[str | None]:
    """A new PostgreSQL database's URL (None if no server answers), dropped afterwards."""
    url, admin = pg_admin()
    name = f"clcp_crash_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(**admin, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        yield None
        return
    try:
        yield url.set(drivername="postgresql+psycopg", database=name).render_as_string(False)
    finally:
        with psycopg.connect(**admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def serving(url: str, log: Path) -> Iterator[str]:
    """``clcp server run`` on a free port, in its own process; its address."""
    port = free_port()
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [*SERVE, "--db", url, "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the office server did not start: {log.read_text()}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def seed_office(url: str, base: Base, folder: Path) -> None:
    """The office seeded from a copy of the demo (seeding signs in, which writes)."""
    source = copy_database(base.office, folder / "seed" / "office.db")
    made = clcp("server", "init", "--db", url, "--from", str(source), "--user", ADMIN)
    assert made.status == 0, made.err
    done = clcp("server", "password", "--db", url, "--user", LAPTOP_USER,
                env={"CLCP_NEW_PASSWORD": PASSWORD})  # fmt: skip
    assert done.status == 0, done.err


def office_names(url: str) -> set[str]:
    db = open_server_database(url, create=False)
    try:
        with db.session() as session:
            rows = session.connection().exec_driver_sql("SELECT name FROM community")
            return {str(row[0]) for row in rows}
    finally:
        db.close()


def add_on_office(url: str, name: str) -> None:
    db = open_server_database(url, create=False)
    try:
        Services(db, Actor(LAPTOP_USER, "manager")).communities.create(CommunityData(name=name))
    finally:
        db.close()


def add_on_laptop(path: Path, name: str) -> None:
    signed_in = sign_in(path, LAPTOP_USER, PASSWORD)
    try:
        Services(signed_in.db, signed_in.actor).communities.create(CommunityData(name=name))
    finally:
        signed_in.db.close()


def laptop_names(path: Path) -> set[str]:
    return {
        str(row[0])
        for row in query(path, master_key(path, LAPTOP_USER), "SELECT name FROM community")
    }


class Syncing:
    """A joined laptop: each round a community on each side, then ``clcp sync`` killed."""

    def __init__(self, path: Path, url: str) -> None:
        self.path, self.url = path, url
        self.argv = ["sync", "--db", str(path), "--user", LAPTOP_USER]
        self.span = 1.0
        self.number = 0
        self.on_laptop: list[str] = []
        self.on_office: list[str] = []

    def begin(self) -> None:
        ended, seconds = timed(cli_work(*self.argv), self.path.parent / "c.log")
        assert ended.status == 0, ended.log
        self.span = seconds * SPAN_FACTOR

    def works(self) -> list[Callable[[], int]]:
        self.number += 1
        self.on_laptop.append(f"Laptop {self.number:04d}")
        add_on_laptop(self.path, self.on_laptop[-1])
        self.on_office.append(f"Office {self.number:04d}")
        add_on_office(self.url, self.on_office[-1])
        return [cli_work(*self.argv)]

    def after(self, ended: list[Ended], row: Row) -> None:
        (end,) = ended
        if not end.killed and end.status != 0:
            row.problem("stuck", f"ended with {end.status}: {last_line(end.log)}")
        done = check(self.path, user=LAPTOP_USER)
        if done.status != 0:
            row.problem("corrupt", done.line())
            return
        missing = set(self.on_laptop) - laptop_names(self.path)
        if missing:
            row.problem("lost", f"{len(missing)} communities recorded on the laptop")
        row.counts["acknowledged"] = len(self.on_laptop) + len(self.on_office)
        stalled = seal_problem(self.path, user=LAPTOP_USER)
        if stalled:
            row.problem("stalled", stalled)

    def end(self, row: Row) -> None:
        """A whole sync: each side then holds every community of the other."""
        done = clcp(*self.argv)
        if done.status != 0:
            row.problem("stuck", f"the last sync: {done.line()}")
            return
        if not set(self.on_laptop) <= office_names(self.url):
            row.problem("lost", "communities recorded on the laptop never reached the office")
        if not set(self.on_office) <= laptop_names(self.path):
            row.problem("lost", "communities recorded at the office never reached the laptop")


def run(base: Base, folder: Path, rounds: int, randomly: random.Random) -> list[Row]:
    folder.mkdir(parents=True)
    with office_database() as url:
        if url is None:
            print("  no PostgreSQL server answers: part skipped", flush=True)
            return [Row("sync", "skipped (no PostgreSQL)")]
        seed_office(url, base, folder)
        with serving(url, folder / "server.log") as address:
            laptop = folder / "laptop" / "laptop.db"
            laptop.parent.mkdir()
            join = ["join", "--server", address, "--db", str(laptop), "--user", LAPTOP_USER]

            def reference() -> Callable[[Path], str]:
                key = master_key(laptop, LAPTOP_USER)
                return same_counts(counts(laptop, key), LAPTOP_USER)

            joins = max(2, rounds // 2)  # a join is slow: each applies the whole office
            print(f"  kill -9 during join: {joins} rounds", flush=True)
            joining = run_rounds(
                Row("sync", "join"),
                Creation(laptop, join, reference, user=LAPTOP_USER),
                joins,
                randomly,
                folder,
            )
            clcp(*join)
            print(f"  kill -9 during sync: {rounds} rounds", flush=True)
            syncing = run_rounds(
                Row("sync", "sync"), Syncing(laptop, url), rounds, randomly, folder
            )
    return [joining, syncing]
