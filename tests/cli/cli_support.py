"""Helpers shared by the CLI tests: run ``main`` in-process, check refusals, read results."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from desktop.cli import entry as cli
from desktop.services.framework.actor import SYSTEM
from desktop.services.queries.community_list import CommunityQuery, list_communities
from desktop.services.security.signin import sign_in
from desktop.storage import Database, open_database

N = 20
"""Communities in the shared demo database (small, for speed)."""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<none>"


def folder_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*"))}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_refused(status: int, err: str, *fragments: str) -> None:
    lines = err.splitlines()
    assert status == 2
    assert len(lines) == 1, err
    assert lines[0].startswith("clcp: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def open_demo(path: Path, password: str = "demo") -> Database:
    """Open a demo database made by ``clcp demo`` (encrypted) as its manager, or a plain one."""
    if Path(f"{path}.keys").exists():
        return sign_in(path, "manager", password, read_only=True).db
    return open_database(path, create=False)


def service_rows(path: Path, **filters: str) -> list[list[str]]:
    db = open_demo(path)
    try:
        rows = list_communities(db, CommunityQuery(limit=None, **filters), actor=SYSTEM).items  # type: ignore[arg-type]
    finally:
        db.close()
    return [
        [r.name, r.district, r.partnership_status, r.current_phase or "", r.facilitator or ""]
        for r in rows
    ]


def csv_rows(out: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["name", "district", "partnership_status", "current_phase", "facilitator"]
    return rows[1:]
