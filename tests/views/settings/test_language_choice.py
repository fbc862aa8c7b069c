"""Settings > Your language: each person's choice, kept per account on this computer, opens
their next window in it; CLCP_LANG and --lang come first, then the account's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.services.facade import Services
from desktop.storage import Database, open_database
from desktop.views.language import apply_language, language_for, stored_language
from desktop.views.settings.page import SettingsPage
from desktop.views.shell.context import AppContext
from tests.views.community_screens_support import MANAGER, TODAY, ini_settings, make_demo


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(make_demo(tmp_path / "demo.db"))
    yield database
    database.close()


def test_a_person_chooses_a_language_for_their_next_sign_in(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = ini_settings(tmp_path)
    context = AppContext.create(db, MANAGER, settings=settings, today=TODAY)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    panel = page.language
    panel.language.setCurrentIndex(panel.language.findData("ar"))
    panel.save()
    assert stored_language(settings, "manager") == "ar"
    assert "next time you sign in" in panel.message.text()  # CLCP_LANG=en in the tests
    assert "CLCP_LANG" in panel.message.text()
    services = Services(db, MANAGER)
    # the environment wins; without it, the person's own choice; then the account's
    assert language_for(services, settings, "manager") == "en"
    monkeypatch.delenv(i18n.LANGUAGE_ENV)
    assert language_for(services, settings, "manager") == "ar"
    assert language_for(services, settings, "facilitator") == "sw"  # the demo account's


def test_the_settings_page_reads_in_french(
    qtbot: QtBot, qapp: QApplication, db: Database, tmp_path: Path
) -> None:
    apply_language("fr", qapp)
    try:
        context = AppContext.create(db, MANAGER, settings=ini_settings(tmp_path), today=TODAY)
        page = SettingsPage(context)
        qtbot.addWidget(page)
        tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
        assert tabs == [
            "&Bureau",
            "&Groupes de participants",
            "&Catalogue des préjudices",
            "&Votre langue",
        ]
    finally:
        apply_language("en", qapp)
