"""Fixtures for driving the app's real window (see ``screen.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import entry as cli
from desktop.models import AuditEvent
from desktop.services.security.signin import sign_in
from tests.real_window.screen import screen

__all__ = ["screen"]

PASSWORD = "demo"


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """A small encrypted demo database with one account per role (password "demo")."""
    path = tmp_path / "office.db"
    assert cli.main(["demo", "--db", str(path), "--communities", "4"]) == 0
    return path


def audit_actions(db_path: Path, username: str = "manager") -> list[tuple[str, str]]:
    """(action, username) of every audit event, oldest first, read after the app closed."""
    signed_in = sign_in(db_path, username, PASSWORD)
    try:
        with signed_in.db.sessions.begin() as session:
            rows = session.execute(
                select(AuditEvent.action, AuditEvent.username).order_by(AuditEvent.seq)
            ).all()
        return [(str(action), str(user)) for action, user in rows]
    finally:
        signed_in.db.close()
