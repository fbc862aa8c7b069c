"""A database with one community and its first cycle, and a cycle workspace on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.storage import Database
from desktop.views.cycle import CycleWorkspace
from tests.views.cycle.cycle_gui_support import START, CycleWorld, make_context


@pytest.fixture
def cycle_world(db: Database, tmp_path: Path) -> CycleWorld:
    context = make_context(db, tmp_path)
    community = context.services.communities.create(
        CommunityData(name="Kabale Hill", district="Lira")
    )
    cycle = context.services.cycles.create(
        CycleData(community_id=community.id, start_on=START, title="Girls in school")
    )
    return CycleWorld(context, community.id, cycle.id)


@pytest.fixture
def workspace(qtbot: QtBot, cycle_world: CycleWorld) -> Iterator[CycleWorkspace]:
    widget = CycleWorkspace(cycle_world.context, str(cycle_world.cycle_id))
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show()
    yield widget
