"""The one rule for what a person types into a short input (a date, a number):
it is kept exactly as typed, or refused with a message beside the field; never changed.

Qt's own inputs break that rule in quiet ways: a validator drops the letter typed into
a number box, a date edit clamps a year it finds too late to the one it allows. The
inputs of the forms therefore take every keystroke (:class:`KeepEverything`), mark a
field whose text cannot be read as soon as that is certain (:class:`ProblemMark`: a
warning sign inside the field, its message as the tooltip), and give the message to the
form through ``input_error()``; the form shows it beside the field and does not save.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QValidator
from PySide6.QtWidgets import QLineEdit, QStyle


class KeepEverything(QValidator):
    """Lets every keystroke in, so nothing typed is lost; text that cannot be read is
    "intermediate", so the line edit does not announce it as finished (no
    ``editingFinished`` or ``returnPressed``) and code listening to those never acts on it.
    ``problem`` says what is wrong with a text ("" when nothing)."""

    def __init__(self, field: QLineEdit, problem: Callable[[str], str]) -> None:
        super().__init__(field)
        self._problem = problem

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if self._problem(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def fixup(self, text: str) -> str:
        return text  # never "correct" what was typed


class ProblemMark(QObject):
    """A warning sign at the end of ``field`` while its text cannot be read."""

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self._field = field
        icon = field.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.action = QAction(icon, "", field)
        field.addAction(self.action, QLineEdit.ActionPosition.TrailingPosition)
        # Hidden only once added: a line edit shows an action added hidden as a grey icon.
        self.action.setVisible(False)

    def show_problem(self, problem: str) -> None:
        """Show the sign with ``problem`` as its tooltip, or hide it when ``problem`` is ""."""
        self.action.setToolTip(problem)
        self.action.setText(problem)
        self.action.setVisible(bool(problem))
        self._field.setToolTip(problem)

    def problem(self) -> str:
        """The message the sign stands for ("" while hidden)."""
        return self.action.toolTip() if self.action.isVisible() else ""
