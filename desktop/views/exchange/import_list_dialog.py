"""File > Import a list…: the office's existing list of communities or stakeholders.

The same import as ``clcp import communities|stakeholders`` (``desktop.exchange.list_import``):
**Check** runs it as a dry run and says what would come in, or which row and field is
wrong; **Import** writes it, all or nothing. Columns are matched by name (mapping other
columns by hand is for the command line's ``--map`` until the wizard comes).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.exchange.list_import import KINDS, Duplicates, ListSummary, import_list
from desktop.refusal import Refusal
from desktop.services.facade import Services
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import run_write


class ImportListDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Import a list"))
        form = QFormLayout(self)
        self.file = QLineEdit()
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file)
        row.addWidget(browse)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Communities"), "communities")
        self.kind.addItem(self.tr("Stakeholders"), "stakeholders")
        self.duplicates = QComboBox()
        self.duplicates.addItem(self.tr("Stop at a likely duplicate"), Duplicates.REFUSE)
        self.duplicates.addItem(self.tr("Leave likely duplicates out"), Duplicates.SKIP)
        self.duplicates.addItem(self.tr("Add likely duplicates all the same"), Duplicates.ADD)
        self.said = QLabel()
        self.said.setWordWrap(True)
        form.addRow(self.tr("&File (.csv or .xlsx):"), row)
        form.addRow(self.tr("&List of:"), self.kind)
        form.addRow(self.tr("&Duplicates:"), self.duplicates)
        form.addRow(self.said)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        check = buttons.addButton(self.tr("&Check"), QDialogButtonBox.ButtonRole.ActionRole)
        check.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.file.setFocus()

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The list"), "", self.tr("Lists (*.csv *.xlsx)")
        )
        if name:
            self.file.setText(name)

    def run(self, *, dry_run: bool) -> ListSummary | None:
        """Check (``dry_run``) or import the list; the outcome is shown in the dialog."""
        path = Path(self.file.text().strip())
        kind = KINDS[str(self.kind.currentData())]
        duplicates = Duplicates(self.duplicates.currentData())

        def op(services: Services) -> ListSummary | str:
            try:
                return import_list(
                    services, kind, path, overrides={}, duplicates=duplicates, dry_run=dry_run
                )
            except Refusal as refusal:  # a bad file: said in the dialog, nothing written
                return str(refusal)

        outcome = run_write(self, self.context, op, failed=self.tr("Nothing was imported."))
        value = outcome.value
        if isinstance(value, str) or value is None:
            self.said.setText(value or "")
            return None
        self.said.setText(self._said(value))
        return value

    def _said(self, summary: ListSummary) -> str:
        verb = self.tr("would be added") if summary.dry_run else self.tr("added")
        lines = [self.tr("{n} records {verb}.").format(n=summary.created, verb=verb)]
        if summary.skipped:
            lines.append(self.tr("Likely duplicates left out: {names}").format(
                names=", ".join(summary.skipped)))  # fmt: skip
        if summary.unused_columns:
            lines.append(self.tr("Columns not read: {names}").format(
                names=", ".join(summary.unused_columns)))  # fmt: skip
        return "\n".join(lines)
