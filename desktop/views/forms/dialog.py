"""A dialog around one :class:`Form`: Save and Cancel, and no way out that loses typing."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.views.forms.form import Form


class FormDialog(QDialog):
    """Shows ``form``; Save calls its ``submit`` and closes only when it succeeded.

    Cancel, Escape and the window's close button ask first when there are unsaved
    changes. ``exec()`` offers back a draft left by an earlier session before showing.
    """

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.setWindowTitle(form.title)
        self.setSizeGripEnabled(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form, 1)
        layout.addWidget(self.buttons)
        screen = self.screen().availableGeometry()
        wanted = form.content_height() + self.buttons.sizeHint().height() + 40
        self.resize(
            max(self.sizeHint().width(), 560), min(max(wanted, 300), screen.height() * 85 // 100)
        )

    def exec(self) -> int:
        self.form.offer_draft()
        return super().exec()

    def accept(self) -> None:
        if self.form.save():
            super().accept()

    def reject(self) -> None:
        if not self.form.dirty:
            self.form.discard_draft()
            super().reject()
            return
        if self.form.confirm_leave():
            # Saved or discarded: either way the dialog's work is done.
            self.form.discard_draft()
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.form.dirty and not self.form.confirm_leave():
            event.ignore()
            return
        self.form.discard_draft()
        super().closeEvent(event)
