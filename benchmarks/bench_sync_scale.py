"""The office at scale: many laptops syncing with one server holding many communities.

Run on purpose, with a PostgreSQL server: ``uv run python -m benchmarks.bench_sync_scale
[N] [DEVICES]`` (N demo communities, default 10,000; DEVICES laptops, default 50). It
seeds a new office database from a demo data set, starts the real server (uvicorn on a
free loopback port), gives DEVICES facilitators two communities each and joins a laptop
for each one through HTTP (every laptop registered with the office, as a real join does).
Then every laptop makes 10 edits and syncs: one after the other, then several at once
(threads, as laptops arriving together). Each figure is set against a raw ``executemany``
``UPDATE`` of the same number of rows on the server, in the same run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import func, select

from benchmarks.bench_sync import PASSWORD, free_port, pg_admin, raw_updates, seeded_office
from benchmarks.measure import Figure, table
from desktop.models import Community, CommunityAssignment
from desktop.server.run import BackgroundServer, server_config
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.security.users import AssignmentData, UserData
from desktop.storage import Database
from desktop.sync.accounts import set_password
from desktop.sync.client import HttpTransport
from desktop.sync.engine import sync_once
from desktop.sync.join import join

EDITS = 10
AT_ONCE = 4


@dataclass
class Device:
    username: str
    db: Database
    actor: Actor
    communities: list[uuid.UUID]


def facilitators(office: Any, devices: int) -> list[tuple[str, list[uuid.UUID]]]:
    """``devices`` new facilitators, two communities each (ones nobody else is assigned
    to while there are enough)."""
    admin = Actor("admin", "admin")
    services = Services(office, admin)
    with office.session() as session:
        taken = select(CommunityAssignment.community_id)
        ordered = select(Community.id).order_by(Community.id)
        free = list(session.scalars(ordered.where(Community.id.not_in(taken))))
        if len(free) < 2 * devices:
            free = list(session.scalars(ordered))
    made = []
    for n in range(devices):
        name = f"scale{n:02d}"
        user = services.users.create(UserData(username=name, role="facilitator"))
        mine = [free[(2 * n) % len(free)], free[(2 * n + 1) % len(free)]]
        for community_id in mine:
            services.assignments.create(
                AssignmentData(community_id=community_id, user_id=user.id, role="facilitator")
            )
        set_password(office, name, PASSWORD, admin)
        made.append((name, mine))
    return made


def join_all(
    folder: Path, url: str, people: list[tuple[str, list[uuid.UUID]]]
) -> tuple[list[Device], list[float]]:
    """Join a laptop for each person; the laptops and the seconds each join took."""
    devices, timings = [], []
    for name, communities in people:
        started = time.perf_counter()
        with HttpTransport(url) as transport:
            db, actor, _key, _received = join(folder / f"{name}.db", transport, name, PASSWORD)
        timings.append(time.perf_counter() - started)
        devices.append(Device(name, db, actor, communities))
    return devices, timings


def edit(device: Device, round_no: int) -> list[uuid.UUID]:
    """Ten edits on the device's communities (notes and locality, alternately)."""
    services = Services(device.db, device.actor)
    touched = []
    for n in range(EDITS):
        community_id = device.communities[n % len(device.communities)]
        current = services.communities.get(community_id).data
        value = f"{device.username} {round_no}.{n}"
        changed = replace(current, notes=value) if n % 2 else replace(current, locality=value)
        services.communities.update(community_id, changed)
        touched.append(community_id)
    return touched


def sync(url: str, device: Device) -> float:
    started = time.perf_counter()
    with HttpTransport(url) as transport:
        transport.sign_in(device.username, PASSWORD, device.db.device_id)
        summary = sync_once(device.db, device.actor, transport)
    assert summary.sent == EDITS and summary.refused == 0 and not summary.still_differing
    return time.perf_counter() - started


def sync_round(
    url: str, devices: list[Device], at_once: int, round_no: int
) -> tuple[list[float], float, list[uuid.UUID]]:
    """Every device edits, then they sync (``at_once`` at a time); per-sync seconds, the
    wall-clock time of the round, and the records touched."""
    touched = [record for device in devices for record in edit(device, round_no)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        timings = list(pool.map(lambda device: sync(url, device), devices))
    return timings, time.perf_counter() - started, touched


def describe(label: str, timings: list[float], wall: float) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"{label}: {len(timings)} syncs of {EDITS} edits in {wall:.1f} s; each: median "
        f"{statistics.median(timings):.2f} s, 95th percentile {p95:.2f} s, max {max(timings):.2f} s"
    )


def measure(folder: Path, office: Any, params: dict[str, Any], count: int) -> list[Figure]:
    people = facilitators(office, count)
    port = free_port()
    server = BackgroundServer(server_config(office, "127.0.0.1", port))
    server.start()
    url = f"http://127.0.0.1:{port}"
    devices: list[Device] = []
    try:
        devices, joins = join_all(folder, url, people)
        median, longest = statistics.median(joins), max(joins)
        print(f"joins: {count} laptops, median {median:.2f} s, max {longest:.2f} s")
        one, one_wall, touched = sync_round(url, devices, 1, 1)
        print(describe("one at a time", one, one_wall))
        many, many_wall, _touched = sync_round(url, devices, AT_ONCE, 2)
        print(describe(f"{AT_ONCE} at once", many, many_wall))
    finally:
        server.stop()
        for device in devices:
            device.db.close()
    raw_one, raw_all = raw_updates(params, touched[:EDITS]), raw_updates(params, touched)
    with office.session() as session:
        communities = session.scalar(select(func.count()).select_from(Community)) or 0
    where = f"{communities:,} communities, {count} laptops"
    return [
        Figure(
            "sync_scale",
            f"one laptop's sync of {EDITS} edits ({where})",
            statistics.median(one),
            raw_one,
            f"raw UPDATE of {EDITS} rows",
        ),
        Figure(
            "sync_scale",
            f"every laptop syncing, {AT_ONCE} at once ({where})",
            many_wall,
            raw_all,
            f"raw UPDATE of {len(touched)} rows",
        ),
    ]


def run(quick: bool = False, count: int | None = None, devices: int | None = None) -> list[Figure]:
    count = count or (200 if quick else 10_000)
    devices = min(devices or (10 if quick else 50), count // 2)
    url, admin = pg_admin()
    name = f"clcp_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    office_url = url.set(drivername="postgresql+psycopg", database=name)
    try:
        with tempfile.TemporaryDirectory() as folder:
            office = seeded_office(Path(folder), count, office_url.render_as_string(False))
            try:
                return measure(Path(folder), office, {**admin, "dbname": name}, devices)
            finally:
                office.close()
    finally:
        with psycopg.connect(**admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else None
    laptops = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(table(run(count=size, devices=laptops)))
