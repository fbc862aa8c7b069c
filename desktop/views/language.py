"""The window's language: Qt's ``tr()`` answered from our gettext catalogue, Qt's own
dialog buttons from the ``qtbase_*.qm`` PySide6 ships, and the layout's direction.

``tr()`` calls are looked up by their text alone (Qt's context, the class name, is not
used), so a sentence said on two screens is translated once; a ``tr(text, disambiguation)``
is looked up with the disambiguation as the gettext context, as ``pgettext`` would.
Where Qt has no catalogue for a language (Swahili, European Portuguese falls back to
Brazilian), its buttons' words are in ours (``desktop.views.qt_words``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from desktop.i18n import (
    environment_language,
    language_code,
    lookup,
    right_to_left,
    set_language,
)
from desktop.services.facade import Services

#: Qt's own catalogue for each language, where PySide6 ships one.
_QT_CATALOGUES = {"fr": "qtbase_fr", "es": "qtbase_es", "pt": "qtbase_pt_BR", "ar": "qtbase_ar"}


class CatalogueTranslator(QTranslator):
    """Answers Qt's ``tr()`` from the gettext catalogue of the current language; no answer
    (None, a null string: an empty one would be taken as the translation) lets the next
    translator, Qt's own, answer."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if not source_text:
            return None
        return lookup(source_text, disambiguation or None)

    def isEmpty(self) -> bool:
        return False


_kept: list[QTranslator] = []


def apply_language(code: str, app: QCoreApplication | None = None) -> str:
    """Make ``code`` the language of every window made from now on (and of the words
    Qt's dialogs show), right to left for Arabic; the language chosen."""
    chosen = set_language(code)
    app = app or QCoreApplication.instance()
    if app is None:
        return chosen
    for translator in _kept:
        app.removeTranslator(translator)
    _kept.clear()
    qt_name = _QT_CATALOGUES.get(chosen)
    if qt_name is not None:
        qt_translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(qt_name, folder):
            app.installTranslator(qt_translator)
            _kept.append(qt_translator)
    if chosen != "en":
        ours = CatalogueTranslator(app)
        app.installTranslator(ours)  # installed last, asked first
        _kept.append(ours)
    QLocale.setDefault(QLocale(chosen))
    if isinstance(app, QApplication):
        rtl = right_to_left(chosen)
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
    return chosen


def _key(username: str) -> str:
    return f"language/{username}"


def stored_language(settings: QSettings, username: str) -> str | None:
    """The language a person chose for themselves in Settings on this computer."""
    value = settings.value(_key(username))
    return language_code(value) if isinstance(value, str) else None


def store_language(settings: QSettings, username: str, code: str) -> None:
    """Keep ``code`` as the person's language (used from their next sign-in)."""
    settings.setValue(_key(username), code)
    settings.sync()


def language_for(services: Services, settings: QSettings, username: str) -> str:
    """The language a signed-in person's window opens in: ``CLCP_LANG`` (or ``--lang``)
    when set, else the one they chose in Settings, else their account's, else the
    office's."""
    return (
        environment_language()
        or stored_language(settings, username)
        or language_code(services.accounts.language_of(username))
        or language_code(services.settings.default_language())
        or "en"
    )


_LAST = "language/last"


def remember_language(settings: QSettings, code: str) -> None:
    """Keep the language the last window opened in, for the next sign-in dialog."""
    settings.setValue(_LAST, code)


def language_before_sign_in(settings: QSettings) -> str:
    """The language of what shows before anyone signs in (the sign-in dialog, the setup
    of a new office): ``CLCP_LANG`` or ``--lang``, else the language the last window on
    this computer opened in, else the computer's own language if the app has it."""
    last = settings.value(_LAST)
    return (
        environment_language()
        or (language_code(last) if isinstance(last, str) else None)
        or language_code(QLocale.system().name())
        or "en"
    )
