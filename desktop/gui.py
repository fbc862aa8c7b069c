"""Starting the graphical app: the QApplication, its names and icon, and the main window.

The only module outside ``desktop/views`` that imports PySide6; the CLI imports
it lazily, so headless commands never load Qt.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import APP_AUTHOR, APP_NAME, __version__
from desktop.services.actor import Actor
from desktop.storage import Database
from desktop.views.main_window import MainWindow

# A source checkout has resources/ beside the package; an installed wheel carries them inside it.
_PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = next(
    (
        folder
        for folder in (_PACKAGE_DIR.parent / "resources", _PACKAGE_DIR / "resources")
        if folder.is_dir()
    ),
    _PACKAGE_DIR.parent / "resources",
)
ICON_FILE = RESOURCES_DIR / "clcp.svg"


def app_icon() -> QIcon | None:
    """The window icon from ``resources/``, or None when running without the resources."""
    if not ICON_FILE.is_file():
        return None
    icon = QIcon(str(ICON_FILE))
    return None if icon.isNull() else icon


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication, created once with the names QSettings files go under."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_AUTHOR)
    QApplication.setApplicationVersion(__version__)
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


def run(db: Database, *, actor: Actor, demo: bool = False) -> int:
    """Show the main window on ``db`` and run the event loop; the exit status."""
    app = application()
    # Ctrl+C in the terminal that started the app ends it (Qt's loop would swallow it).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    window = MainWindow(db, actor=actor, demo=demo)
    window.show()
    return app.exec()
