"""The small dialogs asking the person's password for the office server before a sync.

The first asks the usual password (the laptop's, which the office shares). When the office
has another one for the person, a second asks for it once (``office=True``): the previous
password when it was changed on this laptop (the office then takes the new one), or the
office's when an administrator changed it there, with a box (ticked) to use it on this
laptop too. See ``desktop.sync.office_password``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QWidget

from desktop.views.auth.forms import lay_out_dialog, message_label, password_field


class ServerPasswordDialog(QDialog):
    """Your password, to sign in to ``server``. OK takes Enter (``make_default``), Escape
    cancels; an empty password is refused beside the field. ``changed_here`` (None for the
    usual question) says which second question this is."""

    def __init__(
        self,
        server: str,
        username: str,
        parent: QWidget | None = None,
        *,
        changed_here: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("server_password" if changed_here is None else "office_password")
        self.setWindowTitle(self.tr("Sync with the office server"))
        intro = QLabel(self._intro(server, username, changed_here))
        intro.setWordWrap(True)
        self.password = password_field()
        self.take = QCheckBox(self.tr("&Use this password on this laptop too"))
        self.take.setChecked(True)
        self.offers_take = changed_here is False
        self.take.setVisible(self.offers_take)
        form = QFormLayout()
        if changed_here is None:
            self.password.setAccessibleName(self.tr("Password for the office server"))
            form.addRow(self.tr("&Password"), self.password)
        elif changed_here:
            self.password.setAccessibleName(self.tr("Your previous password"))
            form.addRow(self.tr("&Previous password"), self.password)
        else:
            self.password.setAccessibleName(self.tr("Your password on the office server"))
            form.addRow(self.tr("Office pass&word"), self.password)
            form.addRow("", self.take)
        self.message = message_label()
        lay_out_dialog(self, intro, form, self.message, self._try_accept)
        self.password.setFocus()

    def _intro(self, server: str, username: str, changed_here: bool | None) -> str:
        if changed_here is None:
            return self.tr(
                "Type the password of {user} to sign in to the office server at {server}."
            ).format(user=username, server=server)
        if changed_here:
            return self.tr(
                "You changed your password on this laptop, and the office server still has "
                "your previous one. Type your previous password once: the office server "
                "then takes your new one."
            )
        return self.tr(
            "The office server did not take your password: it was changed there (by an "
            "administrator, or on another of your laptops). Type the password the office "
            "server has for you now."
        )

    def value(self) -> str:
        return self.password.text()

    def take_office_password(self) -> bool:
        """Whether the office's password should open this laptop too (second question)."""
        return self.offers_take and self.take.isChecked()

    def _try_accept(self) -> None:
        if not self.password.text():
            self.message.setText(self.tr("Type your password."))
            return
        self.accept()
