"""File > Back up… in the real window, and the daily backup the window starts."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from desktop.storage import archive as arc
from desktop.storage.backup import backup_dir_for
from tests.real_window.conftest import PASSWORD
from tests.real_window.screen import Screen


def _archives(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{arc.SUFFIX}")) if folder.is_dir() else []


def _wait_for(folder: Path, count: int, app: subprocess.Popen[bytes], screen: Screen) -> None:
    deadline = time.monotonic() + 60
    while len(_archives(folder)) < count:
        assert app.poll() is None, screen.output(app)
        assert time.monotonic() < deadline, f"no backup in {folder}: {screen.output(app)}"
        time.sleep(0.2)


def test_back_up_from_the_file_menu_writes_a_checked_archive(
    screen: Screen, demo_db: Path, tmp_path: Path
) -> None:
    app = screen.start(
        [sys.executable, "-m", "desktop", "--db", str(demo_db)],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    sign_in = screen.wait_window("Sign in")
    screen.type("manager")
    screen.key("Tab")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(sign_in)
    screen.wait_window("CLCP Desktop", app=app)
    backups = backup_dir_for(demo_db)
    _wait_for(backups, 1, app, screen)  # the daily backup, made in the background
    assert "-auto-" in _archives(backups)[0].name
    screen.key("alt+f")
    screen.screenshot("backup-file-menu")
    screen.key("b")
    screen.wait_window("folder", app=app)  # the folder chooser opens on backups/
    screen.screenshot("backup-folder-chooser")
    screen.key("Return")
    screen.wait_window("Back up", app=app)
    screen.screenshot("backup-written")
    _wait_for(backups, 2, app, screen)
    screen.key("Return")
    screen.key("ctrl+q")
    assert app.wait(timeout=60) == 0, screen.output(app)
    assert "Traceback" not in screen.output(app)
    for made in _archives(backups):
        arc.read_archive(made)  # each member matches its checksum
