"""Every GUI test runs with the app's keyboard rules, as the real application does; the
tests that walk the whole tour share one demo database per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.storage import Database, open_database
from desktop.views.widgets.keyboard import install_keyboard_rules
from tests.gui.community_screens_support import make_demo


@pytest.fixture(autouse=True)
def keyboard_rules(qapp: QApplication) -> None:
    """Installed once on the application (``desktop.gui.application`` does it at start)."""
    install_keyboard_rules(qapp)


@pytest.fixture(scope="module")
def tour_demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database for a module of tests that walk the tour (made once, only read)."""
    return make_demo(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def tour_db(tour_demo_path: Path) -> Iterator[Database]:
    database = open_database(tour_demo_path)
    yield database
    database.close()
