"""Settings > Your language: the language each person's window opens in.

Kept per account on this computer (every person who signs in here has their own), so it
needs no right to change the account itself. The window is built in its language when
it opens, so a new choice applies from the next sign-in; the panel says so. Printed forms
choose their own language when they are made.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES, current_language, environment_language, isolated
from desktop.views.forms import fit_width
from desktop.views.language import store_language, stored_language
from desktop.views.shell.context import AppContext


class LanguagePanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        username = context.actor.username
        self.language = QComboBox()
        self.language.setObjectName("own_language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        chosen = stored_language(context.settings, username) or current_language()
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        fit_width(self.language, 16)
        self.use = QPushButton(self.tr("&Use this language"))
        self.use.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("language_message")
        intro = QLabel(
            self.tr(
                "The language of the app's screens and messages for {user}. Printed forms "
                "have their own language, chosen when you print."
            ).format(user=isolated(username))
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        label = form.labelForField(self.language)
        if isinstance(label, QLabel):
            label.setBuddy(self.language)

    def save(self) -> None:
        code = str(self.language.currentData())
        store_language(self.context.settings, self.context.actor.username, code)
        name = LANGUAGES[code]
        if code == current_language():
            text = self.tr("Saved: the app is in {language}.").format(language=name)
        else:
            text = self.tr(
                "Saved: the app opens in {language} the next time you sign in or start it."
            ).format(language=name)
        forced = environment_language()
        if forced is not None and forced != code:
            text += " " + self.tr(
                "On this computer the app is started with the language {language} "
                "(CLCP_LANG or --lang), which comes first."
            ).format(language=LANGUAGES[forced])
        self.message.setText(text)
