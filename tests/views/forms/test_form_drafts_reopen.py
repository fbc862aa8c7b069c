"""Drafts of the directory, settings and community forms are offered back after a crash
and reopen the form where it lives, with what was typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.services.usecases.drafts import DraftService
from desktop.storage import Database, open_database
from desktop.views.forms import Form, FormDialog
from desktop.views.shell.main_window import MainWindow
from tests.views.community_screens_support import MANAGER, TODAY, ini_settings, make_demo
from tests.views.draft_prompts import accept_offered_drafts, discard_unsaved_on_close


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(make_demo(tmp_path / "demo.db", communities=4))
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    discard_unsaved_on_close(monkeypatch)
    return accept_offered_drafts(monkeypatch)


def _window(qtbot: QtBot, db: Database, tmp_path: Path) -> MainWindow:
    window = MainWindow(db, actor=MANAGER, settings=ini_settings(tmp_path), today=TODAY)
    qtbot.addWidget(window)
    return window


def _type_and_crash(qtbot: QtBot, window: MainWindow, form: Form, field: str, text: str) -> None:
    widget = form.field(field)
    assert isinstance(widget, QLineEdit)
    widget.setText(text)
    drafts = DraftService(window.context.db, MANAGER)
    qtbot.waitUntil(lambda: drafts.load(form.form_key) is not None)
    window.hide()  # no save, no close


def test_a_stakeholder_draft_reopens_on_that_stakeholder(
    qtbot: QtBot, db: Database, tmp_path: Path, _answers: list[str]
) -> None:
    first = _window(qtbot, db, tmp_path)
    first.request_page("stakeholders")
    page = first.page("stakeholders")
    form = page.form  # type: ignore[attr-defined]
    chosen = page.record.id  # type: ignore[attr-defined]
    _type_and_crash(qtbot, first, form, "name", "District Probation Office (new name)")

    second = _window(qtbot, db, tmp_path)
    assert _answers == [f"stakeholder/{chosen}"]
    again = second.page("stakeholders")
    assert second.stack.currentWidget() is again
    assert again.record.id == chosen  # type: ignore[attr-defined]
    assert again.form.values()["name"] == "District Probation Office (new name)"  # type: ignore[attr-defined]
    assert again.form.dirty  # type: ignore[attr-defined]


def test_the_office_settings_draft_reopens_the_settings_page(
    qtbot: QtBot, db: Database, tmp_path: Path, _answers: list[str]
) -> None:
    first = _window(qtbot, db, tmp_path)
    first.request_page("settings")
    forms = [
        f for f in first.page("settings").findChildren(Form) if f.form_key == "office/settings"
    ]
    assert len(forms) == 1
    _type_and_crash(qtbot, first, forms[0], "office_name", "Lira field office")

    second = _window(qtbot, db, tmp_path)
    assert _answers == ["office/settings"]
    page = second.page("settings")
    assert second.stack.currentWidget() is page
    (form,) = [f for f in page.findChildren(Form) if f.form_key == "office/settings"]
    assert form.values()["office_name"] == "Lira field office" and form.dirty


def _read_reopened_dialog(seen: list[object], field: str) -> None:
    """When the reopened form's dialog is up: note its key and ``field``, then close it."""

    def look(left: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FormDialog):
            if left:
                QTimer.singleShot(20, lambda: look(left - 1))
            return
        seen.append(dialog.form.form_key)
        seen.append(dialog.form.values().get(field))
        dialog.form.discard_draft()
        dialog.done(0)

    QTimer.singleShot(0, look)


def test_a_new_linkage_draft_reopens_its_form_on_the_community(
    qtbot: QtBot, db: Database, tmp_path: Path, _answers: list[str]
) -> None:
    services = _window(qtbot, db, tmp_path).context.services
    community = services.communities.list(limit=1).items[0]
    key = f"linkage/new/{community.id}"
    DraftService(db, MANAGER).save(key, "New linkage", {"agreed_on": None, "notes": "Met twice"})
    seen: list[object] = []
    _read_reopened_dialog(seen, "notes")
    window = _window(qtbot, db, tmp_path)
    assert _answers == [key]
    assert seen == [key, "Met twice"]
    assert getattr(window.detail, "community_id", None) == community.id


def test_a_harm_draft_reopens_its_form_on_the_harm_catalogue(
    qtbot: QtBot, db: Database, tmp_path: Path, _answers: list[str]
) -> None:
    DraftService(db, MANAGER).save("harm/new", "Harm", {"name": "Early leaving of home"})
    seen: list[object] = []
    _read_reopened_dialog(seen, "name")
    window = _window(qtbot, db, tmp_path)
    assert _answers == ["harm/new"]
    assert seen == ["harm/new", "Early leaving of home"]
    page = window.page("settings")
    assert page.tabs.currentWidget() is page.harms  # type: ignore[attr-defined]
