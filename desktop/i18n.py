"""The one translation hook for text produced outside Qt (services, reports, CLI).

Views use Qt's own ``tr()``; everything else marks user-facing strings with
``_()`` (and counted ones with ``ngettext()``) so that a later catalogue can translate
them without touching callers.
"""

from __future__ import annotations

#: The languages the office can choose for the app and its printed forms: code -> the
#: language's name in itself. Text people type prints in whatever script it was written in.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "pt": "Português",
    "sw": "Kiswahili",
    "ar": "العربية",
}


def _(text: str) -> str:
    """Return ``text`` translated into the current language (identity for now: English)."""
    return text


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it: for tables made once when the
    module loads (before the language is chosen), whose words go through ``_()`` when read."""
    return text


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted text that suits ``count`` ("1 action", "3 actions").

    Both forms are marked for translation; a catalogue with a language's own plural rules
    can replace this choice later. The number itself is filled in by the caller, e.g.
    ``ngettext("{n} action", "{n} actions", n).format(n=n)``.
    """
    return _(singular) if count == 1 else _(plural)
