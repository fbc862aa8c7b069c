"""Driving the cycle workspace's forms the way a person does: click, type, save."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.framework.actor import Actor
from desktop.storage import Database
from desktop.views.cycle.section import RecordSection
from desktop.views.forms import FormDialog
from desktop.views.shell.context import AppContext

TODAY = date(2025, 6, 2)  # "today" for the workspace: overdue marks and default dates
START = date(2025, 1, 6)


@dataclass(frozen=True)
class CycleWorld:
    context: AppContext
    community_id: uuid.UUID
    cycle_id: uuid.UUID


def make_context(db: Database, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext.create(
        db, Actor(username="tester", role="manager"), settings=settings, today=TODAY
    )


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_add(qtbot: QtBot, section: RecordSection) -> FormDialog:
    """Click the section's Add button; the form dialog it opens."""
    assert section.add_button.isVisible() and section.add_button.isEnabled()
    click(qtbot, section.add_button)
    dialog = section.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_into(qtbot: QtBot, dialog: FormDialog, field: str, text: str) -> None:
    widget = dialog.form.field(field)
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def pick(dialog: FormDialog, field: str, text: str) -> None:
    """Choose the drop-down entry whose label is ``text``."""
    combo = dialog.form.field(field)
    assert isinstance(combo, QComboBox)
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def set_date(dialog: FormDialog, field: str, value: date | None) -> None:
    dialog.form.field(field).set_value(value)  # type: ignore[attr-defined]


def tick(qtbot: QtBot, dialog: FormDialog, field: str) -> None:
    box = dialog.form.field(field)
    assert isinstance(box, QCheckBox)
    box.setChecked(True)


def save(qtbot: QtBot, dialog: FormDialog) -> None:
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))


def column_texts(section: RecordSection, column: int) -> list[str]:
    table = section.table
    texts = []
    for row in range(table.rowCount()):
        item = table.item(row, column)
        texts.append(item.text() if item is not None else "")
    return texts


def header_texts(section: RecordSection) -> list[str]:
    table = section.table
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]


def close_unsaved(dialog: FormDialog) -> None:
    """Leave a form whose input was refused without being asked about it."""
    dialog.form.revert()
    dialog.reject()


def values(dialog: FormDialog) -> dict[str, Any]:
    return dialog.form.values()


def row_counts(db: Database) -> dict[str, int]:
    """Rows per table, the audit trail included (form drafts left out: typing makes them)."""
    from sqlalchemy import func, select

    from desktop.models import Base

    with db.session() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
            if "draft" not in table.name
        }
