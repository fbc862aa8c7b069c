"""Looking at a database after a kill: ``clcp check``, the seal, rows by name, row counts.

Every look but the seal's reads the file without writing to it; the seal's look signs in
as a person would (which commits a sign-in event) and then asks whether the key file's
seal is on the trail's last event, as it must be after any commit.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.crash.world import ADMIN, PASSWORD, Ran, clcp
from desktop.services.security.signin import sign_in
from desktop.storage import keyfile as kf
from desktop.storage.connect import open_readonly
from desktop.storage.seal import read_state


def check(path: Path, *, user: str = ADMIN, password: str = PASSWORD) -> Ran:
    return clcp("check", "--db", str(path), "--user", user, env={"CLCP_PASSWORD": password})


def seal_problem(path: Path, *, user: str = ADMIN, password: str = PASSWORD) -> str:
    """'' if, after a sign-in's commit, the key file seals the trail's last event and both
    files carry the same generation; else what is wrong."""
    db = sign_in(path, user, password).db
    try:
        with db.session() as session:
            state = read_state(session.connection())
    finally:
        db.close()
    data = kf.load(path)
    last = state.last.as_dict() if state.last is not None else None
    if data.get("seal") != last:
        return f"seal on {data.get('seal')} but the trail ends at {last}"
    if int(data.get("generation", -1)) != state.generation:
        return f"generation {data.get('generation')} in the key file, {state.generation} inside"
    return ""


def query(path: Path, key: bytes | None, sql: str) -> list[tuple[object, ...]]:
    """Rows of ``sql`` read from the file without writing to it."""
    connection = open_readonly(path, key)
    try:
        return [tuple(row) for row in connection.execute(sql).fetchall()]
    finally:
        connection.close()


def counts(path: Path, key: bytes | None) -> dict[str, int]:
    """Rows in every table."""
    tables = query(
        path, key, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
    )
    return {
        str(name): int(str(query(path, key, f'SELECT count(*) FROM "{name}"')[0][0]))
        for (name,) in tables
    }
