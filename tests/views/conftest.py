"""Every GUI test runs with the app's keyboard rules, as the real application does; the
tests that walk the whole tour share one demo database per module; the account and sign-in
tests get an administrator's context over a fresh encrypted office."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.services.framework.actor import Actor
from desktop.storage import Database, open_database
from desktop.views.shell.context import AppContext
from desktop.views.widgets.keyboard import install_keyboard_rules
from tests.views.admin.accounts_world import AccountsOffice, make_accounts_office
from tests.views.community_screens_support import make_demo

ACCOUNTS_TODAY = date(2025, 3, 3)


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


@pytest.fixture
def office(tmp_path: Path) -> Iterator[AccountsOffice]:
    made = make_accounts_office(tmp_path / "office.db")
    try:
        yield made
    finally:
        made.db.close()


@pytest.fixture
def admin_context(office: AccountsOffice, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext.create(
        office.db, Actor("admin", role="admin"), settings=settings, today=ACCOUNTS_TODAY
    )
