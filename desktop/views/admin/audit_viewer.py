"""The audit viewer, for managers and administrators: who did what, when, to which record.

Filters by person, kind of record and dates; the shown events can be saved as CSV (the
export is itself recorded in the trail).
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import record_kind
from desktop.services.security.audit_log import AuditEntry
from desktop.views.shell.context import AppContext

SHOWN = 2000  # newest events shown at once; narrow the filters to see older ones


class AuditViewer(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.entries: list[AuditEntry] = []
        self.setWindowTitle(self.tr("Audit trail"))
        log = context.services.audit_log
        self.user = QComboBox()
        self.user.addItem(self.tr("Everyone"), "")
        for name in log.usernames():
            self.user.addItem(name, name)
        self.entity = QComboBox()
        self.entity.addItem(self.tr("All records"), "")
        for name in log.entity_types():
            self.entity.addItem(record_kind(name), name)
        today = QDate(*context.today().timetuple()[:3])
        self.since = QDateEdit(today.addMonths(-1))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("Person"), self.user),
            (self.tr("Record"), self.entity),
            (self.tr("From"), self.since),
            (self.tr("To"), self.until),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Person"),
                self.tr("Did"),
                self.tr("Record"),
                self.tr("Changes"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.count = QLabel()
        self.export_button = QPushButton(self.tr("Save as CSV..."))
        self.export_button.clicked.connect(self._choose_csv)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        for combo in (self.user, self.entity):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.refresh)
        self.resize(900, 520)
        self.refresh()

    def refresh(self) -> None:
        page = self.context.services.audit_log.list(
            username=self.user.currentData() or None,
            entity_type=self.entity.currentData() or None,
            since=_date(self.since.date()),
            until=_date(self.until.date()),
            limit=SHOWN,
        )
        self.entries = list(page.items)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = _cells(entry)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.count.setText(
            self.tr("{shown} of {total} events").format(shown=len(self.entries), total=page.total)
        )

    def _choose_csv(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the audit trail"), "audit.csv", self.tr("CSV files (*.csv)")
        )
        if name:
            self.export_csv(Path(name))

    def export_csv(self, path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["seq", "at", "user", "action", "entity", "entity_id", "changes"])
            for entry in self.entries:
                writer.writerow(
                    [
                        entry.seq,
                        entry.at.isoformat(),
                        entry.username,
                        entry.action,
                        entry.entity_type,
                        entry.entity_id,
                        json.dumps(entry.changes, ensure_ascii=False),
                    ]
                )
        self.context.services.audit_log.record_export(
            "audit_csv",
            {
                "events": len(self.entries),
                "user": self.user.currentData() or "",
                "entity": self.entity.currentData() or "",
            },
        )


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _cells(entry: AuditEntry) -> list[str]:
    changed = ", ".join(sorted(entry.changes)) if entry.changes else ""
    return [
        entry.at.astimezone().strftime("%Y-%m-%d %H:%M"),
        entry.username,
        entry.action,
        record_kind(entry.entity_type),
        changed,
    ]
