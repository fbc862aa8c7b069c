"""Choices a person makes for any printout (no ReportLab import, so the CLI starts fast)."""

from __future__ import annotations

from enum import StrEnum

from desktop.i18n import _


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


def paper_label(paper: Paper) -> str:
    return {Paper.A4: _("A4"), Paper.LETTER: _("US Letter")}[paper]


#: Languages the printed labels can be asked for: code -> name in that language.
#: Text entered by people prints in whatever language and script it was written in.
REPORT_LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "pt": "Português",
    "sw": "Kiswahili",
    "ar": "العربية",
}
