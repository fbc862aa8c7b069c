"""The small dialog asking the person's password for the office server before a sync."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QWidget

from desktop.views.auth.forms import lay_out_dialog, message_label, password_field


class ServerPasswordDialog(QDialog):
    """Your password, to sign in to ``server``. OK takes Enter (``make_default``), Escape
    cancels; an empty password is refused beside the field."""

    def __init__(self, server: str, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("server_password")
        self.setWindowTitle(self.tr("Sync with the office server"))
        intro = QLabel(
            self.tr(
                "Type the password of {user} to sign in to the office server at {server}."
            ).format(user=username, server=server)
        )
        intro.setWordWrap(True)
        self.password = password_field()
        self.password.setAccessibleName(self.tr("Password for the office server"))
        form = QFormLayout()
        form.addRow(self.tr("&Password"), self.password)
        self.message = message_label()
        lay_out_dialog(self, intro, form, self.message, self._try_accept)
        self.password.setFocus()

    def value(self) -> str:
        return self.password.text()

    def _try_accept(self) -> None:
        if not self.password.text():
            self.message.setText(self.tr("Type your password."))
            return
        self.accept()
