"""Helpers for the report tests: text and fonts of a PDF, read back with poppler's tools."""

from __future__ import annotations

import subprocess
from pathlib import Path

import arabic_reshaper

from desktop.i18n import _, right_to_left, using_language

# the direction marks a PDF's text carries, and the brackets a right-to-left line mirrors
_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069()"))


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page, in order."""
    return pdf_text(path).split("\f")


def pdf_fonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout


def _pdf_info(path: Path, field: str) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return next(x for x in info.stdout.splitlines() if x.startswith(f"{field}:")).split()


def page_size_points(path: Path) -> tuple[float, float]:
    parts = _pdf_info(path, "Page size")
    return float(parts[2]), float(parts[4])


def page_count(path: Path) -> int:
    return int(_pdf_info(path, "Pages")[1])


def plain(text: str) -> str:
    """Printed text without direction marks and brackets, to look words up in."""
    return text.translate(_MARKS)


def printed(words: str, language: str, **fill: object) -> str:
    """``words`` as a page in ``language`` prints them (Arabic in its joined letter forms),
    in the form ``plain`` gives, filled with ``fill``."""
    with using_language(language):
        text = _(words).format(**fill) if fill else _(words)
    return plain(arabic_reshaper.reshape(text) if right_to_left(language) else text)
