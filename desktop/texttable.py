"""Plain-text tables for a terminal, aligned by display width, not by code points.

A CJK ideograph takes two terminal cells, a combining mark (Arabic harakat,
accents) or an invisible format character takes none. Cells that contain
right-to-left letters are wrapped in Unicode directional isolates (FSI ... PDI)
so that a bidi-aware terminal cannot merge two neighbouring Arabic cells into
one right-to-left run and show the columns in the wrong order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
COLUMN_GAP = "  "


def char_width(char: str) -> int:
    """Terminal cells taken by one code point: 0, 1 or 2."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


def display_width(text: str) -> int:
    return sum(char_width(char) for char in text)


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def isolate(text: str) -> str:
    """``text`` as its own bidi run if it holds right-to-left letters, else unchanged."""
    if has_rtl(text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def _clean(text: str) -> str:
    """One line per row: newlines and tabs in a cell become spaces."""
    return " ".join(text.split()) if any(c in text for c in "\r\n\t") else text


def format_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right_aligned: frozenset[int] = frozenset(),
) -> list[str]:
    """Header, a rule of dashes, then the rows; trailing spaces stripped from each line."""
    cells = [[_clean(cell) for cell in row] for row in [list(headers), *rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    lines: list[str] = []
    for index, row in enumerate(cells):
        parts = []
        for column, cell in enumerate(row):
            padding = " " * (widths[column] - display_width(cell))
            text = isolate(cell)
            parts.append(padding + text if column in right_aligned else text + padding)
        lines.append(COLUMN_GAP.join(parts).rstrip())
        if index == 0:
            lines.append(COLUMN_GAP.join("-" * width for width in widths))
    return lines
