"""Help > Keyboard shortcuts (F1): every shortcut the window has, read off its commands.

The list is built from the window's QActions when it opens (menus, the toolbar and the
pages made so far), so a new command with a shortcut is listed without anyone updating a
text; the keys every form and list share (see :mod:`desktop.views.widgets.keyboard`) follow.
It is a table rather than formatted text so a screen reader reads it row by row.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.views.forms.tables import fill_table, record_table

NATIVE = QKeySequence.SequenceFormat.NativeText


def action_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, keys) for every action of ``window`` that has a shortcut, once each."""
    lines: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            line = (action.text().replace("&", "").rstrip("…").strip(), keys.toString(NATIVE))
            if line[0] and line not in lines:
                lines.append(line)
    return lines


class ShortcutsDialog(QDialog):
    """The shortcuts of ``window``'s commands, then the keys of every form and list."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.lines = action_shortcuts(window) + self.common_keys()
        self.table = record_table(
            [self.tr("Keys"), self.tr("What they do")], self.tr("Keyboard shortcuts"), stretch=1
        )
        fill_table(self.table, [(keys, (keys, what)) for what, keys in self.lines])
        note = QLabel(self.tr("Alt with an underlined letter jumps to that field, button or menu."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 460)

    def common_keys(self) -> list[tuple[str, str]]:
        """Keys that are not a command of the window but work in every form and list."""
        save = QKeySequence(QKeySequence.StandardKey.Save).toString(NATIVE)
        return [
            (self.tr("Save the form you are in"), save),
            (self.tr("Close a form window (you are asked about unsaved changes)"), "Esc"),
            (self.tr("Next field or button; in a text box too"), "Tab"),
            (self.tr("Previous field or button"), "Shift+Tab"),
            (self.tr("Move inside a list, a table or a timeline"), self.tr("Arrow keys")),
            (self.tr("Open the row or timeline record picked"), "Enter"),
        ]

    def keys_listed(self) -> set[str]:
        return {keys for _what, keys in self.lines}
