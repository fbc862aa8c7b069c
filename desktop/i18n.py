"""The one translation hook for text produced outside Qt (services, reports, CLI).

Every user-facing string is marked with ``_()`` (counted ones with ``ngettext()``, words
whose sense depends on where they stand with ``pgettext()``) and looked up in the gettext
catalogue of the current language: ``desktop/locale/<lang>/LC_MESSAGES/clcp.po``, compiled
to ``.mo`` when the app is built, or on first use into the user's cache folder when only the
``.po`` is there (a source checkout). Qt's ``tr()`` is answered from the same catalogue
(``desktop.views.language``), so a sentence is translated once.

The language is chosen once for the process (``set_language``: the account's language,
``--lang`` or ``CLCP_LANG``); a printed form made in another language sets its own for the
time it is built (``using_language``), without touching the screens'.
"""

from __future__ import annotations

import gettext
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path

#: The languages the office can choose for the app and its printed forms: code -> the
#: language's name in itself. Text people type prints in whatever script it was written in.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "pt": "Português",
    "sw": "Kiswahili",
    "ar": "العربية",
}
#: Languages written from right to left (the whole window and every printed page mirror).
RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar"})
#: The environment variable that chooses the language for the command line and the app.
LANGUAGE_ENV = "CLCP_LANG"
DOMAIN = "clcp"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: Unicode's first-strong isolate and pop directional isolate: a name in Latin letters
#: inside an Arabic sentence (or the reverse) keeps its own direction and place.
FSI, PDI = "\u2068", "\u2069"

_chosen = "en"
_fixed: str | None = None  # chosen on the command line (--lang): wins over an account's
_printing: ContextVar[str | None] = ContextVar("printing_language", default=None)


def language_code(text: str | None) -> str | None:
    """One of ``LANGUAGES`` for a code as people and systems write it ("fr_FR.UTF-8",
    "pt-BR", "AR"), or None when it names no language the app has."""
    if not text:
        return None
    code = re.split(r"[-_.@]", text.strip().lower(), maxsplit=1)[0]
    return code if code in LANGUAGES else None


def set_language(code: str) -> str:
    """Make ``code`` the language of everything shown from now on (English when the app
    has no such language); the language chosen."""
    global _chosen
    _chosen = language_code(code) or "en"
    return _chosen


def current_language() -> str:
    """The language text is being made in: a printed form's own, else the chosen one."""
    return _printing.get() or _chosen


def environment_language() -> str | None:
    """The language ``--lang`` or else ``CLCP_LANG`` asks for, if it names one the app has."""
    return _fixed or language_code(os.environ.get(LANGUAGE_ENV))


@contextmanager
def command_line_language(code: str | None) -> Iterator[str]:
    """For one run of the ``clcp`` command: ``code`` (from ``--lang``) or ``CLCP_LANG``
    chooses the language, and wins over the account's in the window it may open; the
    language before is back afterwards."""
    global _chosen, _fixed
    before = _chosen, _fixed
    _fixed = language_code(code)
    set_language(environment_language() or "en")
    try:
        yield _chosen
    finally:
        _chosen, _fixed = before


def right_to_left(code: str | None = None) -> bool:
    """Whether ``code`` (default: the current language) is written from right to left."""
    return (code or current_language()) in RIGHT_TO_LEFT_LANGUAGES


@contextmanager
def using_language(code: str) -> Iterator[str]:
    """Make text in ``code`` for what runs inside (a printout in its own language)."""
    token = _printing.set(language_code(code) or "en")
    try:
        yield current_language()
    finally:
        _printing.reset(token)


# ---------------------------------------------------------------------- catalogues
def catalogue_path(code: str) -> Path:
    """Where a language's ``.po`` file lives."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    from desktop import APP_AUTHOR, APP_NAME

    return Path(user_cache_dir(APP_NAME, APP_AUTHOR)) / "locale"


def compiled_catalogue(code: str) -> Path | None:
    """The ``.mo`` file for ``code``: the one built beside the ``.po``, else one compiled
    now into the user's cache (named after the ``.po``'s content, so an edited catalogue
    is compiled again); None when the language has no catalogue."""
    po_file = catalogue_path(code)
    mo_file = po_file.with_suffix(".mo")
    if mo_file.is_file() and (not po_file.is_file() or _newer(mo_file, po_file)):
        return mo_file
    if not po_file.is_file():
        return None
    content = po_file.read_bytes()
    cached = _cache_dir() / f"{code}-{hashlib.sha256(content).hexdigest()[:16]}.mo"
    if not cached.is_file():
        write_mo(po_file, cached)
    return cached


def _newer(first: Path, second: Path) -> bool:
    return first.stat().st_mtime >= second.stat().st_mtime


def write_mo(po_file: Path, mo_file: Path) -> None:
    """Compile ``po_file`` (fuzzy entries left out) to ``mo_file``, replaced whole."""
    from babel.messages.mofile import write_mo as babel_write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as source:
        catalogue = read_po(source, locale=po_file.parent.parent.name)
    mo_file.parent.mkdir(parents=True, exist_ok=True)
    partial = mo_file.with_name(f".{mo_file.name}.{os.getpid()}")
    with partial.open("wb") as out:
        babel_write_mo(out, catalogue)
    os.replace(partial, mo_file)


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The loaded catalogue of ``code`` (English: the marked text itself)."""
    if code == "en":
        return gettext.NullTranslations()
    mo_file = compiled_catalogue(code)
    if mo_file is None:
        return gettext.NullTranslations()
    from babel.support import Translations

    with mo_file.open("rb") as source:
        return Translations(source, domain=DOMAIN)


