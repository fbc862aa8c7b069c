"""Possible duplicates in the real window, worked from the keyboard under a window manager:
Mary's and Moses's laptops each added Okwang and synced with a real office server; Moses
signs in, opens File > Possible duplicates… (Alt+F, D), keeps Mary's record with Alt+F
and confirms with Enter. His laptop then holds one Okwang with both cycles, and three
changes wait to be sent."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import pytest

from desktop.services.facade import Services
from desktop.services.security.signin import sign_in
from desktop.services.security.users import UserData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.sync.accounts import set_password
from desktop.sync.client import HttpTransport
from desktop.sync.join import join
from desktop.sync.laptop_sync import LaptopSync
from tests.real_window.screen import Screen
from tests.views.sync.conftest import PASSWORD, Served, served

__all__ = ["served"]

pytestmark = pytest.mark.timeout(150)


def laptop_with_okwang(served: Served, path: Path, user: str) -> None:
    with HttpTransport(served.url) as transport:
        db, actor, _key, _received = join(path, transport, user, PASSWORD)
    try:
        s = Services(db, actor)
        made = s.communities.create(CommunityData(name="Okwang", district="Lira"))
        s.cycles.create(CycleData(community_id=made.id, start_on=date(2026, 3, 1)))
        LaptopSync(s).sync(LaptopSync(s).connect(PASSWORD))
    finally:
        db.close()


def test_a_possible_duplicate_is_merged_from_the_keyboard(
    screen: Screen, served: Served, tmp_path: Path
) -> None:
    served.office.services.users.create(UserData(username="moses", role="manager"))
    set_password(served.office.db, "moses", PASSWORD, served.office.admin)
    laptop_with_okwang(served, tmp_path / "mary.db", "mary")
    laptop = tmp_path / "moses.db"
    laptop_with_okwang(served, laptop, "moses")
    app = screen.start(
        [sys.executable, "-m", "desktop", "--db", str(laptop)],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    signing_in = screen.wait_window("Sign in", app=app)
    screen.type("moses")
    screen.key("Tab")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(signing_in)
    screen.wait_window("CLCP Desktop", app=app)
    time.sleep(1)  # let the window take the keyboard focus
    screen.key("alt+f", "d")
    deciding = screen.wait_window("Possible duplicates", app=app)
    time.sleep(0.5)
    screen.screenshot("duplicates")
    screen.key("alt+f")  # Keep the first (Mary's), merge the second into it
    asking = screen.wait_window("Merge", app=app)
    screen.screenshot("merge-question")
    screen.key("Return")
    screen.wait_gone(asking)
    time.sleep(1)
    screen.screenshot("merged")
    screen.key("Escape")
    screen.wait_gone(deciding)
    screen.key("ctrl+q")
    assert app.wait(timeout=30) == 0, screen.output(app)
    assert "Traceback" not in screen.output(app)
    signed = sign_in(laptop, "moses", PASSWORD)
    try:
        s = Services(signed.db, signed.actor)
        okwang = [c for c in s.communities.list().items if c.data.name == "Okwang"]
        assert len(okwang) == 1
        assert len(s.cycles.list(where={"community_id": okwang[0].id}).items) == 2
        assert s.duplicates.items() == []
        assert len(LaptopSync(s).waiting()) == 3
    finally:
        signed.db.close()
