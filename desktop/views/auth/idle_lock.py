"""Idle lock: after some minutes without keyboard or mouse, cover the window with a password
prompt. Whatever was open underneath (a half-filled form, its typing) stays as it was; the
cover only hides it and takes the input until the right password is given.

The time comes from the office setting ``idle_lock_minutes`` (default 10).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.framework.errors import ServiceError
from desktop.views.shell.context import AppContext

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class LockCover(QFrame):
    """The password prompt laid over the whole window while it is locked."""

    def __init__(self, window: QWidget, context: AppContext) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockCover { background: palette(window); }")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(self.tr("Locked"))
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who = QLabel(
            self.tr(
                "Locked after a time without use. Type the password of {user} to "
                "continue where you left off."
            ).format(user=context.actor.username)
        )
        who.setWordWrap(True)
        who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.setMinimumWidth(280)
        self.password.setMaximumWidth(320)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.setMaximumWidth(320)
        for widget in (title, who):
            layout.addWidget(widget)
        layout.addWidget(self.password, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        layout.addStretch(2)


class IdleLock(QObject):
    """Watches the application's input and locks ``window`` after ``minutes`` idle."""

    def __init__(self, window: QWidget, context: AppContext, minutes: int) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.cover: LockCover | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    @property
    def locked(self) -> bool:
        return self.cover is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.window and self.cover:
            self.cover.setGeometry(self.window.rect())
        if event.type() not in _ACTIVITY:
            return False
        if not self.locked:
            self.timer.start()
            return False
        # While locked, input meant for anything under the cover is swallowed.
        return (
            isinstance(watched, QWidget)
            and self.cover is not None
            and watched is not self.cover
            and not self.cover.isAncestorOf(watched)
            and (watched is self.window or self.window.isAncestorOf(watched))
        )

    def lock(self) -> None:
        """Cover the window now (the timer calls this; a menu entry may too)."""
        if self.locked:
            return
        self._remember_focus = QApplication.focusWidget()
        cover = LockCover(self.window, self.context)
        cover.setGeometry(self.window.rect())
        cover.unlock_button.clicked.connect(self._try_unlock)
        cover.password.returnPressed.connect(self._try_unlock)
        cover.show()
        cover.raise_()
        cover.password.setFocus()
        self.cover = cover
        self._record(lock=True)

    def _try_unlock(self) -> None:
        cover = self.cover
        if cover is None:
            return
        try:
            self.context.services.session.verify_password(cover.password.text())
        except ServiceError as error:
            cover.message.setText(str(error))
            cover.password.clear()
            return
        self.unlock()

    def unlock(self) -> None:
        if self.cover is None:
            return
        self.cover.hide()
        self.cover.deleteLater()
        self.cover = None
        self._record(lock=False)
        focus = getattr(self, "_remember_focus", None)
        if isinstance(focus, QWidget):
            focus.setFocus()
        self.timer.start()

    def _record(self, *, lock: bool) -> None:
        log = self.context.services.audit_log
        if lock:
            log.record_lock()
        else:
            log.record_unlock()


def install_idle_lock(
    window: QWidget, context: AppContext, minutes: int | None = None
) -> IdleLock | None:
    """Lock ``window`` after the office's idle time; None for a database without passwords."""
    if context.db.keyring is None:
        return None
    if minutes is None:
        minutes = context.services.settings.idle_lock_minutes()
    return IdleLock(window, context, minutes)
