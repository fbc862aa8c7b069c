"""A small demo database (5 communities) shared by the exchange tests; tests only read it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.demo.generate import generate_demo
from desktop.services.framework.actor import Actor
from desktop.storage import open_database

TODAY = date(2026, 6, 1)
NEW_PASSWORD = "a new office's password"


@pytest.fixture(autouse=True)
def new_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """The administrator's password for a database an import makes."""
    monkeypatch.setenv("CLCP_NEW_PASSWORD", NEW_PASSWORD)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exchange") / "demo.db"
    db = open_database(path)
    try:
        generate_demo(db, communities=5, seed=3, today=TODAY, actor=Actor("trainer"))
    finally:
        db.close()
    return path


@pytest.fixture(scope="session")
def full_export(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full export of the demo, made once through the command line as its manager."""
    from desktop.cli import entry as cli

    out = tmp_path_factory.mktemp("export") / "office.xlsx"
    assert cli.main(["export", "--db", str(demo_path), "--user", "manager", "--out", str(out)]) == 0
    return out
