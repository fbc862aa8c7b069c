"""An office's first day in the real window, typed as a person types under a window manager.

On an empty data folder the app opens the setup wizard: the office, the first
administrator, the recovery key, one facilitator and one community, each typed and
confirmed with Enter. The main window opens and Ctrl+Q leaves. What the wizard made is
then read through the services; and the facilitator signs in the next morning, choosing
his own password because the administrator gave him the first one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import AuditEvent
from desktop.services.facade import Services
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.security.passwords import AccountService
from desktop.services.security.signin import sign_in
from desktop.storage import Database
from tests.real_window.screen import Screen

OFFICE = "Lira field office"
ADMIN, ADMIN_PASSWORD = "amina", "amina password 1"
FACILITATOR, FIRST_PASSWORD, OWN_PASSWORD = "okello", "first pass 1", "okello own pass 1"
COMMUNITY = "Kereve"

pytestmark = pytest.mark.timeout(90)


def _open_app(screen: Screen, tmp_path: Path) -> subprocess.Popen[bytes]:
    """``python -m desktop`` on the data folder of this test only."""
    return screen.start(
        [sys.executable, "-m", "desktop"],
        CLCP_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )


def _fields(screen: Screen, *values: str) -> None:
    """Type each value into the focused field and Tab to the next (the last one stays)."""
    for n, value in enumerate(values):
        if n:
            screen.key("Tab")
        screen.type(value)


def _set_up_the_office(screen: Screen, app: subprocess.Popen[bytes]) -> None:
    wizard = screen.wait_window("Set up CLCP Desktop", app=app)
    _fields(screen, OFFICE)
    screen.key("Return")  # Next: the administrator
    _fields(screen, ADMIN, "Amina Akello", ADMIN_PASSWORD, ADMIN_PASSWORD)
    screen.key("Return")  # Create the database: the recovery key is shown
    screen.screenshot("recovery-key")
    screen.key("Return")  # Next: the staff
    _fields(screen, FACILITATOR, "Okello Otim")
    screen.key("Tab")  # the role is Facilitator already
    screen.key("Tab")
    _fields(screen, FIRST_PASSWORD, FIRST_PASSWORD)
    screen.screenshot("staff")
    screen.key("Return")  # Add and next: the communities
    _fields(screen, COMMUNITY)
    screen.screenshot("communities")
    screen.key("Return")  # Add and finish
    screen.wait_gone(wizard)


def _db_path(tmp_path: Path) -> Path:
    [made] = [p for p in (tmp_path / "data").rglob("*.db")]
    return made


def _trail(db: Database) -> list[tuple[str, str, str]]:
    """(action, kind of record, who) of every audit event, oldest first."""
    with db.sessions.begin() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.entity_type, AuditEvent.username).order_by(
                AuditEvent.seq
            )
        ).all()
    return [(str(a), str(e), str(u)) for a, e, u in rows]


def test_the_first_day_typed_through_the_real_windows(screen: Screen, tmp_path: Path) -> None:
    app = _open_app(screen, tmp_path)
    _set_up_the_office(screen, app)
    main = screen.wait_window("CLCP Desktop", app=app)
    screen.screenshot("main-window")
    assert app.poll() is None, screen.output(app)
    screen.key("ctrl+q")
    assert app.wait(timeout=30) == 0, screen.output(app)
    screen.wait_gone(main)
    assert "Traceback" not in screen.output(app), screen.output(app)

    db_path = _db_path(tmp_path)
    admin = sign_in(db_path, ADMIN, ADMIN_PASSWORD)
    try:
        services = Services(admin.db, admin.actor)
        assert services.settings.office_name() == OFFICE
        accounts = AccountService(admin.db, admin.actor).accounts()
        facilitators = [a for a in accounts if a.role == "facilitator"]
        assert [(a.username, a.display_name) for a in facilitators] == [
            (FACILITATOR, "Okello Otim")
        ]
        communities = services.list_communities(CommunityQuery()).items
        assert [c.name for c in communities] == [COMMUNITY]
        assert _trail(admin.db) == [
            ("create", "office_setting", "system"),  # the office name, as the file is made
            ("create", "user", "system"),  # the first administrator
            ("office.created", "database", ADMIN),
            ("login", "session", ADMIN),  # the wizard's own session
            ("create", "user", ADMIN),  # the facilitator
            ("create", "community", ADMIN),
            ("create", "community_assignment", ADMIN),  # Okello, its facilitator
            ("login", "session", ADMIN),  # this test reading the file
        ]
    finally:
        admin.db.close()

    # The next morning: Okello signs in and must choose his own password first.
    app = _open_app(screen, tmp_path)
    sign_in_window = screen.wait_window("Sign in", app=app)
    _fields(screen, FACILITATOR, FIRST_PASSWORD)
    screen.key("Return")
    screen.wait_gone(sign_in_window)
    change = screen.wait_window("Change your password", app=app)
    _fields(screen, FIRST_PASSWORD, OWN_PASSWORD, OWN_PASSWORD)
    screen.key("Return")
    screen.wait_gone(change)
    screen.wait_window("CLCP Desktop", app=app)
    screen.screenshot("facilitator")
    assert app.poll() is None, screen.output(app)
    assert screen.active_title().startswith("CLCP Desktop")
    screen.key("ctrl+q")
    assert app.wait(timeout=30) == 0, screen.output(app)
    assert "Traceback" not in screen.output(app), screen.output(app)
    okello = sign_in(db_path, FACILITATOR, OWN_PASSWORD)
    try:
        assert not okello.must_change_password
        his = Services(okello.db, okello.actor).list_communities(CommunityQuery()).items
        assert [c.name for c in his] == [COMMUNITY]  # assigned to him in the wizard
        assert _trail(okello.db)[8:10] == [
            ("login", "session", FACILITATOR),
            ("password.changed", "user", FACILITATOR),
        ]
    finally:
        okello.db.close()
