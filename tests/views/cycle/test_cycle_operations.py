"""The cycle sections write through the operation runner: what they save and delete is
announced with its ids, and a record changed by someone else meanwhile is not deleted."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.framework.changes import Changes
from desktop.views.cycle import CycleWorkspace
from tests.views.cycle.cycle_gui_support import click, column_texts, open_add, pick, save, type_into
from tests.views.write_boxes import CONFLICT_BOX, shown_boxes


def _answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_args, **_kw: QMessageBox.StandardButton.Yes
    )


def test_a_member_added_then_deleted_is_announced_with_its_id(
    qtbot: QtBot, workspace: CycleWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[Changes] = []
    workspace.context.navigator.changes_made.connect(heard.append)
    workspace.show_section("meetings")
    section = workspace.planning_group
    dialog = open_add(qtbot, section)
    type_into(qtbot, dialog, "label", "Youth leader")
    pick(dialog, "group_code", "Girls")
    save(qtbot, dialog)
    [added] = heard
    [member_id] = added.uuids("planning_group_member", "created")
    assert added.initiator is section
    assert column_texts(section, 0) == ["Youth leader"]

    _answer_yes(monkeypatch)
    section.select_record(member_id)
    click(qtbot, section.delete_button)
    assert heard[-1].uuids("planning_group_member", "deleted") == {member_id}
    assert column_texts(section, 0) == []
    assert not shown_boxes()


def test_a_record_changed_meanwhile_is_not_deleted_and_the_section_offers_to_reload(
    qtbot: QtBot, workspace: CycleWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = workspace.context
    workspace.show_section("meetings")
    section = workspace.planning_group
    dialog = open_add(qtbot, section)
    type_into(qtbot, dialog, "label", "Youth leader")
    save(qtbot, dialog)
    [shown] = section.records()
    colleague = Services(context.db, Actor("colleague", role="manager"))
    colleague.planning_members.update(shown.id, dataclasses.replace(shown.data, label="Elder"))

    heard: list[Changes] = []
    context.navigator.changes_made.connect(heard.append)
    _answer_yes(monkeypatch)
    section.select_record(shown.id)
    click(qtbot, section.delete_button)
    [box] = shown_boxes(CONFLICT_BOX)
    assert box.text() == "The record was not deleted."
    assert "changed by colleague" in box.informativeText()
    assert column_texts(section, 0) == ["Youth leader"]  # as it was shown
    reload = next(b for b in box.buttons() if b.text() == "&Reload")
    qtbot.mouseClick(reload, Qt.MouseButton.LeftButton)
    assert column_texts(section, 0) == ["Elder"]
    assert context.services.planning_members.get(shown.id).deleted_at is None
    assert heard == []
