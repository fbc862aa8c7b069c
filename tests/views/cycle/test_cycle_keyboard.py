"""Tab walks every cycle form from its first field to its last, in the order shown."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.views.cycle import CycleWorkspace
from desktop.views.cycle.section import RecordSection
from tests.views.cycle.cycle_gui_support import open_add
from tests.views.keyboard_audit import reachable_fields, tab_through


def _sections(workspace: CycleWorkspace) -> dict[str, tuple[str, RecordSection]]:
    return {
        "phase": ("phases", workspace.phases),
        "meeting": ("meetings", workspace.meetings),
        "planning group member": ("meetings", workspace.planning_group),
        "finding": ("learning", workspace.learning),
        "harm": ("harms", workspace.harms),
        "action": ("actions", workspace.action_plan),
        "indicator": ("monitoring", workspace.monitoring.indicators),
        "reflection": ("reflection", workspace.reflection),
    }


@pytest.mark.parametrize(
    "which",
    [
        "phase",
        "meeting",
        "planning group member",
        "finding",
        "harm",
        "action",
        "indicator",
        "reflection",
    ],
)
def test_tab_order_follows_the_form(qtbot: QtBot, workspace: CycleWorkspace, which: str) -> None:
    key, section = _sections(workspace)[which]
    workspace.show_section(key)
    dialog = open_add(qtbot, section)
    form = dialog.form
    fields = reachable_fields(form)
    order = tab_through(qtbot, form, form.field(fields[0]), len(fields) * 5)
    assert order[: len(fields)] == fields
    dialog.form.discard_draft()
    dialog.done(0)
