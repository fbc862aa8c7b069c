"""One person's window after another on the same database: File > Sign out and
File > Switch user end the signed-in session and show the sign-in dialog again.

Ending a session first asks about every form with unsaved changes (the usual question),
closes every open window, records the sign-out in the audit trail and closes the
database, so the records stay locked until someone signs in. Sign out keeps the user
name in the sign-in dialog (the same person often comes back); Switch user leaves it
empty for the next person. Cancelling the sign-in dialog ends the app (``ended``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from desktop.services.facade import Services
from desktop.services.security.signin import SignedIn
from desktop.views.auth.idle_lock import install_idle_lock
from desktop.views.auth.login_dialog import LoginDialog
from desktop.views.auth.password_dialog import ChangePasswordDialog
from desktop.views.forms import confirm_leave
from desktop.views.language import apply_language, language_for, remember_language
from desktop.views.shell.context import AppContext
from desktop.views.shell.main_window import MainWindow


class Session(QObject):
    """The signed-in window of the moment (``window``), and the sign-in dialog between two
    sessions (``login``). ``ended`` is emitted when nobody signs in again."""

    ended = Signal()

    def __init__(
        self,
        *,
        demo: bool = False,
        settings: QSettings | None = None,
        offer_drafts_at_start: bool = True,
    ) -> None:
        super().__init__()
        self.demo = demo
        self.settings = settings
        self.offer_drafts_at_start = offer_drafts_at_start
        self.window: MainWindow | None = None
        self.signed_in: SignedIn | None = None
        self.login: LoginDialog | None = None

    def begin(self, signed_in: SignedIn) -> MainWindow | None:
        """Open the window for a person just signed in (after the new password a reset
        asks for); None, with the database closed, if they would not choose one."""
        if signed_in.must_change_password:
            context = AppContext.create(signed_in.db, signed_in.actor, settings=self.settings)
            changed = ChangePasswordDialog(context, required=True).exec()
            if changed != QDialog.DialogCode.Accepted:
                signed_in.db.close()
                return None
        self.signed_in = signed_in
        self._apply_language(signed_in)
        window = MainWindow(
            signed_in.db,
            actor=signed_in.actor,
            demo=self.demo,
            settings=self.settings,
            offer_drafts_at_start=self.offer_drafts_at_start,
        )
        window.sign_out_requested.connect(self.end)
        install_idle_lock(window, window.context)
        self.window = window
        window.show()
        return window

    def _apply_language(self, signed_in: SignedIn) -> None:
        """The window opens in the person's language (see ``language_for``)."""
        settings = self.settings if self.settings is not None else QSettings()
        services = Services(signed_in.db, signed_in.actor)
        chosen = apply_language(language_for(services, settings, signed_in.actor.username))
        remember_language(settings, chosen)

    def end(self, switching: bool = False) -> bool:
        """Sign out (``switching``: so that another person signs in). False, with nothing
        changed, when the person keeps a form with unsaved changes open."""
        window, signed_in = self.window, self.signed_in
        if window is None or signed_in is None or signed_in.db.path is None:
            return False
        others = _open_windows(besides=window)
        if not all(confirm_leave(area) for area in [*others, window]):
            return False
        for other in others:
            other.close()
        services = window.context.services
        self.login = LoginDialog(signed_in.db.path, "" if switching else signed_in.actor.username)
        self.login.succeeded.connect(self._signed_in_again)
        self.login.rejected.connect(self._nobody)
        # The dialog is shown before the window closes, so the app never has no window.
        self.login.show()
        self.login.raise_()
        self.login.activateWindow()
        window.close()
        window.deleteLater()
        self.window, self.signed_in = None, None
        services.session.sign_out(switching=switching)
        return True

    def close(self, keep: object = None) -> None:
        """The app is ending: close the database of the session still open (unless it is
        ``keep``, a database the caller opened and closes itself)."""
        if self.signed_in is not None and self.signed_in.db is not keep:
            self.signed_in.db.close()
        self.signed_in = None

    def _signed_in_again(self) -> None:
        login, self.login = self.login, None
        if login is None or login.signed_in is None:
            self._nobody()
            return
        login.rejected.disconnect(self._nobody)
        login.deleteLater()
        if self.begin(login.signed_in) is None:
            self.ended.emit()

    def _nobody(self) -> None:
        if self.login is not None:
            self.login.deleteLater()
            self.login = None
        self.ended.emit()


def _open_windows(besides: QWidget) -> list[QWidget]:
    """Every other window shown now (a form opened beside the main window, say)."""
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget is not besides
        and widget.isVisible()
        and widget.isWindow()
        and not isinstance(widget, QMenu)
    ]
