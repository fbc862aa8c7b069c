"""File > Conflicts…: edits that could not both be kept, each waiting for a person.

One row per open conflict names the record and the field, the value in use and the value
set aside, who made each and when. Keep mine, Keep theirs, or write a merged value in the
editor below the list: each is an ordinary edit of the record (``LaptopSync.resolve``, as
``clcp conflicts resolve`` does) that syncs like any other, through the write runner.
When neither value is this person's (a manager deciding two colleagues' edits), the
buttons say "the value in use" and "the other value" instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.framework.changes import Changes
from desktop.sync.laptop_sync import LaptopSync, OpenConflict
from desktop.views.forms.tables import fill_table, record_table
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import run_write
from desktop.views.sync.words import by_when, field_words


def choices(conflict: OpenConflict) -> tuple[str, str]:
    """The engine's choice for (the first button, the second): keep mine / keep theirs,
    or keep the value in use / take the other when neither is this person's."""
    return ("other", "current") if conflict.mine == "other" else ("current", "other")


class ConflictsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.conflicts: list[OpenConflict] = []
        self.setObjectName("sync_conflicts")
        self.setWindowTitle(self.tr("Conflicts"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = record_table(
            [
                self.tr("Record"),
                self.tr("Field"),
                self.tr("Value in use"),
                self.tr("By, when"),
                self.tr("Other value"),
                self.tr("By, when"),
            ],
            self.tr("Conflicts"),
            stretch=0,
        )
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.keep_first = QPushButton()
        self.keep_second = QPushButton()
        self.write_merged = QPushButton(self.tr("Write a &merged value…"))
        self.keep_first.clicked.connect(lambda: self._decide(0))
        self.keep_second.clicked.connect(lambda: self._decide(1))
        self.write_merged.clicked.connect(self._open_editor)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Merged value"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(90)
        self.save_merged = QPushButton(self.tr("&Save merged value"))
        self.save_merged.clicked.connect(self._save_merged)
        self.cancel_merged = QPushButton(self.tr("Ca&ncel"))
        self.cancel_merged.clicked.connect(lambda: self._show_editor(False))
        self._lay_out()
        context.navigator.changes_made.connect(self._on_changes)
        self.resize(1000, 480)
        self.refresh()

    def _lay_out(self) -> None:
        decide = QHBoxLayout()
        for button in (self.keep_first, self.keep_second, self.write_merged):
            button.setAutoDefault(False)
            decide.addWidget(button)
        decide.addStretch(1)
        self.editor_row = QWidget()
        merged = QHBoxLayout(self.editor_row)
        merged.setContentsMargins(0, 0, 0, 0)
        merged.addWidget(self.editor, 1)
        for button in (self.save_merged, self.cancel_merged):
            button.setAutoDefault(False)
            merged.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(decide)
        layout.addWidget(self.editor_row)
        layout.addWidget(buttons)
        self.editor_row.hide()

    def _on_changes(self, _changes: Changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        today = self.context.today()
        self.conflicts = LaptopSync(self.context.services).conflicts()
        fill_table(
            self.table,
            [
                (
                    str(item.id),
                    (
                        item.record,
                        self.field_text(item),
                        item.kept,
                        by_when(item.kept_by, item.kept_at, today),
                        item.other,
                        by_when(item.other_by, item.other_at, today),
                    ),
                )
                for item in self.conflicts
            ],
        )
        self.intro.setText(
            self.tr(
                "Two people changed the same thing before either had the other's change. "
                "Decide each: your decision is sent at the next sync."
            )
            if self.conflicts
            else self.tr("No conflicts: every edit was kept.")
        )
        self._show_selected()

    def field_text(self, conflict: OpenConflict) -> str:
        return self.tr("the whole record") if conflict.whole_record else field_words(conflict.field)

    def selected(self) -> OpenConflict | None:
        row = self.table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show_selected(self) -> None:
        conflict = self.selected()
        for button in (self.keep_first, self.keep_second, self.write_merged):
            button.setEnabled(conflict is not None)
        self._show_editor(False)
        if conflict is None:
            self.detail.setText("")
            return
        self.write_merged.setEnabled(not conflict.whole_record)
        if conflict.mine:
            self.keep_first.setText(self.tr("Keep m&ine"))
            self.keep_second.setText(self.tr("Keep &theirs"))
        else:
            self.keep_first.setText(self.tr("Keep the value &in use"))
            self.keep_second.setText(self.tr("Take the &other value"))
        mine, theirs = (
            (conflict.other, conflict.kept)
            if conflict.mine == "other"
            else (conflict.kept, conflict.other)
        )
        first, second = (
            (self.tr("Mine"), self.tr("Theirs"))
            if conflict.mine
            else (self.tr("In use"), self.tr("Other"))
        )
        self.detail.setText(
            self.tr("{record} — {field}\n{first}: {mine}\n{second}: {theirs}").format(
                record=conflict.record,
                field=self.field_text(conflict),
                first=first,
                mine=mine,
                second=second,
                theirs=theirs,
            )
        )

    def _decide(self, button: int) -> None:
        conflict = self.selected()
        if conflict is not None:
            self._resolve(conflict, choices(conflict)[button], None)

    def _open_editor(self) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        self.editor.setPlainText(conflict.other if conflict.mine == "other" else conflict.kept)
        self._show_editor(True)
        self.editor.setFocus()

    def _show_editor(self, shown: bool) -> None:
        self.editor_row.setVisible(shown)

    def _save_merged(self) -> None:
        conflict = self.selected()
        if conflict is not None:
            self._resolve(conflict, "value", self.editor.toPlainText())

    def _resolve(self, conflict: OpenConflict, choice: str, value: str | None) -> None:
        run_write(
            self,
            self.context,
            lambda services: LaptopSync(services).resolve(conflict.id, choice, value),
            failed=self.tr("The conflict was not resolved."),
        )
