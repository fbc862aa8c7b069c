"""Starting the graphical app: the QApplication, its names and icon, and the main window.

The only module outside ``desktop/views`` that imports PySide6; the CLI imports
it lazily, so headless commands never load Qt.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from desktop import APP_AUTHOR, APP_NAME, __version__
from desktop.portable import portable_settings_dir
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.security.signin import SignedIn
from desktop.startup_probe import EXIT_AFTER_START_ENV, STARTED_LINE
from desktop.storage import Database
from desktop.views.auth.login_dialog import LoginDialog
from desktop.views.auth.session import Session
from desktop.views.auth.setup_wizard import SetupWizard
from desktop.views.language import apply_language, language_before_sign_in
from desktop.views.shell.backup_command import start_daily_backup
from desktop.views.widgets.keyboard import install_keyboard_rules
from desktop.views.widgets.palette import apply_app_palette

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


def _use_portable_settings() -> None:
    """In portable mode, settings are an INI file beside the program (not the registry)."""
    folder = portable_settings_dir()
    if folder is not None:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


class _CloseAfterFirstWindow(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self._app.removeEventFilter(self)
            print(STARTED_LINE, flush=True)
            QTimer.singleShot(0, QApplication.closeAllWindows)
        return False


def close_after_first_window(app: QApplication) -> None:
    """Print ``STARTED_LINE`` once the first window is shown, then close every window."""
    app.installEventFilter(_CloseAfterFirstWindow(app))


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication, created once with the names QSettings files go under."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_AUTHOR)
    QApplication.setApplicationVersion(__version__)
    _use_portable_settings()
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    apply_app_palette(app)
    install_keyboard_rules(app)
    if os.environ.get(EXIT_AFTER_START_ENV) == "1":
        close_after_first_window(app)
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


def show_refusal(reason: str) -> None:
    """Say why the app cannot start, for a person who sees no command line output."""
    application()
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Startup", "{app} cannot start").format(app=APP_NAME),
        reason,
        QMessageBox.StandardButton.Close,
    )
    box.setObjectName("startup_refusal")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def run(db: Database, *, actor: Actor, demo: bool = False) -> int:
    """Show the main window on ``db`` and run the event loop; the exit status.

    The database is the caller's to close (it may be closed earlier, at a sign-out).
    """
    return _run_session(SignedIn(db, actor, actor.username), demo=demo, keep=db)


def _run_session(signed_in: SignedIn, *, demo: bool = False, keep: Database | None = None) -> int:
    """The signed-in window, then whoever signs in after a sign-out, until the window is
    closed or nobody signs in again. An encrypted database's window locks itself after
    the office's idle time."""
    app = application()
    # Ctrl+C in the terminal that started the app ends it (Qt's loop would swallow it).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    session = Session(demo=demo)
    session.ended.connect(app.quit)
    window = session.begin(signed_in)
    if window is None:
        return 0
    if not demo:
        start_daily_backup(Services(signed_in.db, signed_in.actor), window)
    try:
        return app.exec()
    finally:
        session.close(keep=keep)


def run_first_time(db_path: Path) -> int:
    """No database yet: the setup wizard makes it, then the window opens signed in."""
    application()
    apply_language(language_before_sign_in(QSettings()))
    wizard = SetupWizard(db_path)
    wizard.exec()
    signed_in = wizard.signed_in
    # Its forms go now, while the app they belong to is still running.
    wizard.deleteLater()
    if signed_in is None:  # cancelled before the database was made: nothing made
        return 0
    return _run_session(signed_in)


def run_sign_in(db_path: Path, *, username: str = "") -> int:
    """An encrypted database: sign in (and change a password an administrator reset)."""
    application()
    apply_language(language_before_sign_in(QSettings()))
    dialog = LoginDialog(db_path, username)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.signed_in is None:
        return 0  # the person chose not to sign in (Cancel, Escape): not a failure
    return _run_session(dialog.signed_in)
