"""The one translation hook for text produced outside Qt (services, reports, CLI).

Views use Qt's own ``tr()``; everything else marks user-facing strings with
``_()`` so that a later catalogue can translate them without touching callers.
"""

from __future__ import annotations


def _(text: str) -> str:
    """Return ``text`` translated into the current language (identity for now: English)."""
    return text
