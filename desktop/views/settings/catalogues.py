"""Settings lists the office keeps: participant groups and the harm catalogue.

Nothing in use is ever deleted: a group used in records is deactivated, a harm used
in a cycle is retired (the service refuses the delete and says so). Each list reloads
itself whenever a write anywhere changes its kind of record.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.services.facade import Services
from desktop.services.framework.changes import Changes
from desktop.services.framework.records import Record
from desktop.services.usecases.harms import HarmData
from desktop.services.usecases.office import ParticipantGroupData
from desktop.views.forms import Form, FormDialog, fit_width
from desktop.views.forms.tables import RECORD_ID_ROLE, fill_table, record_table, selected_id
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form, run_write


def _tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


class _ListPanel(QWidget):
    """A table of an office catalogue's records with buttons under it. Subclasses fill
    ``records`` in ``reload`` and open their form in ``_dialog``."""

    #: The entity named in permission checks, whose changes make the list reload.
    entity = ""

    def __init__(self, context: AppContext, table_headers: list[str], name: str) -> None:
        super().__init__()
        self.context = context
        self.records: dict[uuid.UUID, Any] = {}
        self.table = record_table(table_headers, name)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        context.navigator.changes_made.connect(self._on_changes)

    def button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def reload(self) -> None:
        raise NotImplementedError

    def _dialog(self, record: Any) -> bool:
        raise NotImplementedError

    def selected(self) -> Any:
        """The selected record (None when nothing is selected)."""
        return self.records.get(selected_id(self.table))

    def may_change(self) -> bool:
        return self.context.services.can("update", self.entity)

    def add(self) -> None:
        self.edit_record(None)

    def rename(self) -> None:
        if selected_id(self.table) is not None:
            self.edit_record(selected_id(self.table))

    def edit_record(self, record_id: uuid.UUID | None) -> None:
        """The form of a record (None: a new one); the list is refreshed once saved."""
        record = self.records.get(record_id) if record_id is not None else None
        if record_id is None or record is not None:
            self._dialog(record)

    def open_form(self, form: Form, name: str) -> bool:
        """Show ``form`` in a dialog until saved or closed; what it saves is announced."""
        dialog = FormDialog(route_form(form, self.context, self), self)
        dialog.setObjectName(name)
        return bool(dialog.exec())

    def _write(self, call: Callable[[Services], object], failed: str) -> bool:
        """Run a service call through the runner; True when it was done."""
        return run_write(self, self.context, call, failed=failed, reload=self.reload).ok

    def _on_changes(self, changes: Changes) -> None:
        """Reload after any write of this kind, here or in another window, keeping the
        selected record selected (a change made elsewhere must not move the person)."""
        # A bound method, so Qt drops the connection when this panel is deleted.
        if not changes.touches(self.entity):
            return
        keep = selected_id(self.table)
        self.reload()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if keep is not None and item is not None and item.data(RECORD_ID_ROLE) == keep:
                self.table.selectRow(row)
                break


class GroupsPanel(_ListPanel):
    """The participant groups whose participation is counted, in column order."""

    entity = "participant_group"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context, [_tr("Name"), _tr("Code"), _tr("In use")], _tr("Participant groups")
        )
        self.setParent(parent)
        self.add_button = self.button(_tr("&Add group…"), self.add)
        self.rename_button = self.button(_tr("&Rename…"), self.rename)
        self.toggle_button = self.button(_tr("&Deactivate"), self.toggle)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button.setEnabled(context.services.can("create", "participant_group"))
        self.reload()

    def reload(self) -> None:
        self.records = {
            group.id: group
            for group in self.context.services.participant_groups.participant_groups(
                active_only=False
            )
        }
        fill_table(
            self.table,
            [
                (g.id, (g.data.name, g.data.code, _tr("Yes") if g.data.active else _tr("No")))
                for g in self.records.values()
            ],
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        group = self.selected()
        may = self.may_change()
        self.rename_button.setEnabled(group is not None and may)
        self.toggle_button.setEnabled(group is not None and may)
        if group is not None:
            self.toggle_button.setText(
                _tr("&Deactivate") if group.data.active else _tr("Re&activate")
            )

    def _dialog(self, record: Record[ParticipantGroupData] | None) -> bool:
        def submit(values: dict[str, Any]) -> object:
            if record is None:
                position = max((g.data.position for g in self.records.values()), default=-1) + 1
                return self.context.services.participant_groups.create(
                    ParticipantGroupData(position=position, **values)
                )
            data = dataclasses.replace(record.data, **values)
            return self.context.services.participant_groups.update(
                record.id, data, expected_version=record.version
            )

        key = f"participant_group/{record.id}" if record else "participant_group/new"
        form = Form(self.context, form_key=key, title=_tr("Participant group"), submit=submit)
        form.add_field("name", _tr("&Name:"), QLineEdit())
        code = form.add_field(
            "code",
            _tr("&Code:"),
            QLineEdit(),
            hint=_tr("Short, lowercase, no spaces (e.g. youth). Cannot change once used."),
        )
        fit_width(code, 20)
        if record is not None:
            form.set_values({"name": record.data.name, "code": record.data.code})
        return self.open_form(form, "participant_group_dialog")

    def toggle(self) -> None:
        group = self.selected()
        if group is None:
            return
        data = dataclasses.replace(group.data, active=not group.data.active)
        self._write(
            lambda services: services.participant_groups.update(
                group.id, data, expected_version=group.version
            ),
            _tr("The group was not deactivated.")
            if group.data.active
            else _tr("The group was not reactivated."),
        )


class HarmsPanel(_ListPanel):
    """The office's harm catalogue: add, rename, retire (never delete a harm in use)."""

    entity = "harm"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, [_tr("Harm"), _tr("Code"), _tr("Status")], _tr("Harm catalogue"))
        self.setParent(parent)
        self.add_button = self.button(_tr("&Add harm…"), self.add)
        self.rename_button = self.button(_tr("Re&name…"), self.rename)
        self.retire_button = self.button(_tr("Re&tire"), self.toggle_retired)
        self.delete_button = self.button(_tr("De&lete"), self.delete)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button.setEnabled(context.services.can("create", "harm"))
        self.reload()

    def reload(self) -> None:
        records = self.context.services.harms.list(
            where={"community_id": None}, order_by="name"
        ).items
        self.records = {record.id: record for record in records}
        fill_table(
            self.table,
            [
                (
                    h.id,
                    (h.data.name, h.data.code, _tr("Retired") if h.data.retired else _tr("In use")),
                )
                for h in records
            ],
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        harm = self.selected()
        may = self.may_change()
        for button in (self.rename_button, self.retire_button, self.delete_button):
            button.setEnabled(harm is not None and may)
        if harm is not None:
            self.retire_button.setText(_tr("Rein&state") if harm.data.retired else _tr("Re&tire"))

    def _dialog(self, record: Record[HarmData] | None) -> bool:
        def submit(values: dict[str, Any]) -> object:
            if record is None:
                return self.context.services.harms.create(HarmData(**values))
            data = dataclasses.replace(record.data, **values)
            return self.context.services.harms.update(
                record.id, data, expected_version=record.version
            )

        key = f"harm/{record.id}" if record else "harm/new"
        form = Form(self.context, form_key=key, title=_tr("Harm"), submit=submit)
        form.add_field("name", _tr("&Name:"), QLineEdit())
        form.add_field("description", _tr("&Description:"), QLineEdit())
        if record is not None:
            form.set_values({"name": record.data.name, "description": record.data.description})
        return self.open_form(form, "harm_dialog")

    def toggle_retired(self) -> None:
        harm = self.selected()
        if harm is None:
            return
        data = dataclasses.replace(harm.data, retired=not harm.data.retired)
        self._write(
            lambda services: services.harms.update(harm.id, data, expected_version=harm.version),
            _tr("The harm was not reinstated.")
            if harm.data.retired
            else _tr("The harm was not retired."),
        )

    def delete(self, harm_id: uuid.UUID | None = None) -> bool:
        """Delete the selected harm; the service refuses a harm in use, and that is said."""
        target = harm_id or selected_id(self.table)
        harm = self.records.get(target) if target is not None else None
        if harm is None:
            return False
        return self._write(
            lambda services: services.harms.delete(harm.id, expected_version=harm.version),
            _tr("The harm was not deleted."),
        )
