"""The operation runner: a write announces what it changed as typed data, a refused one
shows one message and changes nothing, a long one runs off the GUI thread."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.framework.changes import Changes
from desktop.services.usecases.harms import HarmData
from desktop.storage import Database
from desktop.views.reviews.comment_panel import CommentsPanel
from desktop.views.settings.page import SettingsPage
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import CONFLICT_BOX, run_write
from tests.views.community_screens_support import ini_settings
from tests.views.reviews.review_world import build_review_world
from tests.views.write_boxes import read_and_close, shown_boxes

MANAGER = Actor("manager", role="manager")
FACILITATOR = Actor("facilitator", role="facilitator")


class Heard:
    """Everything the navigator announced."""

    def __init__(self, context: AppContext) -> None:
        self.changes: list[Changes] = []
        self.names: list[str] = []
        context.navigator.changes_made.connect(self.changes.append)
        context.navigator.changes_made.connect(self._name_kinds)

    def _name_kinds(self, changes: Changes) -> None:
        """The kinds written, in order, once each per announcement."""
        self.names.extend(dict.fromkeys(entry.kind for entry in changes.entries))


def make(
    qtbot: QtBot, db: Database, tmp_path: Path, actor: Actor = MANAGER
) -> tuple[AppContext, QWidget, Heard]:
    context = AppContext.create(db, actor, settings=ini_settings(tmp_path))
    screen = QWidget()
    qtbot.addWidget(screen)
    return context, screen, Heard(context)


def harm_count(db: Database) -> int:
    return Services(db, MANAGER).harms.list(include_deleted=True).total


def test_a_write_announces_its_kinds_and_ids_typed_and_by_name(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    context, screen, heard = make(qtbot, db, tmp_path)
    made = run_write(screen, context, lambda s: s.harms.create(HarmData(name="Forced labour")))
    assert made.ok and made.value is not None
    harm_id = str(made.value.id)
    [changes] = heard.changes
    assert changes.ids("harm", "created") == {harm_id}
    assert changes.kinds == {"harm"} and changes.initiator is screen
    assert heard.names == ["harm"]

    retired = dataclasses.replace(made.value.data, retired=True)
    run_write(
        screen,
        context,
        lambda s: s.harms.update(made.value.id, retired, expected_version=made.value.version),
        initiator="settings",
    )
    assert heard.changes[-1].ids("harm", "updated") == {harm_id}
    assert heard.changes[-1].initiator == "settings"
    assert heard.names == ["harm", "harm"]
    assert not shown_boxes()


@pytest.mark.parametrize(
    ("actor", "data", "reason"),
    [
        (MANAGER, HarmData(name="   "), "Required."),
        (FACILITATOR, HarmData(name="Forced labour"), ""),
    ],
    ids=["invalid", "not allowed"],
)
def test_a_refused_write_shows_one_message_and_changes_nothing(
    qtbot: QtBot, db: Database, tmp_path: Path, actor: Actor, data: HarmData, reason: str
) -> None:
    context, screen, heard = make(qtbot, db, tmp_path, actor)
    before = harm_count(db)
    outcome = run_write(
        screen, context, lambda s: s.harms.create(data), failed="The harm was not added."
    )
    assert not outcome.ok and outcome.refused is not None
    text = read_and_close()
    assert text.startswith("The harm was not added.\n")
    assert (reason or str(outcome.refused)) in text.splitlines()[1]  # and why
    assert harm_count(db) == before
    assert heard.changes == [] and heard.names == []
    assert not shown_boxes(CONFLICT_BOX)


def test_a_stale_version_is_a_conflict_offering_to_reload(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    context, screen, heard = make(qtbot, db, tmp_path)
    harm = context.services.harms.create(HarmData(name="Forced labour"))
    Services(db, Actor("colleague", role="manager")).harms.update(
        harm.id, dataclasses.replace(harm.data, description="Seen at the market")
    )
    heard.changes.clear()
    reloaded: list[bool] = []
    outcome = run_write(
        screen,
        context,
        lambda s: s.harms.update(
            harm.id, dataclasses.replace(harm.data, retired=True), expected_version=harm.version
        ),
        failed="The harm was not retired.",
        reload=lambda: reloaded.append(True),
    )
    assert not outcome.ok
    [box] = shown_boxes(CONFLICT_BOX)
    assert box.text() == "The harm was not retired."
    assert box.informativeText().startswith("This harm was changed by colleague since you")
    assert "Reload it to see their version" in box.informativeText()
    assert not shown_boxes()  # one message, not two
    again = next(b for b in box.buttons() if b.text() == "&Reload")
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert reloaded == [True]
    assert context.services.harms.get(harm.id).data.retired is False
    assert heard.changes == []


def test_a_long_write_runs_off_the_gui_thread_behind_a_progress_window(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    context, screen, heard = make(qtbot, db, tmp_path)
    screen.show()
    qtbot.waitExposed(screen)
    release = threading.Event()
    ran_on: list[int] = []
    delivered_on: list[int] = []
    results: list[object] = []

    def op(services: Services) -> object:
        ran_on.append(threading.get_ident())
        assert release.wait(30), "the test never let the write go on"
        return services.harms.create(HarmData(name="Forced labour"))

    def done(outcome: object) -> None:
        delivered_on.append(threading.get_ident())
        results.append(outcome)

    pending = run_write(screen, context, op, long=True, progress="Adding the harm…", done=done)
    assert pending.pending and not pending.ok
    progress = screen.findChild(QProgressDialog, "write_progress")
    assert progress is not None and progress.isVisible()
    assert progress.labelText() == "Adding the harm…"
    release.set()
    qtbot.waitUntil(lambda: bool(results))
    assert ran_on and ran_on[0] != threading.get_ident()
    assert delivered_on == [threading.get_ident()]
    [changes] = heard.changes
    assert len(changes.ids("harm", "created")) == 1
    assert heard.names == ["harm"]
    assert not isValid(progress) or not progress.isVisible()  # closed, then deleted
    assert harm_count(db) >= 1


def test_a_harm_added_in_one_settings_window_shows_in_another(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    context, _screen, heard = make(qtbot, db, tmp_path)
    here, there = SettingsPage(context), SettingsPage(context)
    for page in (here, there):
        qtbot.addWidget(page)
    here.show()
    qtbot.waitExposed(here)
    here.activateWindow()

    def type_the_harm() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "harm_dialog"
        try:
            dialog.activateWindow()
            qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
            if QApplication.focusWidget() is not dialog.form.field("name"):  # type: ignore[attr-defined]
                qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # into the first field
            field = QApplication.focusWidget()
            assert field is dialog.form.field("name")  # type: ignore[attr-defined]
            qtbot.keyClicks(field, "Forced labour")
            qtbot.keyClick(field, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():  # failed: let the test go on to say so
                dialog.close()

    QTimer.singleShot(0, type_the_harm)
    qtbot.mouseClick(here.harms.add_button, Qt.MouseButton.LeftButton)

    names = [there.harms.table.item(r, 0).text() for r in range(there.harms.table.rowCount())]
    assert "Forced labour" in names
    [changes] = heard.changes
    [harm_id] = changes.uuids("harm", "created")
    assert context.services.harms.get(harm_id).data.name == "Forced labour"

    row = list(here.harms.records).index(harm_id)
    here.harms.table.selectRow(row)
    qtbot.mouseClick(here.harms.retire_button, Qt.MouseButton.LeftButton)
    row = list(there.harms.records).index(harm_id)
    assert there.harms.table.item(row, 2).text() == "Retired"
    assert here.harms.selected().id == harm_id  # still on the harm just retired
    assert not any(
        isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_a_comment_and_its_reading_are_announced_by_the_panel_with_their_ids(
    qtbot: QtBot, db: Database
) -> None:
    world = build_review_world(db)
    mentor = world.context(db, "achen", "mentor")
    heard = Heard(mentor)
    panel = CommentsPanel(mentor, world.cycle_id, "action", world.action_id)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.keyClicks(panel.editor, "Who leads this action?")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    [comment] = world.manager.comments.thread("action", world.action_id)
    [changes] = heard.changes
    assert changes.ids("comment", "created") == {str(comment.id)}
    assert changes.initiator is panel and heard.names == ["comment"]

    manager = world.context(db, "amina", "manager")
    heard_by_manager = Heard(manager)
    reader = CommentsPanel(manager, world.cycle_id, "action", world.action_id)  # marks it read
    qtbot.addWidget(reader)
    reader.refresh()
    assert heard_by_manager.names == ["comment_read"]
    assert heard_by_manager.changes[0].ids("comment_read") == {str(comment.id)}
