"""Changing one's own password (also asked for at the first sign-in after a reset)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

from desktop.services.security.passwords import MIN_PASSWORD
from desktop.views.auth.forms import (
    NewPasswordFields,
    ShowRefusal,
    lay_out_dialog,
    message_label,
    password_field,
)
from desktop.views.shell.context import AppContext


class ChangePasswordDialog(QDialog):
    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, required: bool = False
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Change your password"))
        intro = QLabel(
            self.tr("Your password was set by an administrator: choose your own now.")
            if required
            else self.tr("Choose a password of at least {n} characters that only you know.").format(
                n=MIN_PASSWORD
            )
        )
        intro.setWordWrap(True)
        self.current = password_field()
        self.new = NewPasswordFields()
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.current)
        form.addRow(self.tr("New password"), self.new)
        self.message = message_label()
        lay_out_dialog(self, intro, form, self.message, self.try_change)

    def try_change(self) -> None:
        if self.new.refused(self.message):
            return
        accounts = self.context.services.accounts
        refusal = ShowRefusal(self.message)
        with refusal:
            accounts.change_own_password(self.current.text(), self.new.value())
        if not refusal.refused:
            self.accept()
