"""In portable mode the window settings are an INI file beside the program.

Each case runs in a fresh Python process: Qt's settings format is process-wide and must be
chosen before the application object exists, as the app does at start.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import APP_AUTHOR, APP_NAME

WRITE_A_SETTING = """
import sys
sys.frozen = True
sys.executable = sys.argv[1]
from PySide6.QtCore import QSettings
from desktop import gui
app = gui.application([])
settings = QSettings()
settings.setValue("window/state", "remembered")
settings.sync()
print(settings.fileName())
"""


def settings_file_written(program: Path, home: Path) -> Path:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", WRITE_A_SETTING, str(program)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return Path(done.stdout.strip().splitlines()[-1])


def test_portable_settings_go_beside_the_program(tmp_path: Path) -> None:
    app_dir = tmp_path / "stick"
    app_dir.mkdir()
    (app_dir / "portable").write_text("", encoding="utf-8")
    written = settings_file_written(app_dir / "clcp.exe", tmp_path / "home")
    expected = app_dir / "data" / "settings" / APP_AUTHOR / f"{APP_NAME}.ini"
    assert written == expected
    assert "remembered" in expected.read_text(encoding="utf-8")
    assert not (tmp_path / "home").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_installed_settings_stay_in_the_users_config_folder(tmp_path: Path) -> None:
    app_dir = tmp_path / "programs"
    app_dir.mkdir()
    written = settings_file_written(app_dir / "clcp", tmp_path / "home")
    assert written.is_relative_to(tmp_path / "home")
    assert written.is_file()
    assert not (app_dir / "data").exists()
