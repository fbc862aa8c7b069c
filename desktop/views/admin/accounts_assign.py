"""Which communities a facilitator or mentor works with: the list of a person's
assignments, a community picker that filters as you type, and the dates of one
assignment. Used by the administrator's accounts dialog."""

from __future__ import annotations

import uuid
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.enums import AssignmentRole
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.security.passwords import AccountSummary
from desktop.services.security.users import AssignmentRow
from desktop.views.admin.accounts_forms import dates_dialog
from desktop.views.auth.forms import ShowRefusal, message_label
from desktop.views.forms import OptionalDateEdit
from desktop.views.forms.form import error_palette
from desktop.views.forms.tables import fill_table, record_table, selected_id
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import Op, announced, run_write

PICKER_ROWS = 100
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CommunityPicker(QDialog):
    """Tick one or more communities (filter by typing part of a name or place) and the
    date the assignment starts; ``chosen`` holds the ticked ids once accepted."""

    def __init__(
        self, context: AppContext, person: AccountSummary, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.person = person
        self.ticked: dict[uuid.UUID, str] = {}
        self.setWindowTitle(self.tr("Assign {name} to communities").format(name=_shown(person)))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type part of a name, district or place"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Find communities"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Communities"))
        self.more = QLabel()
        self.more.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.count = QLabel()
        self.from_on = OptionalDateEdit()
        today = context.today()
        self.from_on.set_value(today)
        self.to_on = OptionalDateEdit()
        #: What is wrong with each typed date, shown under it (hidden while all is well).
        self.date_errors = {self.from_on: _error_label(), self.to_on: _error_label()}
        dates = QFormLayout()
        dates.addRow(self.tr("Fro&m:"), _with_error(self.from_on, self.date_errors[self.from_on]))
        dates.addRow(self.tr("&Until:"), _with_error(self.to_on, self.date_errors[self.to_on]))
        until_hint = QLabel(self.tr("Leave Until as Not set while the work goes on."))
        until_hint.setWordWrap(True)
        dates.addRow("", until_hint)
        self.message = message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.assign_button = buttons.addButton(
            self.tr("&Assign"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.try_assign)
        buttons.rejected.connect(self.reject)
        find_label = QLabel(self.tr("&Find:"))
        find_label.setBuddy(self.filter)
        find_row = QHBoxLayout()
        find_row.addWidget(find_label)
        find_row.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(find_row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.more)
        layout.addWidget(self.count)
        layout.addLayout(dates)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(480, 560)
        self.filter.textChanged.connect(self.refresh)
        self.list.itemChanged.connect(self._on_ticked)
        self.refresh()
        self._show_count()

    def refresh(self) -> None:
        """Show the communities matching the filter (ticks are kept while filtering)."""
        page = self.context.services.list_communities(
            CommunityQuery(text=self.filter.text(), limit=PICKER_ROWS, today=self.context.today())
        )
        self.list.blockSignals(True)
        self.list.clear()
        for row in page.items:
            text = f"{row.name} ({row.district})" if row.district else row.name
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = row.id in self.ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        hidden = page.total - len(page.items)
        self.more.setText(
            self.tr("{n} more: type more of the name to narrow the list.").format(n=hidden)
            if hidden > 0
            else ""
        )
        self.more.setVisible(hidden > 0)

    def tick(self, name: str) -> None:
        """Tick the first listed community called ``name`` (for keyboard-free use and tests)."""
        for n in range(self.list.count()):
            item = self.list.item(n)
            if item.text() == name or item.text().startswith(f"{name} ("):
                item.setCheckState(Qt.CheckState.Checked)
                return
        raise LookupError(name)

    def _on_ticked(self, item: QListWidgetItem) -> None:
        community_id = item.data(ID_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            self.ticked[community_id] = item.text()
        else:
            self.ticked.pop(community_id, None)
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(self.tr("{n} ticked").format(n=len(self.ticked)))
        self.assign_button.setEnabled(bool(self.ticked))

    def dates_refused(self) -> bool:
        """Show beside each date that cannot be read why; True if one cannot.

        An unreadable date reads as "Not set", so without this a mistyped Until would
        save an assignment that never ends, and a mistyped From one that always was.
        """
        first: OptionalDateEdit | None = None
        for field, label in self.date_errors.items():
            problem = field.input_error()
            label.setText(problem)
            label.setVisible(bool(problem))
            field.setAccessibleDescription(problem)
            if problem and first is None:
                first = field
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return first is not None

    def try_assign(self) -> None:
        if self.dates_refused():
            return
        refusal = ShowRefusal(self.message)
        with announced(self.context, self), refusal:
            self.context.services.assignments.assign_many(
                self.person.id,
                self.person.role,
                list(self.ticked),
                self.from_on.value(),
                self.to_on.value(),
            )
        if not refusal.refused:
            self.accept()


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    error_palette(label)
    label.hide()
    return label


def _with_error(field: QWidget, error: QLabel) -> QWidget:
    """``field`` with its message under it, as a form shows a field's message."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(error)
    cell.setFocusProxy(field)
    return cell


def _shown(person: AccountSummary) -> str:
    return person.display_name or person.username


class AssignmentsPanel(QWidget):
    """The communities the selected person is assigned to, and buttons to change that."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.person: AccountSummary | None = None
        self.rows: dict[uuid.UUID, AssignmentRow] = {}
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = record_table(
            [self.tr("Community"), self.tr("District"), self.tr("From"), self.tr("Until")],
            self.tr("Assigned communities"),
        )
        self.assign_button = QPushButton(self.tr("A&ssign to communities…"))
        self.dates_button = QPushButton(self.tr("&Change dates…"))
        self.end_button = QPushButton(self.tr("End &today"))
        self.remove_button = QPushButton(self.tr("Remo&ve (a mistake)"))
        self.assign_button.clicked.connect(self.assign)
        self.dates_button.clicked.connect(self.change_dates)
        self.end_button.clicked.connect(self.end_today)
        self.remove_button.clicked.connect(self.remove)
        self.message = message_label()
        buttons = QHBoxLayout()
        for button in (self.assign_button, self.dates_button, self.end_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.can_edit = context.services.can("create", "community_assignment")
        self.show_person(None)

    def show_person(self, person: AccountSummary | None) -> None:
        self.person = person
        self.message.clear()
        assignable = person is not None and person.role in set(AssignmentRole)
        if person is None:
            self.title.setText(self.tr("Communities"))
        else:
            self.title.setText(self.tr("Communities of {name}").format(name=_shown(person)))
        if person is not None and not assignable:
            self.note.setText(
                self.tr("Administrators and managers see every community: nothing to assign.")
            )
        elif person is not None and not person.active:
            self.note.setText(self.tr("This account is disabled; enable it to assign it."))
        else:
            self.note.setText(
                self.tr("A facilitator or mentor sees the communities they are assigned to.")
            )
        self.rows = {}
        if assignable and person is not None:
            self.rows = {
                row.id: row for row in self.context.services.assignments.of_person(person.id)
            }
        today = self.context.today()
        fill_table(
            self.table,
            [
                (
                    row.id,
                    [
                        row.community_name,
                        row.district,
                        row.data.from_on or "",
                        row.data.to_on or (self.tr("(ongoing)") if row.current(today) else ""),
                    ],
                )
                for row in self.rows.values()
            ],
        )
        self.table.setEnabled(assignable)
        self.assign_button.setEnabled(
            self.can_edit and assignable and person is not None and person.active
        )
        self._update_buttons()

    def selected(self) -> AssignmentRow | None:
        chosen = selected_id(self.table)
        return self.rows.get(chosen) if chosen is not None else None

    def _update_buttons(self) -> None:
        row = self.selected()
        usable = self.can_edit and row is not None
        self.dates_button.setEnabled(usable)
        self.remove_button.setEnabled(usable)
        ongoing = row is not None and (
            row.data.to_on is None or row.data.to_on > self.context.today()
        )
        self.end_button.setEnabled(usable and ongoing)

    def _reload(self) -> None:
        self.show_person(self.person)
        self.changed.emit()

    def assign(self) -> None:
        if self.person is None:
            return
        if CommunityPicker(self.context, self.person, self).exec() == QDialog.DialogCode.Accepted:
            self._reload()

    def change_dates(self) -> None:
        row = self.selected()
        if row is not None and dates_dialog(self.context, row, self).exec():
            self._reload()

    def end_today(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._write(
            lambda services: services.assignments.update(
                row.id, replace(row.data, to_on=self.context.today()), expected_version=row.version
            ),
            self.tr("The assignment was not ended."),
        )

    def remove(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove the assignment"),
            self.tr(
                "Remove the assignment to {name} as if it never was? To record that the work "
                "there ended, use End today instead."
            ).format(name=row.community_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._write(
                lambda services: services.assignments.delete(row.id, expected_version=row.version),
                self.tr("The assignment was not removed."),
            )

    def _write(self, work: Op[object], failed: str) -> None:
        """Run ``work`` through the write runner (a refusal is shown in its box, which
        offers to read the list again when someone else changed the assignment)."""
        if run_write(self, self.context, work, failed=failed, reload=self._reload).ok:
            self._reload()
