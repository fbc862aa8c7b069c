"""An administrator's signed-in window context over a fresh encrypted office per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from accounts_world import AccountsOffice, make_accounts_office
from PySide6.QtCore import QSettings

from desktop.services.framework.actor import Actor
from desktop.views.shell.context import AppContext

TODAY = date(2025, 3, 3)


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
        office.db, Actor("admin", role="admin"), settings=settings, today=TODAY
    )