def _catalogue() -> gettext.NullTranslations:
    return translations(current_language())


def _(text: str) -> str:
    """``text`` in the current language (itself when the catalogue has no translation)."""
    return _catalogue().gettext(text) if text else text


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it: for tables made once when the
    module loads (before the language is chosen), whose words go through ``_()`` when read."""
    return text


class InContext(str):
    """A word marked with the sense it has where it stands (see :func:`NP_`)."""

    context: str


def NP_(context: str, text: str) -> str:
    """:func:`N_` for a word whose translation depends on its sense ("Open" as a status,
    not the verb; "Action" the phase, not one action): read back with :func:`translated`."""
    marked = InContext(text)
    marked.context = context
    return marked


def translated(text: str) -> str:
    """A word marked with ``N_`` or ``NP_``, in the current language."""
    if isinstance(text, InContext):
        return pgettext(text.context, text)
    return _(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted text that suits ``count`` in the current language's own
    plural rules (Arabic has six forms). The number is filled in by the caller, e.g.
    ``ngettext("{n} action", "{n} actions", n).format(n=n)``."""
    return _catalogue().ngettext(singular, plural, count)


def pgettext(context: str, text: str) -> str:
    """``text`` translated as it is meant in ``context`` ("Open" a file, verb, against an
    "Open" status, adjective)."""
    return _catalogue().pgettext(context, text)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """:func:`ngettext` with a context."""
    return _catalogue().npgettext(context, singular, plural, count)


def lookup(text: str, context: str | None = None) -> str | None:
    """The catalogue's translation of ``text`` (in ``context``), or None when it has none:
    for Qt's translator, which lets Qt's own catalogue answer then."""
    catalogue = _catalogue()
    found: object = getattr(catalogue, "_catalog", {}).get(
        f"{context}\x04{text}" if context else text
    )
    return found if isinstance(found, str) and found else None


def isolated(text: str) -> str:
    """``text`` (a name, a code) kept in its own direction inside a sentence of the other
    direction; as it is in a left-to-right language."""
    return f"{FSI}{text}{PDI}" if right_to_left() and text else text


# ---------------------------------------------------------------------- formats
def babel_locale(code: str | None = None) -> str:
    """The locale Babel formats numbers and dates for (Portuguese as written in Mozambique
    and Angola rather than Brazil)."""
    code = code or current_language()
    return {"pt": "pt_PT"}.get(code, code)


def format_date(value: date | datetime | None, style: str = "medium") -> str:
    """A date as the current language writes it ("5 mars 2026")."""
    if value is None:
        return ""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=style, locale=babel_locale())


def format_number(value: float) -> str:
    """A number with the current language's separators ("12 345,5")."""
    from babel.numbers import format_decimal

    # Western digits in every language, as the dates and the forms' numbers are written
    return format_decimal(value, locale=babel_locale(), numbering_system="latn")


def format_percent(fraction: float, digits: int = 0) -> str:
    """A share (0.42) as the current language writes a percentage ("42 %")."""
    from babel.numbers import format_percent as babel_format_percent

    pattern = None if digits == 0 else "#,##0." + "0" * digits + "%"
    return babel_format_percent(
        fraction, format=pattern, locale=babel_locale(), numbering_system="latn"
    )


def format_size(size: int, *, step: int = 1000) -> str:
    """A file's size as the current language writes it ("1.6 MB", "1,6 Mo"); ``step``
    1024 for sizes counted in binary units, as attachment limits are."""
    from babel.units import format_unit

    value = float(size)
    for unit in ("digital-byte", "digital-kilobyte", "digital-megabyte", "digital-gigabyte"):
        if value < step or unit == "digital-gigabyte":
            pattern = "#,##0" if unit in ("digital-byte", "digital-kilobyte") else "#,##0.0"
            return str(
                format_unit(value, unit, length="short", format=pattern, locale=babel_locale())
            )
        value /= step
    raise AssertionError("unreachable")


def format_bytes(size: int) -> str:
    """An exact count of bytes in words ("1,593,344 bytes", "1 593 344 octets")."""
    from babel.units import format_unit

    return str(format_unit(size, "digital-byte", length="long", locale=babel_locale()))

