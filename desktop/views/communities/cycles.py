"""A community's cycles: the list (overlapping cycles allowed), open one, start a new one,
delete one made by mistake and, for managers, bring a deleted one back.

Each line shows what a field office checks first: the cycle's number, title and dates,
the phase it is in today, its status, its open and overdue actions, its meetings and the
last one. The figures come from one service query (``services.cycles.overview``).

A new cycle is started with the cycle workspace's own dialog when it is installed
(it can carry over unfinished actions and indicators from the last cycle); otherwise
with a short form here.
"""

from __future__ import annotations

import importlib
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import ngettext
from desktop.labels import label, record_kind
from desktop.services.framework.records import Record
from desktop.services.queries.cycle_overview import CycleRow
from desktop.services.usecases.cycles import CycleData
from desktop.views.communities.widget import CommunityWidget
from desktop.views.forms import Form, FormDialog, OptionalDateEdit
from desktop.views.forms.tables import fill_table, record_table, selected_id
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form, run_write

#: Columns holding a number (No., open actions, overdue, meetings), right-aligned.
_COUNT_COLUMNS = (0, 6, 7, 8)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CyclesPanel(CommunityWidget):
    def __init__(
        self, context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, community_id, parent)
        self.rows: dict[uuid.UUID, CycleRow] = {}
        self.table = record_table(
            [
                self.tr("No."),
                self.tr("Title"),
                self.tr("Starts"),
                self.tr("Ends"),
                self.tr("Current phase"),
                self.tr("Status"),
                self.tr("Open actions"),
                self.tr("Overdue"),
                self.tr("Meetings"),
                self.tr("Last meeting"),
            ],
            self.tr("Cycles"),
            stretch=1,
        )
        self.table.doubleClicked.connect(self._open_index)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        cycles = context.services.cycles
        self.show_deleted = QCheckBox(self.tr("Show &deleted cycles"))
        self.show_deleted.setToolTip(self.tr("Deleted cycles can be restored by a manager"))
        self.show_deleted.setVisible(cycles.may_restore())
        self.show_deleted.toggled.connect(lambda _on: self.reload())
        self.delete_button = QPushButton(self.tr("De&lete cycle…"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button = QPushButton(self.tr("&Open cycle"))
        self.open_button.clicked.connect(self.open_selected)
        self.new_button = QPushButton(self.tr("Start a &new cycle…"))
        self.new_button.clicked.connect(self.new_cycle)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_deleted)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        chosen = selected_id(self.table)
        rows = self.context.services.cycles.overview(
            self.community_id,
            today=self.context.today(),
            include_deleted=self.show_deleted.isChecked(),
        )
        self.rows = {row.id: row for row in rows}
        fill_table(self.table, [(row.id, self._cells(row)) for row in rows])
        grey = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for n, row in enumerate(rows):
            for column in range(self.table.columnCount()):
                item = self.table.item(n, column)
                if item is None:
                    continue
                if column in _COUNT_COLUMNS:
                    item.setTextAlignment(_RIGHT)
                if row.is_deleted:
                    item.setForeground(grey)
            if row.id == chosen:
                self.table.selectRow(n)
        self.new_button.setEnabled(self.context.services.can("create", "cycle", self.community_id))
        self._update_buttons()

    def _cells(self, row: CycleRow) -> tuple[object, ...]:
        status = self.tr("Deleted") if row.is_deleted else label(row.status)
        return (
            row.number,
            row.title or self.tr("Cycle {n}").format(n=row.number),
            row.start_on.isoformat(),
            row.end_on.isoformat() if row.end_on else "",
            label(row.current_phase) if row.current_phase else self.tr("—"),
            status,
            row.open_actions,
            row.overdue_actions or "",
            row.meetings,
            row.last_meeting.isoformat() if row.last_meeting else self.tr("none yet"),
        )

    def selected_row(self) -> CycleRow | None:
        chosen = selected_id(self.table)
        return self.rows.get(chosen) if isinstance(chosen, uuid.UUID) else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        cycles = self.context.services.cycles
        live = row is not None and not row.is_deleted
        self.open_button.setEnabled(live)
        self.delete_button.setVisible(self.context.services.can("delete", "cycle"))
        self.delete_button.setEnabled(live and row is not None and cycles.may_delete(row.id))
        self.restore_button.setVisible(self.show_deleted.isChecked())
        self.restore_button.setEnabled(row is not None and row.is_deleted)

    def _open_index(self, _index: QModelIndex) -> None:
        self.open_selected()

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None and not row.is_deleted:
            self.context.navigator.open_cycle.emit(str(row.id))

    def new_cycle(self) -> None:
        cycle_id = start_cycle(self.context, self.community_id, self)
        if cycle_id is not None:
            self.reload()
            self.context.navigator.open_cycle.emit(str(cycle_id))

    # --- delete and restore --------------------------------------------------------------

    def delete_selected(self) -> bool:
        """Ask, naming the cycle and what it holds, then delete it; True when deleted."""
        row = self.selected_row()
        if row is None or row.is_deleted:
            return False
        cycles = self.context.services.cycles
        box, delete = delete_question(self, row, cycles.holdings(row.id))
        box.exec()
        if box.clickedButton() is not delete:
            return False
        outcome = run_write(
            self,
            self.context,
            lambda services: services.cycles.delete(row.id, expected_version=row.version),
            failed=self.tr("The cycle was not deleted."),
            reload=self.reload,
        )
        if not outcome.ok:
            return False
        self.reload()
        return True

    def restore_selected(self) -> bool:
        row = self.selected_row()
        if row is None or not row.is_deleted:
            return False
        outcome = run_write(
            self,
            self.context,
            lambda services: services.cycles.restore(row.id),
            failed=self.tr("The cycle was not restored."),
            reload=self.reload,
        )
        restored = outcome.value
        if not outcome.ok or restored is None:
            return False
        self.reload()
        if restored.data.number != row.number:
            QMessageBox.information(
                self,
                self.tr("Cycle restored"),
                self.tr(
                    "Restored as cycle {new}: another cycle of this community has number {old} now."
                ).format(new=restored.data.number, old=row.number),
            )
        return True


#: What a cycle may hold, counted: kind -> (one, several).
_HELD_WORDS: dict[str, tuple[str, str]] = {
    "phase": ("{n} phase", "{n} phases"),
    "meeting": ("{n} meeting", "{n} meetings"),
    "learning_finding": ("{n} learning finding", "{n} learning findings"),
    "harm_priority": ("{n} harm considered", "{n} harms considered"),
    "action": ("{n} action", "{n} actions"),
    "indicator": ("{n} indicator", "{n} indicators"),
    "reflection": ("{n} reflection", "{n} reflections"),
    "mentor_review": ("{n} mentor review", "{n} mentor reviews"),
    "comment": ("{n} comment", "{n} comments"),
}


def held_text(held: dict[str, int]) -> str:
    """ "3 meetings, 1 action" (kinds with none left out)."""
    parts = []
    for kind, count in held.items():
        one, several = _HELD_WORDS.get(kind, ("{n} " + record_kind(kind),) * 2)
        parts.append(ngettext(one, several, count).format(n=count))
    return ", ".join(parts)


def delete_question(
    parent: QWidget, row: CycleRow, held: dict[str, int]
) -> tuple[QMessageBox, QAbstractButton]:
    """ "Delete cycle 2, “Girls in school”?" with what it holds, and its Delete button.
    Cancel is the default, so Enter does not delete."""
    tr = parent.tr
    name = tr("cycle {n}").format(n=row.number)
    if row.title:
        name = tr("{cycle}, “{title}”").format(cycle=name, title=row.title)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Delete cycle"))
    box.setText(tr("Delete {cycle}?").format(cycle=name))
    if held:
        text = tr("It holds {records}.").format(records=held_text(held)) + "\n\n"
        text += tr(
            "The cycle and everything in it leave the list; a manager can restore them "
            "from “Show deleted cycles”."
        )
    else:
        text = tr("It holds no records yet.") + "\n\n"
        text += tr("A manager can restore it from “Show deleted cycles”.")
    box.setInformativeText(text)
    delete = box.addButton(tr("&Delete cycle"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, delete


def _workspace_dialog() -> Any:
    try:
        module = importlib.import_module("desktop.views.cycle.new_cycle_dialog")
    except ImportError:
        return None
    return getattr(module, "NewCycleDialog", None)


def start_cycle(
    context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
) -> uuid.UUID | None:
    """Start a cycle for the community; its id once saved, None if cancelled.

    The dialog is deleted once it has answered, so a closed form never lingers among
    the page's children (where "unsaved changes" questions look for forms).
    """
    dialog_class = _workspace_dialog()
    if dialog_class is not None:
        dialog = dialog_class(context, community_id, parent)
        try:
            if not dialog.exec():
                return None
            created = getattr(dialog, "cycle_id", None)
        finally:
            dialog.deleteLater()
        return created if isinstance(created, uuid.UUID) else None
    created_ids: list[uuid.UUID] = []

    def submit(values: dict[str, Any]) -> Record[CycleData]:
        record = context.services.cycles.create(CycleData(community_id=community_id, **values))
        created_ids.append(record.id)
        return record

    form = Form(
        context,
        form_key=f"cycle/new/{community_id}",
        title=QCoreApplication.translate("CyclesPanel", "New cycle"),
        submit=submit,
    )
    route_form(form, context)
    form.add_field("title", form.tr("&Title:"), QLineEdit())
    form.add_field("start_on", form.tr("&Starts on:"), OptionalDateEdit())
    form.add_field("end_on", form.tr("&Ends on:"), OptionalDateEdit())
    form.set_values({"start_on": context.today()})
    dialog = FormDialog(form, parent)
    dialog.setObjectName("new_cycle_dialog")
    try:
        if not dialog.exec() or not created_ids:
            return None
    finally:
        dialog.deleteLater()
    return created_ids[0]
