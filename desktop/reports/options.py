"""Choices a person makes for any printout (no ReportLab import, so the CLI starts fast)."""

from __future__ import annotations

from enum import StrEnum

from desktop.i18n import _


class Paper(StrEnum):
    A4 = "a4"
    A3 = "a3"
    LETTER = "letter"


def paper_label(paper: Paper) -> str:
    return {Paper.A4: _("A4"), Paper.A3: _("A3"), Paper.LETTER: _("US Letter")}[paper]
