"""The main window: navigation on the left, the current page on the right, menus and status.

The window is built in three layers, each in its own module: which page is shown and the
moves between pages (``navigation.PageWindow``, pages listed once in
``pages.PAGES``), the menus, toolbar and their commands (``commands.CommandWindow``),
and here the session around them: the status bar, news of writes, drafts offered back
at start-up, and the window's size and place kept between sessions. Screens ask for
each other through ``context.navigator``; this window answers every request, and asks
about unsaved changes before it replaces or closes anything.
"""

from __future__ import annotations

import importlib
from datetime import date

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop import APP_NAME
from desktop.i18n import isolated
from desktop.labels import label
from desktop.services.framework.actor import Actor
from desktop.services.framework.changes import Changes
from desktop.storage import Database
from desktop.views.forms import confirm_leave, dirty_forms
from desktop.views.forms.registry import offer_drafts, reopen_draft, reopenable_drafts
from desktop.views.shell.commands import CommandWindow
from desktop.views.shell.context import AppContext
from desktop.views.shell.pages import DRAFT_OPENERS
from desktop.views.widgets.keyboard import available_size, install_keyboard_rules

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
SPLITTER_KEY = "main_window/splitter"
#: The size the window opens at the first time, when the screen has room for it.
DEFAULT_SIZE = (1280, 760)


def default_size(window: QWidget) -> QSize:
    """:data:`DEFAULT_SIZE`, made smaller to fit the free area of the window's screen (less
    the taskbar, the title bar and the frame): 1280 x 760 does not fit a 1366 x 768 laptop
    screen, nor any screen at 150 % scaling."""
    return QSize(*DEFAULT_SIZE).boundedTo(available_size(window))


class MainWindow(CommandWindow):
    """One signed-in person's window on one database."""

    def __init__(
        self,
        db: Database,
        *,
        actor: Actor | None = None,
        demo: bool = False,
        settings: QSettings | None = None,
        today: date | None = None,
        offer_drafts_at_start: bool = True,
    ) -> None:
        install_keyboard_rules()
        super().__init__(
            AppContext.create(
                db, actor or Actor.from_environment(), settings=settings, demo=demo, today=today
            )
        )
        name = db.path.name if db.path is not None else self.tr("in-memory database")
        title = f"{APP_NAME} — {name}"
        self.setWindowTitle(self.tr("{title} — DEMO").format(title=title) if demo else title)
        self.saved_label = QLabel()
        self._build_status_bar()
        self._connect_navigator()
        self._restore_geometry()
        self.show_page("communities")
        if offer_drafts_at_start:
            for module in DRAFT_OPENERS:
                importlib.import_module(module)
            offer_drafts(self.context, self)

    # --- the session around the pages -----------------------------------------------

    def _build_status_bar(self) -> None:
        db = self.context.db
        where = str(db.path) if db.path is not None else self.tr("in memory")
        path_label = QLabel(self.tr("Database: {path}").format(path=where))
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path_label.setToolTip(where)
        actor = self.context.actor
        role = label(actor.role) if actor.role else self.tr("no role")
        user_label = QLabel(
            self.tr("Signed in as {user} ({role})").format(user=isolated(actor.username), role=role)
        )
        self.statusBar().addWidget(path_label, 1)
        self.statusBar().addPermanentWidget(self._sync_status())
        self.statusBar().addPermanentWidget(user_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        dirty_forms().count_changed.connect(self._show_saved_state)
        self._show_saved_state(dirty_forms().count())

    def _sync_status(self) -> QWidget:
        from desktop.views.sync.status import SyncStatusBar

        status = SyncStatusBar(self.context)
        status.conflicts_requested.connect(self.show_conflicts)
        self.sync_now.finished.connect(status.refresh)
        self.sync_status = status
        return status

    def _connect_navigator(self) -> None:
        navigator = self.context.navigator
        navigator.open_community.connect(self.open_community)
        navigator.open_cycle.connect(self.open_cycle)
        navigator.open_record.connect(self.open_record)
        navigator.open_page.connect(self.request_page)
        navigator.changes_made.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        self._show_saved_state(dirty_forms().count())
        if changes.touches("comment", "comment_read"):
            self._update_badges()

    def reopen(self, form_key: str) -> bool:
        entry = next((e for e in reopenable_drafts(self.context) if e.form_key == form_key), None)
        return entry is not None and reopen_draft(self.context, entry, self)

    def _show_saved_state(self, unsaved: int) -> None:
        if unsaved == 1:
            text = self.tr("1 form has unsaved changes")
        elif unsaved:
            text = self.tr("{n} forms have unsaved changes").format(n=unsaved)
        else:
            text = self.tr("All changes saved")
        self.saved_label.setText(text)
        font = self.saved_label.font()
        font.setBold(bool(unsaved))  # work not yet saved should catch the eye
        self.saved_label.setFont(font)
        self.saved_label.setToolTip(
            self.tr("Typing in an open form is kept as a draft until you save it.")
            if unsaved
            else ""
        )

    # --- geometry -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = self.context.settings
        geometry = settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(default_size(self))
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = settings.value(SPLITTER_KEY)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not confirm_leave(self):
            event.ignore()
            return
        settings = self.context.settings
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        settings.sync()
        super().closeEvent(event)
