"""Settings lists the office keeps: participant groups and the harm catalogue.

Nothing in use is ever deleted: a group used in records is deactivated, a harm used
in a cycle is retired (the service refuses the delete and says so).
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.services.errors import ServiceError, ValidationError
from desktop.services.harms import HarmData
from desktop.services.office import ParticipantGroupData
from desktop.services.records import Record
from desktop.views.context import AppContext
from desktop.views.forms import Form, FormDialog, fit_width
from desktop.views.forms.form import error_palette
from desktop.views.forms.tables import fill_table, record_table, selected_id


def _tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


class _ListPanel(QWidget):
    """A table with buttons under it and a line for messages."""

    def __init__(self, table_headers: list[str], name: str) -> None:
        super().__init__()
        self.table = record_table(table_headers, name)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        error_palette(self.message)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.buttons)

    def button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


class GroupsPanel(_ListPanel):
    """The participant groups whose participation is counted, in column order."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__([_tr("Name"), _tr("Code"), _tr("In use")], _tr("Participant groups"))
        self.setParent(parent)
        self.context = context
        self.add_button = self.button(_tr("&Add group…"), self.add)
        self.rename_button = self.button(_tr("&Rename…"), self.rename)
        self.toggle_button = self.button(_tr("&Deactivate"), self.toggle)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button.setEnabled(context.services.can("create", "participant_group"))
        self.reload()

    def reload(self) -> None:
        self.groups = {
            group.id: group
            for group in self.context.services.participant_groups.participant_groups(
                active_only=False
            )
        }
        fill_table(
            self.table,
            [
                (g.id, (g.data.name, g.data.code, _tr("Yes") if g.data.active else _tr("No")))
                for g in self.groups.values()
            ],
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        group = self.groups.get(selected_id(self.table))
        may = self.context.services.can("update", "participant_group")
        self.rename_button.setEnabled(group is not None and may)
        self.toggle_button.setEnabled(group is not None and may)
        if group is not None:
            self.toggle_button.setText(
                _tr("&Deactivate") if group.data.active else _tr("Re&activate")
            )

    def _dialog(self, record: Record[ParticipantGroupData] | None) -> bool:
        def submit(values: dict[str, Any]) -> object:
            if record is None:
                position = max((g.data.position for g in self.groups.values()), default=-1) + 1
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
        dialog = FormDialog(form, self)
        dialog.setObjectName("participant_group_dialog")
        return bool(dialog.exec())

    def add(self) -> None:
        self.edit_record(None)

    def rename(self) -> None:
        if selected_id(self.table) is not None:
            self.edit_record(selected_id(self.table))

    def edit_record(self, group_id: uuid.UUID | None) -> None:
        """The form of a group (None: a new one); the list is refreshed once saved."""
        group = self.groups.get(group_id) if group_id is not None else None
        if (group_id is None or group is not None) and self._dialog(group):
            self._changed()

    def toggle(self) -> None:
        group = self.groups.get(selected_id(self.table))
        if group is None:
            return
        data = dataclasses.replace(group.data, active=not group.data.active)
        try:
            self.context.services.participant_groups.update(
                group.id, data, expected_version=group.version
            )
        except ServiceError as error:
            self.say(str(error))
            return
        self._changed()

    def _changed(self) -> None:
        self.say("")
        self.reload()
        self.context.navigator.data_changed.emit("participant_group")


class HarmsPanel(_ListPanel):
    """The office's harm catalogue: add, rename, retire (never delete a harm in use)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__([_tr("Harm"), _tr("Code"), _tr("Status")], _tr("Harm catalogue"))
        self.setParent(parent)
        self.context = context
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
        self.harms = {record.id: record for record in records}
        fill_table(
            self.table,
            [
                (
                    h.id,
                    (h.data.name, h.data.code, _tr("Retired") if h.data.retired else _tr("Active")),
                )
                for h in records
            ],
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        harm = self.harms.get(selected_id(self.table))
        may = self.context.services.can("update", "harm")
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
        dialog = FormDialog(form, self)
        dialog.setObjectName("harm_dialog")
        return bool(dialog.exec())

    def add(self) -> None:
        self.edit_record(None)

    def rename(self) -> None:
        if selected_id(self.table) is not None:
            self.edit_record(selected_id(self.table))

    def edit_record(self, harm_id: uuid.UUID | None) -> None:
        """The form of a harm (None: a new one); the list is refreshed once saved."""
        harm = self.harms.get(harm_id) if harm_id is not None else None
        if (harm_id is None or harm is not None) and self._dialog(harm):
            self._changed()

    def toggle_retired(self) -> None:
        harm = self.harms.get(selected_id(self.table))
        if harm is None:
            return
        data = dataclasses.replace(harm.data, retired=not harm.data.retired)
        self._write(
            lambda: self.context.services.harms.update(harm.id, data, expected_version=harm.version)
        )

    def delete(self, harm_id: uuid.UUID | None = None) -> bool:
        """Delete the selected harm; the service refuses a harm in use, and that is said."""
        target = harm_id or selected_id(self.table)
        harm = self.harms.get(target)
        if harm is None:
            return False
        return self._write(
            lambda: self.context.services.harms.delete(harm.id, expected_version=harm.version)
        )

    def _write(self, call: Any) -> bool:
        try:
            call()
        except ValidationError as refused:
            self.say(" ".join(refused.errors.values()))
            return False
        except ServiceError as error:
            self.say(str(error))
            return False
        self._changed()
        return True

    def _changed(self) -> None:
        self.say("")
        self.reload()
        self.context.navigator.data_changed.emit("harm")
