"""The shape every section of the cycle workspace shares: a list of records with Add, Edit
and Delete, each record edited in a form dialog (see ``desktop.views.forms``).

A section is described as data, a :class:`SectionSpec`: its service entity, its words,
its columns, how a record fills a row and how to build its form. One widget,
:class:`RecordSection`, reads the spec and does the rest: permissions, selection by id
and refreshing. A section that behaves differently (more buttons, columns that depend
on the office's groups, a list that follows another) subclasses it and says why.
Writes go through ``desktop.views.shell.operations``, which announces what they changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.views.forms import Form, FormDialog
from desktop.views.forms.tables import RECORD_ID_ROLE, record_table
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form, run_write

_ID_ROLE = RECORD_ID_ROLE
Cell = str | QTableWidgetItem
#: Names a section looks records' links up by, fetched once per refresh
#: (``{"harms": {harm id: name}}``).
Names = Mapping[str, Mapping[Any, str]]
#: The translation context of the words in the specs.
_CONTEXT = "CycleSections"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text) if text else ""


@dataclass(frozen=True)
class CycleRef:
    """The cycle a workspace shows, as its sections need it."""

    context: AppContext
    cycle_id: uuid.UUID
    community_id: uuid.UUID

    def can(self, action: str, entity: str) -> bool:
        return self.context.services.can(action, entity, self.community_id)


@dataclass(frozen=True)
class SectionSpec:
    """One section of the workspace, as data. Words are kept as written and translated
    when shown (like the pages of the main window)."""

    #: The service's entity name ("action"), for permissions and form keys.
    entity: str
    #: The attribute of ``Services`` holding its records ("actions").
    service: str
    #: The list's name (read by screen readers).
    title: str
    introduction: str
    #: Shown instead of the list while it is empty.
    empty: str
    #: The Add button.
    add: str
    headers: tuple[str, ...]
    #: The cells of a record's row; a subclass may answer ``cells`` itself instead.
    cells: Callable[[RecordSection, Record[Any]], list[Cell]] | None = None
    #: The record's form (None: a new record), loaded, ``submit`` set.
    form: Callable[[RecordSection, Record[Any] | None], Form] | None = None
    #: The column that takes the spare width.
    stretch: int = 1
    #: The field a record is listed under: the cycle's (``cycle_id``) or the community's.
    parent: str = "cycle_id"
    #: The names the cells look links up by, fetched once per refresh.
    lookups: Callable[[CycleRef], Names] | None = None


class RecordSection(QWidget):
    """A list of one kind of record of the cycle, as its :class:`SectionSpec` says."""

    #: After a record was saved or deleted (the list is already refreshed).
    records_changed = Signal()

    def __init__(self, spec: SectionSpec, cycle: CycleRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.entity = spec.entity
        self.cycle = cycle
        self.context = cycle.context
        self.dialog: FormDialog | None = None
        self._records: dict[uuid.UUID, Record[Any]] = {}
        #: What ``spec.lookups`` found at the last refresh.
        self.names: Names = {}

        self.table = record_table([], self.list_name())
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.intro = QLabel(self.introduction())
        self.intro.setWordWrap(True)
        self.empty = QLabel(self.empty_text())
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(self.empty.foregroundRole())

        self.add_button = QPushButton(self.add_text())
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.delete_button = QPushButton(self.tr("De&lete"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.edit_button)
        self.extra_buttons()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.delete_button)

        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.intro)
        self.body.addLayout(self.buttons)
        self.body.addWidget(self.table, 3)
        self.body.addWidget(self.empty, 3)
        self.add_button.setVisible(cycle.can("create", self.entity))
        self.edit_button.setVisible(cycle.can("update", self.entity))
        self.delete_button.setVisible(cycle.can("delete", self.entity))

    # --- hooks (a subclass may answer them itself) -----------------------------------------

    def list_name(self) -> str:
        return _tr(self.spec.title)

    def introduction(self) -> str:
        return _tr(self.spec.introduction)

    def empty_text(self) -> str:
        return _tr(self.spec.empty)

    def add_text(self) -> str:
        return _tr(self.spec.add) or self.tr("&Add…")

    def extra_buttons(self) -> None:
        """Add buttons of the section's own to ``self.buttons`` (after Add and Edit)."""

    def headers(self) -> list[str]:
        return [_tr(header) for header in self.spec.headers]

    def records(self) -> Sequence[Record[Any]]:
        """The records listed: the cycle's (or its community's) of the section's kind."""
        parent = self.spec.parent
        owner = self.cycle.community_id if parent == "community_id" else self.cycle.cycle_id
        return self.service().list(where={parent: owner}).items

    def cells(self, record: Record[Any]) -> list[Cell]:
        if self.spec.cells is None:
            raise NotImplementedError(self.spec.entity)
        return self.spec.cells(self, record)

    def build_form(self, record: Record[Any] | None) -> Form:
        """The form for ``record`` (None: a new one), values loaded, ``submit`` set."""
        if self.spec.form is None:
            raise NotImplementedError(self.spec.entity)
        return self.spec.form(self, record)

    def service(self) -> EntityService[Any, Any]:
        service: EntityService[Any, Any] = getattr(self.context.services, self.spec.service)
        return service

    def stretch_column(self) -> int:
        return self.spec.stretch

    def save(self, record: Record[Any] | None, data: Any) -> Record[Any]:
        """Add ``data`` as a new record (``record`` None), else change ``record`` to it;
        a change made meanwhile by someone else is refused."""
        if record is None:
            return self.service().create(data)
        return self.service().update(record.id, data, expected_version=record.version)

    def refreshed(self) -> None:
        """Update what the section shows beside its list (a chart, a check)."""

    # --- behaviour ---------------------------------------------------------------------

    def refresh(self) -> None:
        lookups = self.spec.lookups
        self.names = lookups(self.cycle) if lookups is not None else {}
        keep = self.current_id()
        records = list(self.records())
        self._records = {r.id: r for r in records}
        table = self.table
        table.setSortingEnabled(False)
        table.clear()
        headers = self.headers()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(records))
        for row, record in enumerate(records):
            for column, cell in enumerate(self.cells(record)):
                item = cell if isinstance(cell, QTableWidgetItem) else QTableWidgetItem(cell)
                item.setData(_ID_ROLE, record.id)
                item.setToolTip(item.toolTip() or item.text())
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.resizeColumnsToContents()
        for column in range(len(headers)):
            header.resizeSection(column, min(header.sectionSize(column) + 12, 320))
        header.setSectionResizeMode(self.stretch_column(), QHeaderView.ResizeMode.Stretch)
        table.setVisible(bool(records))
        self.empty.setVisible(not records)
        if keep is not None:
            self.select_record(keep)
        self._update_buttons()
        self.refreshed()

    def current_id(self) -> uuid.UUID | None:
        items = self.table.selectedItems()
        return items[0].data(_ID_ROLE) if items else None

    def current(self) -> Record[Any] | None:
        record_id = self.current_id()
        return self._records.get(record_id) if record_id is not None else None

    def shown_ids(self) -> list[uuid.UUID | None]:
        """The records in the list, top to bottom."""
        return [self._row_id(row) for row in range(self.table.rowCount())]

    def select_record(self, record_id: uuid.UUID) -> bool:
        for row in range(self.table.rowCount()):
            if self._row_id(row) == record_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.table.model().index(row, 0))
                return True
        return False

    def _row_id(self, row: int) -> uuid.UUID | None:
        item = self.table.item(row, 0)
        return item.data(_ID_ROLE) if item is not None else None

    def add(self) -> None:
        self.open_form(None)

    def edit(self) -> None:
        record = self.current()
        if record is not None and self.cycle.can("update", self.entity):
            self.open_form(record)

    def open_form(self, record: Record[Any] | None) -> FormDialog:
        """Show the form in a window-modal dialog; the list refreshes when it is saved."""
        form = route_form(self.build_form(record), self.context, self)
        form.saved.connect(self._saved)
        dialog = FormDialog(form, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        form.offer_draft()
        dialog.open()
        return dialog

    def delete(self) -> None:
        record = self.current()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete"),
            self.tr("Delete the selected record? The record history keeps a note of it."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        outcome = run_write(
            self,
            self.context,
            lambda _services: self.service().delete(record.id, expected_version=record.version),
            failed=self.tr("The record was not deleted."),
            reload=self.refresh,
        )
        if outcome.ok:
            self.after_write(None)

    def _saved(self, result: object) -> None:
        self.after_write(result.id if isinstance(result, Record) else None)

    def after_write(self, record_id: uuid.UUID | None) -> None:
        self.refresh()
        if record_id is not None:
            self.select_record(record_id)
        self.records_changed.emit()

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)


def form_key(entity: str, record: Record[Any] | None, parent_id: uuid.UUID) -> str:
    """``"action/<id>"`` for a record, ``"action/new/<cycle id>"`` for a new one."""
    return f"{entity}/{record.id}" if record is not None else f"{entity}/new/{parent_id}"


def load_form(
    form: Form, record: Record[Any] | None, link: str, new: Mapping[str, Any] | None = None
) -> Form:
    """Fill ``form`` with ``record``'s values but its ``link`` to its parent (the cycle,
    an indicator), or with ``new`` for a new record."""
    if record is None:
        form.set_values(dict(new or {}))
        return form
    values = asdict(record.data)
    values.pop(link)
    form.set_values(values)
    return form


def date_text(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") and value is not None else ""
