"""The catalogues: every marked string extracted, finished languages complete, and no
translation that would break when its placeholders are filled in."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Message

from desktop.i18n import LOCALE_DIR, catalogue_path, write_mo
from desktop.locale import tool


def test_every_catalogue_passes_the_check() -> None:
    assert tool.check() == []


def test_the_wrappers_of_qt_translate_are_extracted() -> None:
    template = tool.extracted()
    ids = {m.id for m in template if isinstance(m.id, str)}
    assert "&Full name:" in ids  # _tr() in the accounts forms
    assert "Rb" in ids  # QCoreApplication.translate("Phase", "Rb")
    assert "&Yes" in ids  # Qt's own buttons, for languages Qt has no catalogue of
    assert "Meeting" in ids and "Communities" in ids  # N_() tables


def test_a_placeholder_lost_or_added_is_found() -> None:
    good = Message("{n} of {total}", "{n} sur {total}")
    assert tool.placeholder_problem(good) is None
    lost = Message("{n} of {total}", "{n} sur le total")
    assert "total" in (tool.placeholder_problem(lost) or "")
    renamed = Message("Partnership of {name}", "Partenariat de {nom}")
    assert tool.placeholder_problem(renamed)
    percent = Message("labels: %(choices)s", "libellés : %(choix)s")
    assert tool.placeholder_problem(percent)
    plural = Message(("one action", "{n} actions"), ("une action", "{n} actions"))
    assert tool.placeholder_problem(plural) is None


def test_the_checked_languages_and_the_catalogues_on_disk_agree() -> None:
    assert set(tool.COMPLETE_LANGUAGES) <= set(tool.languages_present())
    assert tool.TEMPLATE.is_file()


def test_a_catalogue_compiles_without_its_fuzzy_entries(tmp_path: Path) -> None:
    po_file = tmp_path / "xx" / "LC_MESSAGES" / "clcp.po"
    po_file.parent.mkdir(parents=True)
    po_file.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Save"\nmsgstr "Enregistrer"\n\n'
        '#, fuzzy\nmsgid "Open"\nmsgstr "Fermer"\n',
        encoding="utf-8",
    )
    write_mo(po_file, tmp_path / "out.mo")
    import gettext

    with (tmp_path / "out.mo").open("rb") as source:
        compiled = gettext.GNUTranslations(source)
    assert compiled.gettext("Save") == "Enregistrer"
    assert compiled.gettext("Open") == "Open"
    assert catalogue_path("fr").parent.parent.parent == LOCALE_DIR

