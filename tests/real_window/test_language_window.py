"""The window opens in the language of the person who signs in, and a language given
when the app is started comes first: driven as a person drives it, under a window manager."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.real_window.conftest import PASSWORD
from tests.real_window.screen import Screen


def _sign_in(
    screen: Screen, db_path: Path, tmp_path: Path, *extra: str, **env: str
) -> subprocess.Popen[bytes]:
    app = screen.start(
        [sys.executable, "-m", "desktop", "--db", str(db_path), *extra],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        **env,
    )
    sign_in = screen.wait_window("Sign in")
    screen.type("manager")
    screen.key("Tab")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(sign_in)
    screen.wait_window("CLCP Desktop", app=app)
    return app


def test_the_window_opens_in_the_account_language_unless_the_start_says_otherwise(
    screen: Screen, demo_db: Path, tmp_path: Path
) -> None:
    # the demo manager's account is in French; nothing set when the app starts
    app = _sign_in(screen, demo_db, tmp_path, CLCP_LANG="")
    screen.key("F1")
    screen.wait_window("Raccourcis clavier", app=app)
    screen.screenshot("shortcuts-in-french")
    screen.key("Escape")
    screen.key("ctrl+q")
    assert app.wait(timeout=30) == 0, screen.output(app)
    # the next sign-in on this computer is asked in the language the last window had
    app = screen.start(
        [sys.executable, "-m", "desktop", "--db", str(demo_db)],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        CLCP_LANG="",
    )
    screen.wait_window("Connexion")
    screen.key("Escape")
    assert app.wait(timeout=30) == 0, screen.output(app)
    # --lang wins over the account's language
    app = _sign_in(screen, demo_db, tmp_path, "--lang", "en", CLCP_LANG="")
    screen.key("F1")
    screen.wait_window("Keyboard shortcuts", app=app)
    screen.key("Escape")
    screen.key("ctrl+q")
    assert app.wait(timeout=30) == 0, screen.output(app)
