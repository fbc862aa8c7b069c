"""A cycle form's typing survives a crash: the next start offers it back and reopens the
form in the cycle workspace, on the right record, with the typed text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services.usecases.actions import ActionData
from desktop.services.usecases.drafts import DraftService
from desktop.services.usecases.meetings import MeetingData
from desktop.views.cycle import CycleWorkspace
from desktop.views.forms import FormDialog
from desktop.views.shell.main_window import MainWindow
from tests.views.cycle.cycle_gui_support import CycleWorld, make_context, open_add, type_into
from tests.views.draft_prompts import accept_offered_drafts, discard_unsaved_on_close


def _start(qtbot: QtBot, world: CycleWorld, tmp_path: Path) -> MainWindow:
    context = make_context(world.context.db, tmp_path)
    window = MainWindow(
        context.db, actor=context.actor, settings=context.settings, today=context.today()
    )
    qtbot.addWidget(window)
    window.show()
    return window


def _crash_with_draft(qtbot: QtBot, window: MainWindow, dialog: FormDialog) -> None:
    """Wait for the draft to be written, then drop everything: no save, no close."""
    drafts = DraftService(window.context.db, window.context.actor)
    qtbot.waitUntil(lambda: drafts.load(dialog.form.form_key) is not None)
    dialog.hide()
    window.hide()


@pytest.fixture(autouse=True)
def _windows_drop_unsaved_work(monkeypatch: pytest.MonkeyPatch) -> None:
    discard_unsaved_on_close(monkeypatch)


def test_an_edited_action_is_reopened_on_its_record(
    qtbot: QtBot, cycle_world: CycleWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = cycle_world.context.services
    services.actions.create(ActionData(cycle_id=cycle_world.cycle_id, what="Talk to parents"))
    wanted = services.actions.create(
        ActionData(cycle_id=cycle_world.cycle_id, what="Visit the school head")
    )
    first = _start(qtbot, cycle_world, tmp_path)
    first.open_record("action", str(wanted.id))
    workspace = first.detail
    assert isinstance(workspace, CycleWorkspace)
    section = workspace.action_plan
    assert section.current_id() == wanted.id
    dialog = section.open_form(section.current())  # type: ignore[arg-type]
    what = dialog.form.field("what")
    what.setFocus()
    qtbot.keyClick(what, Qt.Key.Key_End)
    qtbot.keyClicks(what, " with two mothers")
    _crash_with_draft(qtbot, first, dialog)

    offered = accept_offered_drafts(monkeypatch)
    second = _start(qtbot, cycle_world, tmp_path)
    assert offered == [f"action/{wanted.id}"]
    reopened = second.detail
    assert isinstance(reopened, CycleWorkspace) and reopened.cycle.id == cycle_world.cycle_id
    assert reopened.current_section() == "actions"
    assert reopened.action_plan.current_id() == wanted.id
    again = reopened.action_plan.dialog
    assert again is not None and again.isVisible()
    assert again.form.values()["what"] == "Visit the school head with two mothers"
    assert again.form.dirty
    assert services.actions.get(wanted.id).data.what == "Visit the school head"
    again.accept()
    assert services.actions.get(wanted.id).data.what == "Visit the school head with two mothers"
    assert DraftService(cycle_world.context.db, second.context.actor).list() == []


def test_a_new_meeting_is_reopened_in_its_cycle(
    qtbot: QtBot, cycle_world: CycleWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _start(qtbot, cycle_world, tmp_path)
    first.open_cycle(str(cycle_world.cycle_id))
    workspace = first.detail
    assert isinstance(workspace, CycleWorkspace)
    workspace.show_section("meetings")
    dialog = open_add(qtbot, workspace.meetings)
    type_into(qtbot, dialog, "place", "Under the mango tree")
    _crash_with_draft(qtbot, first, dialog)

    offered = accept_offered_drafts(monkeypatch)
    second = _start(qtbot, cycle_world, tmp_path)
    assert offered == [f"meeting/new/{cycle_world.cycle_id}"]
    reopened = second.detail
    assert isinstance(reopened, CycleWorkspace) and reopened.current_section() == "meetings"
    again = reopened.meetings.dialog
    assert again is not None and again.isVisible()
    assert again.form.values()["place"] == "Under the mango tree"
    assert (
        cycle_world.context.services.meetings.list(where={"cycle_id": cycle_world.cycle_id}).items
        == []
    )


def test_a_draft_of_a_deleted_record_is_not_reopened(
    qtbot: QtBot, cycle_world: CycleWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = cycle_world.context.services
    meeting = services.meetings.create(
        MeetingData(cycle_id=cycle_world.cycle_id, kind="whole_community", held_on=date(2025, 2, 3))
    )
    actor = cycle_world.context.actor
    DraftService(cycle_world.context.db, actor).save(
        f"meeting/{meeting.id}", "Meeting", {"place": "School"}
    )
    services.meetings.delete(meeting.id, expected_version=meeting.version)
    offered = accept_offered_drafts(monkeypatch)
    window = _start(qtbot, cycle_world, tmp_path)
    assert offered == [f"meeting/{meeting.id}"]
    assert window.detail is None  # nothing to open it in: the list stays in front
