"""File > Import a list… maps the file's columns to fields with a preview that marks likely
duplicates; File > Import submissions… previews every submission off the window's thread
before anything is written."""

from __future__ import annotations

import csv
import io
import threading
import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox
from sqlalchemy import func, select

from desktop.demo.generate import generate_demo
from desktop.models import Community, CommunityAssignment, Cycle, Meeting, User
from desktop.services.framework.actor import Actor
from desktop.storage import Database, open_database
from desktop.views.exchange.import_list_dialog import ImportListDialog
from desktop.views.exchange.import_submissions_dialog import ImportSubmissionsDialog
from desktop.views.shell.context import AppContext


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("import-dialogs") / "demo.db"
    db = open_database(path)
    try:
        generate_demo(db, communities=3, seed=3, today=date(2026, 6, 1), actor=Actor("t"))
    finally:
        db.close()
    return path


@pytest.fixture
def db(demo_path: Path, tmp_path: Path) -> object:
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_path.read_bytes())
    database = open_database(copy)
    yield database
    database.close()


def _context(db: Database, role: str, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext.create(db, Actor(role, role=role), settings=settings)


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _choose(dialog: ImportListDialog, column: str, field: str) -> None:
    choice = dialog.findChild(QComboBox, f"field:{column}")
    assert choice is not None
    choice.setCurrentIndex(choice.findData(field))


def test_columns_are_mapped_and_duplicates_marked_before_anything_is_written(
    db: Database, tmp_path: Path, qtbot: object
) -> None:
    with db.session() as session:
        existing, district = session.execute(select(Community.name, Community.district)).first()
    file = tmp_path / "list.csv"
    file.write_text(
        "Village,District,Pop.,name\n"
        f"Kéréwé,{district},1200,x\n"
        f"{existing.upper()},{district},300,y\n",
        encoding="utf-8",
    )
    dialog = ImportListDialog(_context(db, "manager", tmp_path))
    dialog.file.setText(str(file))
    dialog.load()
    assert len(dialog.choices) == 4
    assert dialog.overrides() == {"Village": "", "District": "district", "Pop.": "", "name": "name"}
    _choose(dialog, "name", "")
    _choose(dialog, "Village", "name")
    _choose(dialog, "Pop.", "population_estimate")
    headers = [
        dialog.preview.horizontalHeaderItem(i).text() for i in range(dialog.preview.columnCount())
    ]
    assert headers == ["Row", "Name", "District", "Population estimate", "Look at"]
    assert dialog.preview.item(0, 1).text() == "Kéréwé"
    assert dialog.preview.item(1, 4).text() == f"Likely duplicate of {existing}"
    assert "Likely duplicates, marked: 1." in dialog.said.text()
    before = _count(db, Community)
    dialog.duplicates.setCurrentIndex(1)  # leave likely duplicates out
    summary = dialog.run(dry_run=True)
    assert summary is not None and summary.created == 1 and _count(db, Community) == before
    assert dialog.run(dry_run=False) is not None
    assert _count(db, Community) == before + 1
    with db.session() as session:
        added = session.scalars(select(Community).where(Community.name == "Kéréwé")).one()
    assert added.population_estimate == 1200


def _meetings_csv(db: Database, path: Path) -> Path:
    with db.session() as session:
        community = session.scalars(
            select(Community.id)
            .join(CommunityAssignment, CommunityAssignment.community_id == Community.id)
            .join(User, User.id == CommunityAssignment.user_id)
            .join(Cycle, Cycle.community_id == Community.id)
            .where(User.username == "facilitator", Cycle.status == "active")
        ).first()
    text = io.StringIO()
    rows = csv.writer(text)
    rows.writerow(["community_id", "held_on", "kind", "attendance-count_girls",
                   "meta-instanceID", "ReviewState"])  # fmt: skip
    for review in ("", "", "rejected"):
        rows.writerow(
            [community, "2026-05-20", "whole_community", "4", f"uuid:{uuid.uuid4()}", review]
        )
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def test_submissions_are_previewed_off_the_window_thread_then_imported(
    db: Database, tmp_path: Path, qtbot: object
) -> None:
    file = _meetings_csv(db, tmp_path / "meetings.csv")
    dialog = ImportSubmissionsDialog(_context(db, "facilitator", tmp_path))
    dialog.file.setText(str(file))
    before = _count(db, Meeting)
    seen: list[int] = []
    from desktop.exchange.submissions import import_submissions as original

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(threading.get_ident())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    submissions_module_import = (
        "desktop.views.exchange.import_submissions_dialog.import_submissions"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(submissions_module_import, watched)
        dialog.run(dry_run=True)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 3)  # type: ignore[attr-defined]
    assert seen and seen[0] != threading.get_ident()
    assert [dialog.table.item(r, 4).text() for r in range(3)] == [
        "New record", "New record", "Rejected on the server: left out"]  # fmt: skip
    assert "2 new records" in dialog.said.text() and "1 rejected" in dialog.said.text()
    assert _count(db, Meeting) == before and dialog.import_button.isEnabled()
    dialog.run(dry_run=False)
    qtbot.waitUntil(lambda: _count(db, Meeting) == before + 2)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "came in" in dialog.said.text())  # type: ignore[attr-defined]
    assert not dialog.import_button.isEnabled()
    dialog.run(dry_run=True)
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: (
            dialog.table.item(0, 4) is not None
            and dialog.table.item(0, 4).text().startswith("Already imported")
        )
    )
    assert not dialog.import_button.isEnabled()  # nothing new to import


def test_a_refused_file_is_said_in_words(db: Database, tmp_path: Path, qtbot: object) -> None:
    file = tmp_path / "list.csv"
    file.write_text("name,district,meta-instanceID\nKibondo,Kigoma,x\n", encoding="utf-8")
    dialog = ImportSubmissionsDialog(_context(db, "facilitator", tmp_path))
    dialog.file.setText(str(file))
    dialog.run(dry_run=True)
    qtbot.waitUntil(lambda: "not an export" in dialog.said.text())  # type: ignore[attr-defined]
    assert dialog.table.rowCount() == 0 and not dialog.import_button.isEnabled()
