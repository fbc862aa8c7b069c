"""File > Import submissions…: what phones collected with the forms of ``clcp xlsform``, as
ODK Central or KoboToolbox exported it (CSV, XLSX or JSON).

The same import as ``clcp import submissions`` (``desktop.exchange.submissions``). **Preview**
runs it as a dry run and shows every submission with what would become of it (a new
record, a change to an earlier one, already imported, rejected on the server) or, for a
file that is refused, why, in words; **Import** is offered only after a preview of that
file, and writes it all or nothing. Both run off the window's thread, behind a progress
window, so a file of thousands of submissions does not freeze the window.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.submissions import (
    ALREADY,
    CHANGES,
    NEW,
    REJECTED,
    SubmissionSummary,
    import_submissions,
)
from desktop.labels import label
from desktop.refusal import Refusal
from desktop.services.facade import Services
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import Outcome, run_write


class ImportSubmissionsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.previewed = ""  # the file the table shows, once previewed without refusal
        self.summary: SubmissionSummary | None = None
        self.setWindowTitle(self.tr("Import submissions"))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.file = QLineEdit()
        self.file.textChanged.connect(lambda _text: self._allow_import())
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file)
        row.addWidget(browse)
        file_label = QLabel(self.tr("&File (.csv, .xlsx or .json):"))
        file_label.setBuddy(self.file)
        form.addRow(file_label, row)
        layout.addLayout(form)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("submissions")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Community"), self.tr("Date"), self.tr("Kind or status"),
             self.tr("What happens")]
        )  # fmt: skip
        title = QLabel(self.tr("&Submissions in the file"))
        title.setBuddy(self.table)
        self.said = QLabel()
        self.said.setWordWrap(True)
        self.said.setObjectName("said")
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(self.said)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        preview = buttons.addButton(self.tr("&Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        preview.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.import_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.file.setFocus()

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Submissions"), "", self.tr("Submissions (*.csv *.xlsx *.json)")
        )
        if name:
            self.file.setText(name)
            self.run(dry_run=True)

    def _allow_import(self) -> None:
        self.import_button.setEnabled(bool(self.previewed) and self._path() == self.previewed)

    def _path(self) -> str:
        return self.file.text().strip()

    def run(self, *, dry_run: bool) -> None:
        """Preview (``dry_run``) or import the file, off the window's thread; the outcome
        is shown in the dialog when it comes back."""
        text = self._path()
        if not text:
            self.said.setText(self.tr("Choose a file of submissions first."))
            return
        path = Path(text)

        def op(services: Services) -> SubmissionSummary | str:
            try:
                return import_submissions(services, path, dry_run=dry_run)
            except Refusal as refusal:  # a bad file: said in the dialog, nothing written
                return str(refusal)

        self.import_button.setEnabled(False)
        run_write(
            self,
            self.context,
            op,
            failed=self.tr("Nothing was imported."),
            done=lambda outcome: self.show_outcome(text, outcome),
            long=True,
            progress=self.tr("Reading the submissions…")
            if dry_run
            else self.tr("Importing the submissions…"),
        )

    def show_outcome(self, text: str, outcome: Outcome[SubmissionSummary | str]) -> None:
        value = outcome.value
        if isinstance(value, str) or value is None:
            self.previewed, self.summary = "", None
            self.table.setRowCount(0)
            self.said.setText(value or "")
            return
        self.summary = value
        self.previewed = text if value.dry_run and value.created + value.updated else ""
        self._fill(value)
        self.said.setText(self._said(value))
        self._allow_import()

    def _fill(self, summary: SubmissionSummary) -> None:
        communities = self.context.services.communities.list().items
        names = {str(c.id): c.data.name for c in communities}
        words = {
            NEW: self.tr("New record") if summary.dry_run else self.tr("Added"),
            CHANGES: self.tr("Changes the record of an earlier version"),
            ALREADY: self.tr("Already imported: left as it is"),
            REJECTED: self.tr("Rejected on the server: left out"),
        }
        self.table.setRowCount(len(summary.outcomes))
        for line, outcome in enumerate(summary.outcomes):
            community = names.get(outcome.community, outcome.community)
            coded = re.fullmatch(r"[a-z_]+", outcome.detail) is not None
            detail = label(outcome.detail) if coded else outcome.detail
            cells = [str(outcome.number), community, outcome.day, detail]
            for column, cell in enumerate([*cells, words[outcome.what]]):
                self.table.setItem(line, column, QTableWidgetItem(cell))
        self.table.resizeColumnsToContents()

    def _said(self, summary: SubmissionSummary) -> str:
        if not summary.form:
            return self.tr("The file holds no submissions.")
        form = {
            "meeting": self.tr("meeting record"),
            "observation": self.tr("indicator observation"),
            "action": self.tr("action update"),
        }.get(summary.form, summary.form)
        if summary.dry_run:
            text = self.tr("Form: {form}. {new} new records and {changed} changed would come in;")
        else:
            text = self.tr("Form: {form}. {new} new records and {changed} changed came in;")
        text += " " + self.tr("{old} already imported, {rejected} rejected on the server.")
        return text.format(
            form=form,
            new=summary.created,
            changed=summary.updated,
            old=summary.already,
            rejected=summary.rejected,
        )
