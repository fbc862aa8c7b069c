"""Signing in through the real window, typed as a person types, under a window manager."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.real_window.conftest import PASSWORD, audit_actions
from tests.real_window.screen import Screen


def _open_app(screen: Screen, db_path: Path, tmp_path: Path) -> subprocess.Popen[bytes]:
    return screen.start(
        [sys.executable, "-m", "desktop", "--db", str(db_path)],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )


def test_typing_the_name_tab_the_password_and_enter_signs_in(
    screen: Screen, demo_db: Path, tmp_path: Path
) -> None:
    app = _open_app(screen, demo_db, tmp_path)
    sign_in = screen.wait_window("Sign in")
    screen.type("manager")
    screen.key("Tab")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(sign_in)
    screen.wait_window("CLCP Desktop", app=app)
    screen.screenshot("signed-in")
    assert app.poll() is None, screen.output(app)
    screen.key("ctrl+q")
    assert app.wait(timeout=30) == 0, screen.output(app)
    assert ("login", "manager") in audit_actions(demo_db)


def test_escape_in_the_sign_in_window_leaves_quietly(
    screen: Screen, demo_db: Path, tmp_path: Path
) -> None:
    app = _open_app(screen, demo_db, tmp_path)
    screen.wait_window("Sign in")
    screen.key("Escape")
    assert app.wait(timeout=30) == 0, screen.output(app)
    assert "Traceback" not in screen.output(app)
