"""File > Import a list…: the office's existing list of communities or stakeholders.

The same import as ``clcp import communities|stakeholders`` (``desktop.exchange.list_import``).
Once a file is chosen, the dialog shows its columns, each with the field it fills (guessed
from its name, changed in a list, or "not read": what ``--map COLUMN=field`` says on the
command line), and a preview of the first rows as the import would read them, a likely
duplicate of an existing record (or an earlier row) marked in words and colour. Nothing is
written until **Import**; **Check** runs the whole import as a dry run first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.list_import import (
    KINDS,
    Duplicates,
    ListKind,
    ListSummary,
    PreviewRow,
    import_list,
    preview_list,
)
from desktop.exchange.safe_read import SheetData
from desktop.exchange.tabular import read_rows
from desktop.labels import humanise
from desktop.refusal import Refusal
from desktop.services.facade import Services
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import run_write

PREVIEW_ROWS = 200
_DUPLICATE = QColor("#fde7b0")  # amber: look before importing
_PROBLEM = QColor("#f6c6c6")


def guessed_field(kind: ListKind, header: str) -> str:
    """The field a column fills by its name ("Population estimate"), or ""."""
    name = "_".join(header.lower().split())
    return name if name in kind.fields else ""


class ImportListDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.sheet: SheetData | None = None
        self.loaded = ""  # the file and kind the tables show
        self.setWindowTitle(self.tr("Import a list"))
        self.resize(820, 620)
        layout = QVBoxLayout(self)
        layout.addLayout(self._choices())
        self.choices: list[tuple[str, QComboBox]] = []  # each column and its field
        self.columns = QScrollArea()
        self.columns.setObjectName("columns")
        self.columns.setWidgetResizable(True)
        self.columns.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview = _table("preview")
        columns_label = QLabel(self.tr("Columns of the file, and the field each fills"))
        preview_label = QLabel(self.tr("&Preview of the first rows, as they would come in"))
        preview_label.setBuddy(self.preview)
        self.said = QLabel()
        self.said.setWordWrap(True)
        self.said.setObjectName("said")
        for widget in (columns_label, self.columns, preview_label, self.preview, self.said):
            layout.addWidget(widget)
        layout.setStretch(layout.indexOf(self.preview), 2)
        layout.addWidget(self._buttons())
        self.file.setFocus()

    def _choices(self) -> QFormLayout:
        form = QFormLayout()
        self.file = QLineEdit()
        self.file.editingFinished.connect(self.load)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file)
        row.addWidget(browse)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Communities"), "communities")
        self.kind.addItem(self.tr("Stakeholders"), "stakeholders")
        self.kind.currentIndexChanged.connect(lambda _index: self.load())
        self.duplicates = QComboBox()
        self.duplicates.addItem(self.tr("Stop at a likely duplicate"), Duplicates.REFUSE)
        self.duplicates.addItem(self.tr("Leave likely duplicates out"), Duplicates.SKIP)
        self.duplicates.addItem(self.tr("Add likely duplicates all the same"), Duplicates.ADD)
        label = QLabel(self.tr("&File (.csv or .xlsx):"))
        label.setBuddy(self.file)
        form.addRow(label, row)
        form.addRow(self.tr("&List of:"), self.kind)
        form.addRow(self.tr("&Duplicates:"), self.duplicates)
        return form

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        check = buttons.addButton(self.tr("&Check"), QDialogButtonBox.ButtonRole.ActionRole)
        check.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        buttons.rejected.connect(self.reject)
        return buttons

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The list"), "", self.tr("Lists (*.csv *.xlsx)")
        )
        if name:
            self.file.setText(name)
            self.load()

    # --- the file's columns and the preview -------------------------------------------------

    def list_kind(self) -> ListKind:
        return KINDS[str(self.kind.currentData())]

    def load(self) -> None:
        """Read the chosen file and show its columns and first rows (a file that cannot
        be read is said in words; the tables are emptied)."""
        text = self.file.text().strip()
        wanted = f"{text}\n{self.kind.currentData()}"
        if wanted == self.loaded or not text:
            return
        self.loaded = wanted
        self.sheet = None
        self.choices = []
        self.columns.setWidget(QWidget())
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        try:
            self.sheet = read_rows(Path(text))
        except Refusal as refusal:
            self.said.setText(str(refusal))
            return
        self._fill_columns(self.sheet)
        self.refresh_preview()

    def _fill_columns(self, sheet: SheetData) -> None:
        """A line per column: its name, the list of fields it may fill, its first value."""
        kind = self.list_kind()
        first = sheet.rows[0] if sheet.rows else ()
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        for place, title in enumerate(
            (self.tr("Column in the file"), self.tr("Fills the field"), self.tr("First value"))
        ):
            heading = QLabel(f"<b>{title}</b>")
            grid.addWidget(heading, 0, place)
        for index, header in enumerate(sheet.headers):
            if not header:
                continue
            choice = QComboBox()
            choice.setObjectName(f"field:{header}")
            choice.addItem(self.tr("(not read)"), "")
            for name in kind.fields:
                choice.addItem(humanise(name), name)
            choice.setCurrentIndex(max(0, choice.findData(guessed_field(kind, header))))
            choice.currentIndexChanged.connect(lambda _index: self.refresh_preview())
            value = first[index] if index < len(first) and first[index] is not None else ""
            line = len(self.choices) + 1
            name_label = QLabel(header)
            name_label.setBuddy(choice)
            grid.addWidget(name_label, line, 0)
            grid.addWidget(choice, line, 1)
            grid.addWidget(QLabel(str(value)), line, 2)
            self.choices.append((header, choice))
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.choices) + 1, 1)
        self.columns.setWidget(grid_holder)
        self.columns.setMinimumHeight(min(grid_holder.sizeHint().height() + 4, 240))
        previous: QWidget = self.duplicates  # Tab goes on through the fields, in order
        for _header, choice in self.choices:
            QWidget.setTabOrder(previous, choice)
            previous = choice
        QWidget.setTabOrder(previous, self.preview)

    def overrides(self) -> dict[str, str]:
        """Column -> field as the lists say ("" for a column not read)."""
        return {header: str(choice.currentData()) for header, choice in self.choices}

    def refresh_preview(self) -> None:
        if self.sheet is None:
            return
        try:
            rows = preview_list(
                self.context.services, self.list_kind(), self.sheet, self.overrides(), PREVIEW_ROWS
            )
        except Refusal as refusal:
            self.preview.setRowCount(0)
            self.said.setText(str(refusal))
            return
        self._fill_preview(rows)
        flagged = sum(1 for row in rows if row.duplicate_of)
        shown = self.tr("{n} rows in the file.").format(n=len(self.sheet.rows))
        if flagged:
            shown += " " + self.tr("Likely duplicates, marked: {n}.").format(n=flagged)
        self.said.setText(shown)

    def _fill_preview(self, rows: list[PreviewRow]) -> None:
        fields = [name for name in self.list_kind().fields if any(name in r.values for r in rows)]
        self.preview.clear()
        self.preview.setColumnCount(len(fields) + 2)
        self.preview.setHorizontalHeaderLabels(
            [self.tr("Row"), *(humanise(name) for name in fields), self.tr("Look at")]
        )
        self.preview.setRowCount(len(rows))
        for line, row in enumerate(rows):
            note, colour = "", None
            if row.problem:
                note, colour = row.problem, _PROBLEM
            elif row.duplicate_of:
                note = self.tr("Likely duplicate of {name}").format(name=row.duplicate_of)
                colour = _DUPLICATE
            cells = [str(row.number), *(row.values.get(name, "") for name in fields), note]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                self.preview.setItem(line, column, item)
        self.preview.resizeColumnsToContents()

    # --- check and import ------------------------------------------------------------------

    def run(self, *, dry_run: bool) -> ListSummary | None:
        """Check (``dry_run``) or import the list; the outcome is shown in the dialog."""
        self.load()
        path = Path(self.file.text().strip())
        kind = self.list_kind()
        duplicates = Duplicates(self.duplicates.currentData())
        overrides = self.overrides()

        def op(services: Services) -> ListSummary | str:
            try:
                return import_list(
                    services,
                    kind,
                    path,
                    overrides=overrides,
                    duplicates=duplicates,
                    dry_run=dry_run,
                )
            except Refusal as refusal:  # a bad file: said in the dialog, nothing written
                return str(refusal)

        outcome = run_write(self, self.context, op, failed=self.tr("Nothing was imported."))
        value = outcome.value
        if isinstance(value, str) or value is None:
            self.said.setText(value or "")
            return None
        self.said.setText(self._said(value))
        if not dry_run:
            self.loaded = ""  # the preview now marks the rows just added
            self.load()
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


def _table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table (the field lists take it in turn)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table
