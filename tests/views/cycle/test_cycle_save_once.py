"""A cycle is saved once: New cycle from the community's Cycles tab, in the main window,
typed and saved the way a person does, leaves one cycle and no question behind."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.framework.actor import Actor
from desktop.services.usecases.actions import ActionData
from desktop.services.usecases.drafts import DraftService
from desktop.views.communities.cycles import CyclesPanel
from desktop.views.communities.page import CommunityPage
from desktop.views.cycle import CycleWorkspace, NewCycleDialog
from desktop.views.forms import dirty_forms
from desktop.views.shell.main_window import MainWindow
from tests.views.cycle.cycle_gui_support import START, TODAY, CycleWorld, set_date

MANAGER = Actor(username="tester", role="manager")


class ModalWatch:
    """Every question box that comes up is noted and answered with its default button
    (Save, for "unsaved changes"), as a hurried person would; ``on_dialog`` runs on the
    first form dialog that opens (``exec()`` blocks the test meanwhile)."""

    def __init__(self, on_dialog: Callable[[QWidget], None] | None = None) -> None:
        self.boxes: list[str] = []
        self.on_dialog = on_dialog
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox) and modal.isVisible():
            self.boxes.append(f"{modal.windowTitle()} — {modal.text()}")
            default = modal.defaultButton()
            (default or modal.buttons()[0]).click()
        elif isinstance(modal, NewCycleDialog) and self.on_dialog is not None:
            work, self.on_dialog = self.on_dialog, None
            work(modal)

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def window(qtbot: QtBot, cycle_world: CycleWorld, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        cycle_world.context.db, actor=MANAGER, settings=settings, today=TODAY,
        offer_drafts_at_start=False,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window


def focus_on(qtbot: QtBot, dialog: QWidget, field: str) -> None:
    """Make ``dialog`` the active window and put the keyboard focus in ``field``."""
    widget = dialog.form.field(field)  # type: ignore[attr-defined]
    dialog.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def _cycles_tab(window: MainWindow, community_id: uuid.UUID) -> CyclesPanel:
    window.open_community(str(community_id))
    page = window.detail
    assert isinstance(page, CommunityPage)
    page.show_tab("cycles")
    return page.cycles


def _numbers(window: MainWindow, community_id: uuid.UUID) -> list[int]:
    cycles = window.context.services.cycles.list(where={"community_id": community_id}).items
    return sorted(cycle.data.number for cycle in cycles)


def _going_back_asks_nothing(qtbot: QtBot, window: MainWindow, community_id: uuid.UUID) -> None:
    """Nothing is left unsaved: no form counts, and leaving the cycle asks no question."""
    assert dirty_forms().count() == 0
    assert window.saved_label.text() == "All changes saved"
    watch = ModalWatch()
    try:
        window.open_community(str(community_id))
        qtbot.wait(100)
    finally:
        watch.stop()
    assert watch.boxes == []


def test_new_cycle_from_the_cycles_tab_is_saved_once(
    qtbot: QtBot, window: MainWindow, cycle_world: CycleWorld
) -> None:
    services = window.context.services
    for what in ("Talk with parents", "Visit the school"):
        services.actions.create(ActionData(cycle_id=cycle_world.cycle_id, what=what))
    panel = _cycles_tab(window, cycle_world.community_id)
    assert _numbers(window, cycle_world.community_id) == [1]
    seen: dict[str, object] = {}

    def fill_in(dialog: QWidget) -> None:
        assert isinstance(dialog, NewCycleDialog)
        seen["nothing to carry"] = list(dialog.nothing_to_carry)
        seen["actions"] = dialog.carry_actions.text()
        seen["boxes"] = dialog.carry_actions.isVisibleTo(dialog)
        # Focus on the first field is being settled in the forms package; put it there.
        focus_on(qtbot, dialog, "title")
        qtbot.keyClicks(QApplication.focusWidget(), "Safe water point")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    watch = ModalWatch(fill_in)
    try:
        qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(window.detail, CycleWorkspace))
        qtbot.wait(300)  # time for a late "unsaved changes" question to come up
    finally:
        watch.stop()

    assert watch.boxes == []
    assert QApplication.activeModalWidget() is None
    assert _numbers(window, cycle_world.community_id) == [1, 2]
    assert seen == {
        "nothing to carry": ["No indicators to carry over"],
        "actions": "Its 2 unfinished actions (planned or under way)",
        "boxes": True,
    }
    workspace = window.detail
    assert isinstance(workspace, CycleWorkspace)
    assert workspace.title_label.text() == "Kabale Hill — Cycle 2: Safe water point"
    # Nothing left that could save it again: no draft, no unsaved form, a calm status bar,
    # and going back to the community asks nothing.
    assert DraftService(window.context.db, MANAGER).list() == []
    _going_back_asks_nothing(qtbot, window, cycle_world.community_id)
    assert _numbers(window, cycle_world.community_id) == [1, 2]


def test_an_end_before_the_start_is_refused_beside_ends_on(
    qtbot: QtBot, window: MainWindow, cycle_world: CycleWorld
) -> None:
    panel = _cycles_tab(window, cycle_world.community_id)
    seen: dict[str, object] = {}

    def fill_in(dialog: QWidget) -> None:
        assert isinstance(dialog, NewCycleDialog)
        form = dialog.form
        seen["nothing to carry"] = list(dialog.nothing_to_carry)
        seen["boxes"] = dialog.carry_actions.isVisibleTo(dialog)
        focus_on(qtbot, dialog, "title")  # see the test above
        qtbot.keyClicks(QApplication.focusWidget(), "Back to front")
        set_date(dialog, "start_on", date(2025, 5, 1))
        set_date(dialog, "end_on", date(2025, 4, 1))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        seen["open"] = dialog.isVisible()
        seen["message"] = form.error("end_on")
        seen["focus"] = QApplication.focusWidget() is form.field("end_on")
        seen["dirty"] = dirty_forms().count()
        form.revert()
        dialog.reject()

    watch = ModalWatch(fill_in)
    try:
        qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
        qtbot.wait(100)
    finally:
        watch.stop()
    assert seen == {
        "nothing to carry": ["No unfinished actions to carry over", "No indicators to carry over"],
        "boxes": False,
        "open": True,
        "message": "Cannot be before the start date.",
        "focus": True,
        "dirty": 1,
    }
    assert watch.boxes == []
    assert _numbers(window, cycle_world.community_id) == [1]
    assert dirty_forms().count() == 0


def test_edit_cycle_saves_the_change_and_bumps_the_version(
    qtbot: QtBot, window: MainWindow, cycle_world: CycleWorld
) -> None:
    services = window.context.services
    before = services.cycles.get(cycle_world.cycle_id)
    window.open_cycle(str(cycle_world.cycle_id))
    workspace = window.detail
    assert isinstance(workspace, CycleWorkspace)
    qtbot.mouseClick(workspace.edit_button, Qt.MouseButton.LeftButton)
    dialog = workspace.dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.form  # type: ignore[attr-defined]
    assert form.values()["number"] == 1  # a number, not text
    focus_on(qtbot, dialog, "title")  # see the first test
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "Girls back in school")
    assert dirty_forms().count() == 1
    assert window.saved_label.text() == "1 form has unsaved changes"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    after = services.cycles.get(cycle_world.cycle_id)
    assert after.data.title == "Girls back in school"
    assert (after.version, after.data.number, after.data.start_on) == (before.version + 1, 1, START)
    assert workspace.title_label.text() == "Kabale Hill — Cycle 1: Girls back in school"
    _going_back_asks_nothing(qtbot, window, cycle_world.community_id)
    assert services.cycles.get(cycle_world.cycle_id).version == after.version


def test_only_forms_in_a_shown_window_count_as_unsaved(
    qtbot: QtBot, cycle_world: CycleWorld
) -> None:
    """A dialog closed or hidden with its form still marked unsaved, or destroyed, does not
    leave "1 form has unsaved changes" behind."""
    counts: list[int] = []
    dirty_forms().count_changed.connect(counts.append)
    dialog = NewCycleDialog(cycle_world.context, cycle_world.community_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    focus_on(qtbot, dialog, "title")
    qtbot.keyClicks(QApplication.focusWidget(), "Half typed")
    assert dirty_forms().count() == 1 and counts[-1] == 1
    dialog.hide()
    assert dirty_forms().count() == 0 and counts[-1] == 0
    dialog.show()
    assert dirty_forms().count() == 1 and counts[-1] == 1
    dialog.form.discard_draft()
    dialog.deleteLater()  # a window destroyed while shown, as at a crash of its owner
    qtbot.waitUntil(lambda: dirty_forms().count() == 0)
    assert counts[-1] == 0
    dirty_forms().count_changed.disconnect(counts.append)


def test_a_saved_new_cycle_form_cannot_create_a_second_cycle(
    qtbot: QtBot, cycle_world: CycleWorld
) -> None:
    """What the late "unsaved changes" question used to do: save the same form again."""
    services = cycle_world.context.services
    services.actions.create(ActionData(cycle_id=cycle_world.cycle_id, what="Talk with parents"))
    dialog = NewCycleDialog(cycle_world.context, cycle_world.community_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    focus_on(qtbot, dialog, "title")
    qtbot.keyClicks(QApplication.focusWidget(), "Once only")
    qtbot.mouseClick(dialog.carry_actions, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.form.field("title"), Qt.Key.Key_Return)
    assert dialog.result() and not dialog.isVisible()
    assert not dialog.form.dirty  # the carry-over choices did not leave it "unsaved"
    assert dialog.form.save()  # asked again: nothing more to save
    dialog.accept()
    numbers = [c.data.number for c in services.cycles.list(order_by="number").items]
    assert numbers == [1, 2]
    dialog.form.field("title").setText("Changed after saving")
    assert not dialog.form.save()
    assert dialog.form.message.text() == "Already saved. Open the new record to change it."
    assert services.cycles.list().total == 2
    dialog.form.revert()
