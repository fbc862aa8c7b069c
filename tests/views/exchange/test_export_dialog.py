"""File > Export…: the dialog writes the same export as ``clcp export``; a role that may
not export sees the entry greyed."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.demo.generate import generate_demo
from desktop.exchange.collect import SHAREABLE
from desktop.exchange.export import CSV
from desktop.services.framework.actor import Actor
from desktop.storage import Database, open_database
from desktop.views.exchange.export_dialog import ExportDialog
from desktop.views.exchange.menu import add_export_entry
from desktop.views.shell.context import AppContext


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export-dialog") / "demo.db"
    db = open_database(path)
    try:
        generate_demo(db, communities=3, seed=3, today=date(2026, 6, 1), actor=Actor("t"))
    finally:
        db.close()
    return path


@pytest.fixture
def db(demo_path: Path) -> Iterator[Database]:
    database = open_database(demo_path)
    yield database
    database.close()


def _context(db: Database, role: str, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext.create(db, Actor(role, role=role), settings=settings)


def test_the_dialog_writes_a_shareable_csv_export(
    db: Database, tmp_path: Path, qtbot: object
) -> None:
    dialog = ExportDialog(_context(db, "manager", tmp_path))
    dialog.profile.setCurrentIndex(dialog.profile.findData(SHAREABLE))
    dialog.format.setCurrentIndex(dialog.format.findData(CSV))
    out = tmp_path / "for-cluster"
    assert dialog.export_to(out)
    with (out / "communities.csv").open(encoding="utf-8-sig") as handle:
        headers, tags, *rows = list(csv.reader(handle))
    assert "notes" not in headers and "#adm2+name" in tags and len(rows) == 3


@pytest.mark.parametrize(("role", "enabled"), [("manager", True), ("admin", False)])
def test_the_menu_entry_follows_the_permissions(
    db: Database, tmp_path: Path, qtbot: object, role: str, enabled: bool
) -> None:
    window = QMainWindow()
    menu = QMenu(window)
    add_export_entry(window, menu, _context(db, role, tmp_path))
    action, *_imports = menu.actions()
    assert action.isEnabled() is enabled
    if not enabled:
        assert action.toolTip()


def test_a_list_is_checked_then_imported(demo_path: Path, tmp_path: Path, qtbot: object) -> None:
    from desktop.views.exchange.import_list_dialog import ImportListDialog

    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_path.read_bytes())
    db = open_database(copy)
    dialog = ImportListDialog(_context(db, "manager", tmp_path))
    file = tmp_path / "list.csv"
    file.write_text("name,district,Remarks\nKéréwé,Kongoussi,x\n", encoding="utf-8")
    dialog.file.setText(str(file))
    checked = dialog.run(dry_run=True)
    assert checked is not None and checked.created == 1
    assert "would be added" in dialog.said.text() and "Remarks" in dialog.said.text()
    assert dialog.run(dry_run=False) is not None
    assert dialog.run(dry_run=False) is None  # the same list again: a likely duplicate
    assert "looks like" in dialog.said.text()
    dialog.file.setText(str(tmp_path / "missing.csv"))
    assert dialog.run(dry_run=True) is None
    assert "no file" in dialog.said.text()
    db.close()
