"""File > Export…: the records the person may read, as a workbook or a folder of CSV files.

The same export as ``clcp export`` (``desktop.exchange.export``): the dialog only chooses
the profile, format, language and district, and where the file goes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.exchange.collect import FULL, SHAREABLE, Selection
from desktop.exchange.export import CSV, XLSX, ExportSummary, export
from desktop.i18n import LANGUAGES
from desktop.services.facade import Services
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import run_write


class ExportDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Export records"))
        form = QFormLayout(self)
        self.profile = QComboBox()
        self.profile.addItem(self.tr("Full (for the office)"), FULL)
        self.profile.addItem(self.tr("Shareable (no personal fields)"), SHAREABLE)
        self.format = QComboBox()
        self.format.addItem(self.tr("Workbook (.xlsx)"), XLSX)
        self.format.addItem(self.tr("Folder of CSV files"), CSV)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.district = QLineEdit()
        self.district.setPlaceholderText(self.tr("every district"))
        form.addRow(self.tr("&Profile:"), self.profile)
        form.addRow(self.tr("F&ormat:"), self.format)
        form.addRow(self.tr("&Labels in:"), self.language)
        form.addRow(self.tr("&District:"), self.district)
        form.addRow(
            QLabel(
                self.tr(
                    "Only what you may read is exported; the export is noted in the audit trail."
                )
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.tr("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.choose_and_export)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def selection(self) -> Selection:
        return Selection(str(self.profile.currentData()), self.district.text().strip())

    def choose_and_export(self) -> None:
        target = self._target()
        if target is not None:
            self.export_to(target)

    def _target(self) -> Path | None:
        if self.format.currentData() == XLSX:
            name, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export to"), "clcp-export.xlsx", self.tr("Workbook (*.xlsx)")
            )
            return Path(name) if name else None
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export into a new folder in"))
        return Path(folder) / "clcp-export" if folder else None

    def export_to(self, target: Path) -> bool:
        """Write the export to ``target``; whether it was written."""
        fmt, language, selection = (
            self.format.currentData(),
            self.language.currentData(),
            self.selection(),
        )

        def op(services: Services) -> ExportSummary:
            return export(services, target, fmt=fmt, selection=selection, language=language)

        outcome = run_write(self, self.context, op, failed=self.tr("Nothing was exported."))
        if outcome.ok:
            self.accept()
        return outcome.ok
