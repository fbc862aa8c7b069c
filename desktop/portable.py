"""Portable mode: a file named ``portable`` beside the program keeps all its data beside it.

Made for running from a USB stick or a shared folder: the database, its backups and the
window settings then live in a ``data`` folder next to the program instead of the person's
user folders, and nothing is written elsewhere. "Beside the program" means beside the
executable in a packaged build, and in the folder holding the ``desktop`` package (the
project checkout) when run from source.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Windows hides known extensions, so a marker made with Notepad is often "portable.txt".
MARKER_NAMES = ("portable", "portable.txt")
DATA_FOLDER_NAME = "data"
SETTINGS_FOLDER_NAME = "settings"


def is_frozen() -> bool:
    """True in a packaged build (the interpreter is bundled with the program)."""
    return bool(getattr(sys, "frozen", False))


def program_dir() -> Path:
    """The folder the program runs from: where a ``portable`` marker is looked for."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def portable_data_dir_in(folder: Path) -> Path | None:
    """``folder/data`` if ``folder`` holds a portable marker file, else None."""
    if any((folder / name).is_file() for name in MARKER_NAMES):
        return folder / DATA_FOLDER_NAME
    return None


def portable_data_dir() -> Path | None:
    """Where all data goes in portable mode; None when the program is installed normally."""
    return portable_data_dir_in(program_dir())


def portable_settings_dir() -> Path | None:
    """The folder for settings files (INI format) in portable mode; None otherwise.

    The GUI points Qt's user-scope INI path here, so the settings file ends up as
    ``data/settings/<organisation>/<application>.ini`` beside the program.
    """
    data = portable_data_dir()
    return None if data is None else data / SETTINGS_FOLDER_NAME
