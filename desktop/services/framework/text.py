"""Text folding for search: accents, case and width do not matter to a person searching."""

from __future__ import annotations

import unicodedata


def fold(*parts: str) -> str:
    """Join ``parts`` with spaces in a form where "Kéréwé" and "kerewe" compare equal."""
    text = " ".join(part for part in parts if part)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def match_key(*parts: str) -> str:
    """How two names are told to be "the same" one (a likely duplicate): folded as
    :func:`fold` does, and with runs of spaces counted as one ("Kéréwé  North" and
    "kerewe north" give the same key)."""
    return " ".join(fold(*parts).split())


def escape_like(text: str) -> str:
    """``text`` made safe inside a LIKE pattern (with ``ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
