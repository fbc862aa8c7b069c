"""Small pieces the sign-in, password, setup and accounts screens share."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.services.framework.errors import ServiceError, ValidationError
from desktop.storage import StorageError


def password_field(parent: QWidget | None = None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(240)
    return field


def message_label(parent: QWidget | None = None) -> QLabel:
    """A red line under a form for what went wrong (empty when all is well)."""
    label = QLabel(parent)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    return label


def make_default(dialog: QDialog, default: QPushButton) -> None:
    """Enter in any field of ``dialog`` presses ``default``, and never another button.

    A push button in a dialog is "auto-default" unless told otherwise: once it has had
    the focus (Tab through Cancel, say) it takes Enter over. And ``setDefault`` called
    before the button is inside the dialog is not recorded by the dialog. So: call this
    once every button is laid out in ``dialog``; it leaves ``default`` the only one.
    """
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(button is default)
        button.setDefault(button is default)


def lay_out_dialog(
    dialog: QDialog, intro: QLabel, form: QFormLayout, message: QLabel, on_ok: Callable[[], None]
) -> QDialogButtonBox:
    """A short dialog: what it is for, the fields, the message line, then OK and Cancel
    (OK runs ``on_ok``, which closes the dialog itself when it succeeds). Enter is OK,
    Escape is Cancel."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addLayout(form)
    layout.addWidget(message)
    layout.addWidget(buttons)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    make_default(dialog, ok)
    return buttons


def error_text(error: BaseException) -> str:
    """What went wrong, in one line for a person."""
    if isinstance(error, ValidationError):
        return " ".join(error.errors.values())
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


class ShowRefusal:
    """``with refusal:`` runs a service call; a refusal (bad input, no permission, a file
    that cannot be used) is shown in ``message`` instead of raised, and ``refused`` says so.
    """

    def __init__(self, message: QLabel) -> None:
        self.message = message
        self.refused = False

    def __enter__(self) -> ShowRefusal:
        self.refused = False
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> bool:
        if error is None or not isinstance(error, ServiceError | StorageError | OSError):
            return False
        self.refused = True
        self.message.setText(error_text(error))
        return True


class NewPasswordFields(QWidget):
    """A new password typed twice, one box under the other, so a typing slip is caught.

    Works as a field of a :class:`~desktop.views.forms.Form` (``value``, ``set_value``,
    ``changed`` and ``input_error``) and on its own in a dialog.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = password_field()
        self.first.setAccessibleName(self.tr("New password"))
        self.repeat = password_field()
        self.repeat.setPlaceholderText(self.tr("Type it again"))
        self.repeat.setAccessibleName(self.tr("New password again"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.first)
        layout.addWidget(self.repeat)
        self.setFocusProxy(self.first)
        self.first.textChanged.connect(lambda _text: self.changed.emit())
        self.repeat.textChanged.connect(lambda _text: self.changed.emit())

    def value(self) -> str:
        return self.first.text()

    def set_value(self, value: object) -> None:
        text = "" if value is None else str(value)
        self.first.setText(text)
        self.repeat.setText(text)

    def clear(self) -> None:
        self.set_value("")

    def input_error(self) -> str:
        """Why the two boxes cannot be used ("" when they agree)."""
        if self.first.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return ""

    def refused(self, message: QLabel) -> bool:
        """Show in ``message`` why the two boxes cannot be used; True if they cannot."""
        problem = self.input_error()
        if problem:
            message.setText(problem)
        return bool(problem)


class PasswordStepPage(QWizardPage):
    """A wizard page with a new password whose Next does one step that may be refused
    (making or encrypting the database): the step runs once, and a refusal is shown in
    ``message`` and keeps the page open. Subclasses set ``password`` and ``message``
    and fill in ``done`` and ``run_step``."""

    password: NewPasswordFields
    message: QLabel

    def done(self) -> bool:
        """Whether the step was done already (Back, then Next again)."""
        raise NotImplementedError

    def run_step(self) -> None:
        """Do the step; a refusal is raised as the services raise it."""
        raise NotImplementedError

    def validatePage(self) -> bool:
        if self.done():
            return True
        if self.password.refused(self.message):
            return False
        refusal = ShowRefusal(self.message)
        with refusal:
            self.run_step()
        return not refusal.refused
