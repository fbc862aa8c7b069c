"""The Settings page: the office (name, logo, language, idle lock), its groups and harms."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES
from desktop.services.framework.errors import ValidationError
from desktop.services.usecases.drafts import DraftEntry
from desktop.services.usecases.office_keys import THRESHOLD_RANGES, SettingKey
from desktop.views.forms import Form, fit_width
from desktop.views.forms.registry import register_draft_opener
from desktop.views.settings.catalogues import GroupsPanel, HarmsPanel
from desktop.views.settings.language_panel import LanguagePanel
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import announced, route_form
from desktop.views.widgets.readonly import set_form_read_only

LOGO_HEIGHT = 64


class OfficePanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._may_change = context.services.can("update", "office_setting")
        self.context = context
        self.form = Form(
            context,
            form_key="office/settings",
            title=self.tr("Office settings"),
            submit=self._save,
            buttons=True,
        )
        route_form(self.form, context, self)
        self.form.add_field("office_name", self.tr("Office &name:"), QLineEdit())
        language = QComboBox()
        for code, name in LANGUAGES.items():
            language.addItem(name, code)
        fit_width(language, 16)
        self.form.add_field(
            "default_language",
            self.tr("&Language:"),
            language,
            hint=self.tr(
                "For accounts that chose none, and the first choice for printed forms"
            ),
        )
        minutes = QSpinBox()
        minutes.setRange(1, 1440)
        minutes.setSuffix(self.tr(" minutes"))
        fit_width(minutes, 12)
        self.form.add_field(
            "idle_lock_minutes",
            self.tr("Lock after &idle:"),
            minutes,
            hint=self.tr("The app locks itself when nobody has used it for this long"),
        )
        self._add_thresholds()
        self._add_logo()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.load()
        self.form.offer_draft()
        if not self._may_change:
            # Shown to be read (reachable by Tab, full contrast), not greyed out.
            why = self.tr("Only an administrator changes the office settings.")
            set_form_read_only(self.form, True, why)
            for button in (self.choose_logo, self.remove_logo):
                button.setEnabled(False)
                button.setToolTip(why)

    def _thresholds(self) -> dict[str, tuple[SettingKey, str, str, str]]:
        """Field name: (setting, label, suffix, hint) of each attention threshold."""
        return {
            "no_meeting_days": (
                SettingKey.NO_MEETING_DAYS,
                self.tr("No &meeting for more than:"),
                self.tr(" days"),
                self.tr("A community in a running cycle that has not met for longer"),
            ),
            "no_observation_days": (
                SettingKey.NO_OBSERVATION_DAYS,
                self.tr("Indicator not &observed for:"),
                self.tr(" days"),
                self.tr("An indicator of a running cycle with no result for longer"),
            ),
            "review_after_days": (
                SettingKey.REVIEW_AFTER_DAYS,
                self.tr("No mentor &review after:"),
                self.tr(" days"),
                self.tr("A running cycle that has had no mentor review for longer"),
            ),
            "stalled_percent": (
                SettingKey.STALLED_PERCENT,
                self.tr("Indicator &stalled below:"),
                self.tr(" % of the way"),
                self.tr("An indicator that moved less than this share of the way to its target"),
            ),
        }

    def _add_thresholds(self) -> None:
        """When a community needs attention: the list, the timeline and the reports flag it."""
        self.form.add_section(self.tr("When a community needs attention"))
        for name, (key, label, suffix, hint) in self._thresholds().items():
            box = QSpinBox()
            box.setRange(*THRESHOLD_RANGES[key])
            box.setSuffix(suffix)
            fit_width(box, 14)
            self.form.add_field(name, label, box, hint=hint)

    def _add_logo(self) -> None:
        """The logo printed on the office's forms, with Choose and Remove."""
        self.logo = QLabel()
        self.logo.setMinimumHeight(LOGO_HEIGHT)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.logo_message = QLabel()
        self.logo_message.setWordWrap(True)
        self.choose_logo = QPushButton(self.tr("C&hoose logo…"))
        self.remove_logo = QPushButton(self.tr("Re&move logo"))
        self.choose_logo.clicked.connect(self._choose_logo)
        self.remove_logo.clicked.connect(lambda: self.set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        logo_box = QWidget()
        logo_box.setLayout(logo_row)
        self.form.add_section(self.tr("Logo"))
        self.form.add_widget(logo_box)
        self.form.add_widget(self.logo_message)

    def load(self) -> None:
        settings = self.context.services.settings
        self.form.set_values(
            {
                "office_name": settings.office_name(),
                "default_language": settings.default_language(),
                "idle_lock_minutes": settings.idle_lock_minutes(),
                **{
                    name: settings.int_value(key)
                    for name, (key, *_words) in self._thresholds().items()
                },
            }
        )
        self._show_logo(settings.office_logo())

    def _save(self, values: dict[str, Any]) -> dict[str, Any]:
        settings = self.context.services.settings
        keys = {
            "office_name": SettingKey.OFFICE_NAME,
            "default_language": SettingKey.DEFAULT_LANGUAGE,
            "idle_lock_minutes": SettingKey.IDLE_LOCK_MINUTES,
            **{name: key for name, (key, *_words) in self._thresholds().items()},
        }
        current = {name: settings.value(key) for name, key in keys.items()}
        for name, key in keys.items():
            if str(values[name]) != current[name]:
                try:
                    settings.set_value(key, values[name])
                except ValidationError as refused:
                    message = " ".join(refused.errors.values())
                    raise ValidationError({name: message}) from None
        return values

    def _show_logo(self, picture: bytes | None) -> None:
        image = QImage.fromData(picture) if picture else QImage()
        if image.isNull():
            self.logo.setPixmap(QPixmap())
            self.logo.setText(self.tr("No logo"))
        else:
            scaled = image.scaledToHeight(LOGO_HEIGHT, Qt.TransformationMode.SmoothTransformation)
            self.logo.setPixmap(QPixmap.fromImage(scaled))
        self.remove_logo.setEnabled(not image.isNull() and self._may_change)

    def _choose_logo(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the office logo"), "", self.tr("Pictures (*.png *.jpg *.jpeg)")
        )
        if name:
            self.set_logo(Path(name))

    def set_logo(self, path: Path | None) -> bool:
        """Store the picture at ``path`` as the logo (None removes it); True when stored."""
        try:
            picture = path.read_bytes() if path is not None else None
            # The logo is a field of this form: a refusal is said beside it, like the others.
            with announced(self.context, self):
                self.context.services.settings.set_office_logo(picture)
        except OSError as error:
            self.logo_message.setText(str(error.strerror or error))
            return False
        except ValidationError as refused:
            self.logo_message.setText(" ".join(refused.errors.values()))
            return False
        self.logo_message.setText("")
        self._show_logo(picture)
        return True


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = OfficePanel(context)
        self.groups = GroupsPanel(context)
        self.harms = HarmsPanel(context)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.office, self.tr("&Office"))
        self.tabs.addTab(self.groups, self.tr("Participant &groups"))
        self.tabs.addTab(self.harms, self.tr("&Harm catalogue"))
        self.language = LanguagePanel(context)
        self.tabs.addTab(self.language, self.tr("&Your language"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)


def _reopen(context: AppContext, entry: DraftEntry, parent: QWidget | None) -> None:
    """``office/settings``: the Settings page, whose office form restores the draft;
    ``participant_group/...`` and ``harm/...``: that tab, and the form again."""
    context.navigator.open_page.emit("settings")
    page = parent.findChild(SettingsPage) if parent is not None else None
    if page is None or entry.kind == "office":
        return
    panel: GroupsPanel | HarmsPanel = (
        page.groups if entry.kind == "participant_group" else page.harms
    )
    page.tabs.setCurrentWidget(panel)
    rest = entry.form_key.split("/", 1)[1]
    panel.edit_record(None if rest == "new" else uuid.UUID(rest))


for _kind in ("office", "participant_group", "harm"):
    register_draft_opener(_kind, _reopen)
