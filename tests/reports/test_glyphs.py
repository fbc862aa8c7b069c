"""Every character a printed form or report may show exists in the font that draws it: the
Latin Noto fonts for Latin text, Noto Sans Arabic for Arabic letters (after shaping into
their joined forms), in every language of the catalogues. A missing glyph prints as an
empty box, silently."""

from __future__ import annotations

from functools import cache

import arabic_reshaper
import pytest
from babel.messages.pofile import read_po
from reportlab.pdfbase import pdfmetrics

from desktop.i18n import catalogue_path
from desktop.locale import tool
from desktop.reports.bidi_text import visual_runs
from desktop.reports.fonts import ARABIC, ARABIC_BOLD, SANS, SANS_BOLD, SANS_ITALIC, register_fonts

#: Where the printed words live: the reports, the words for codes, and the services'
#: sentences the reports print (why a community needs attention, periods, names).
PRINTED = ("desktop/reports/", "desktop/labels.py", "desktop/services/")


@cache
def cmap(font: str) -> frozenset[int]:
    register_fonts()
    face = pdfmetrics.getFont(font).face
    return frozenset(face.charToGlyph)


def printed_strings(code: str) -> list[str]:
    path = tool.TEMPLATE if code == "en" else catalogue_path(code)
    with path.open("rb") as source:
        catalogue = read_po(source)
    found: list[str] = []
    for message in catalogue:
        if not message.id or not any(f.startswith(PRINTED) for f, _line in message.locations):
            continue
        texts = message.id if code == "en" else message.string
        found += [t for t in (texts if isinstance(texts, tuple | list) else [texts]) if t]
    return found


LANGUAGES = ["en", *tool.languages_present()]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_printed_character_has_a_glyph_in_its_font(code: str) -> None:
    strings = printed_strings(code)
    assert len(strings) > 100 or code != "en"
    missing: dict[str, set[str]] = {}
    for text in strings:
        for latin in (SANS, SANS_BOLD, SANS_ITALIC):
            for part, font in visual_runs(text.replace("\n", " "), latin):
                for char in part:
                    if ord(char) not in cmap(font) and char not in "\u2068\u2069":
                        missing.setdefault(f"{font} {char!r} U+{ord(char):04X}", set()).add(text)
    assert not missing, {k: sorted(v)[:2] for k, v in missing.items()}


def test_the_arabic_fonts_have_every_joined_form_the_shaper_makes() -> None:
    alphabet = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ءآأؤإئةى" + "٠١٢٣٤٥٦٧٨٩،؛؟"
    shaped = arabic_reshaper.reshape(" ".join(a + b + a for a in alphabet for b in alphabet))
    for font in (ARABIC, ARABIC_BOLD):
        absent = {c for c in shaped if c != " " and ord(c) not in cmap(font)}
        assert not absent, (font, sorted(absent))
