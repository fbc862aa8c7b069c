"""A dialog around one :class:`Form`: Save and Cancel, and no way out that loses typing."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.views.forms.form import Form
from desktop.views.widgets.keyboard import available_size, install_keyboard_rules, keep_after

#: The width a form dialog opens at when the screen has room (fields grow to it).
PREFERRED_WIDTH = 560


class FormDialog(QDialog):
    """Shows ``form``; Save calls its ``submit`` and closes only when it succeeded.

    Cancel, Escape and the window's close button ask first when there are unsaved
    changes. ``exec()`` offers back a draft left by an earlier session before showing.
    The fields scroll and the buttons stay below them, so the dialog fits any screen.
    """

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_keyboard_rules()
        self.form = form
        self.setWindowTitle(form.title)
        self.setSizeGripEnabled(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._column = QVBoxLayout(self)
        self._column.addWidget(form, 1)
        self._column.addWidget(self.buttons)
        self._shown_once = False
        self.fit_to_fields()

    def fit_to_fields(self, *, grow_only: bool = False) -> None:
        """As tall as the fields need, as wide as they like, within the screen's free area
        (``grow_only``: never smaller than the dialog is now)."""
        room = available_size(self)
        margins = self._column.contentsMargins()
        chrome = self.buttons.sizeHint().height() + self._column.spacing() + margins.top()
        wanted_height = self.form.content_height() + chrome + margins.bottom()
        wanted_width = max(self.sizeHint().width(), PREFERRED_WIDTH)
        if grow_only:
            wanted_width = max(wanted_width, self.width())
            wanted_height = max(wanted_height, self.height())
        self.resize(min(wanted_width, room.width()), min(max(wanted_height, 300), room.height()))

    def showEvent(self, event: QShowEvent) -> None:
        """Fields added after the dialog was made (a subclass adds its own) still come
        before Save and Cancel in Tab order, and still get the room they need."""
        buttons = sorted(self.buttons.buttons(), key=lambda button: button.x())
        keep_after(self.form.last_tab_stop(), buttons)
        if not self._shown_once:
            self._shown_once = True
            self.fit_to_fields(grow_only=True)
        super().showEvent(event)

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
