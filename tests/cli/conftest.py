"""One demo database for the CLI tests, written once through the CLI; tests only read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import entry as cli
from tests.cli.cli_support import N


@pytest.fixture(autouse=True)
def signed_in_as_manager(monkeypatch: pytest.MonkeyPatch) -> None:
    """Demo databases are encrypted: commands sign in as the demo manager (sees everything)."""
    monkeypatch.setenv("CLCP_USER", "manager")
    monkeypatch.setenv("CLCP_PASSWORD", "demo")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database of N communities, written once through the CLI; tests only read it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert cli.main(["demo", "--db", str(path), "--communities", str(N), "--seed", "3"]) == 0
    return path
