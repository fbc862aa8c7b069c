"""Sync now in the real window, typed as a person types under a window manager: Mary
signs in to her laptop, presses Ctrl+Shift+S, types her password for the office server
and presses Enter; her edit reaches the server (PostgreSQL behind a real HTTP server),
and her laptop records that nothing is left waiting."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.services.facade import Services
from desktop.services.security.signin import sign_in
from desktop.sync.client import HttpTransport
from desktop.sync.join import join
from desktop.sync.laptop_sync import LaptopSync
from tests.real_window.screen import Screen
from tests.views.sync.conftest import PASSWORD, Served, served

__all__ = ["served"]

pytestmark = pytest.mark.timeout(150)


def _joined_laptop_with_an_edit(served: Served, path: Path) -> None:
    with HttpTransport(served.url) as transport:
        db, actor, _key, _received = join(path, transport, "mary", PASSWORD)
    try:
        s = Services(db, actor)
        current = s.communities.get(served.office.community_id)
        s.communities.update(current.id, replace(current.data, notes="typed in the field"))
    finally:
        db.close()


def _server_notes(served: Served) -> str:
    return served.office.services.communities.get(served.office.community_id).data.notes


def test_ctrl_shift_s_then_the_password_and_enter_syncs(
    screen: Screen, served: Served, tmp_path: Path
) -> None:
    laptop = tmp_path / "mary.db"
    _joined_laptop_with_an_edit(served, laptop)
    app = screen.start(
        [sys.executable, "-m", "desktop", "--db", str(laptop)],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    signing_in = screen.wait_window("Sign in", app=app)
    screen.type("mary")
    screen.key("Tab")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(signing_in)
    screen.wait_window("CLCP Desktop", app=app)
    time.sleep(1)  # let the window take the keyboard focus
    screen.key("ctrl+shift+s")
    asking = screen.wait_window("Sync with the office server", app=app)
    screen.screenshot("sync-password")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(asking)
    deadline = time.monotonic() + 60
    while _server_notes(served) != "typed in the field" and time.monotonic() < deadline:
        time.sleep(0.3)
    assert _server_notes(served) == "typed in the field", screen.output(app)
    time.sleep(1)
    screen.screenshot("synced")
    screen.key("ctrl+q")
    assert app.wait(timeout=30) == 0, screen.output(app)
    assert "Traceback" not in screen.output(app)
    signed = sign_in(laptop, "mary", PASSWORD)
    try:
        status = LaptopSync(Services(signed.db, signed.actor)).status()
    finally:
        signed.db.close()
    assert status.waiting == 0 and status.conflicts == 0
