"""The chosen language reaches every layer: services' and reports' _(), counted texts with
the language's own plural rules, Qt's tr() and Qt's own buttons, numbers and dates, and
the direction of the window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from desktop import i18n
from desktop.i18n import (
    _,
    command_line_language,
    format_date,
    format_number,
    format_percent,
    ngettext,
    set_language,
    using_language,
)
from desktop.labels import label
from desktop.views.language import apply_language


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[None]:
    yield
    apply_language("en", qapp)


def test_the_french_catalogue_answers_underscore_and_plurals_by_french_rules() -> None:
    with using_language("fr"):
        assert _("Communities") == "Communautés"
        assert label("phased_out") == "Retrait progressif terminé"
        # French counts 0 and 1 as singular, unlike English
        assert ngettext("{n} action", "{n} actions", 0).format(n=0) == "0 action"
        assert ngettext("{n} action", "{n} actions", 2).format(n=2) == "2 actions"
    assert _("Communities") == "Communities"
    assert label("phased_out") == "Phased out"
    assert ngettext("{n} action", "{n} actions", 0).format(n=0) == "0 actions"


def test_a_language_without_a_catalogue_shows_english() -> None:
    with using_language("sw"):
        if not i18n.catalogue_path("sw").is_file():
            assert _("Communities") == "Communities"
    with using_language("xx"):
        assert _("Communities") == "Communities"


def test_the_command_line_language_wins_and_is_undone_afterwards(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "fr")
    with command_line_language(None) as chosen:
        assert chosen == "fr" and _("Cancel") == "Annuler"
    with command_line_language("en") as chosen:
        assert chosen == "en" and i18n.environment_language() == "en"
    assert i18n.current_language() == "en"


def test_numbers_dates_and_percentages_follow_the_language() -> None:
    with using_language("fr"):
        assert format_number(12345.5).replace("\u202f", " ") == "12 345,5"
        assert format_date(date(2026, 3, 5)) == "5 mars 2026"
        assert format_percent(0.42).replace("\u202f", " ").replace("\xa0", " ") == "42 %"
    assert format_number(12345.5) == "12,345.5"
    assert format_date(date(2026, 3, 5)) == "Mar 5, 2026"


def test_qt_tr_and_qt_buttons_come_from_the_catalogues(
    qapp: QApplication, english_after: None
) -> None:
    apply_language("fr", qapp)
    assert QCoreApplication.translate("AnyContext", "Communities") == "Communautés"
    # a text our catalogue lacks falls through to Qt's (and then to the text itself)
    assert QCoreApplication.translate("AnyContext", "no such sentence") == "no such sentence"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert isinstance(cancel, QPushButton) and cancel.text().replace("&", "") == "Annuler"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_arabic_turns_the_window_right_to_left_and_back(
    qapp: QApplication, english_after: None
) -> None:
    apply_language("ar", qapp)
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes)
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes is not None and not yes.text().replace("&", "").isascii()  # Qt's Arabic
    apply_language("en", qapp)
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    set_language("en")
