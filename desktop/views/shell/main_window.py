"""The main window: navigation on the left, the current page on the right, menus and status.

Pages are listed once in :data:`PAGES` (key, label, where the class lives, shortcut);
a page whose module is not installed is left out. A community page or a cycle workspace
opens in place of the current page, with Back (Alt+Left) to return. Screens ask for
each other through ``context.navigator``; this window answers every request, and asks
about unsaved changes before it replaces or closes anything.
"""

from __future__ import annotations

import importlib
import importlib.util
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.i18n import ngettext
from desktop.labels import label
from desktop.services.framework.actor import Actor
from desktop.services.framework.changes import Changes
from desktop.services.framework.errors import ServiceError
from desktop.storage import Database
from desktop.views.forms import confirm_leave, dirty_forms
from desktop.views.forms.registry import offer_drafts, reopen_draft, reopenable_drafts
from desktop.views.shell.backup_command import add_backup_command
from desktop.views.shell.context import AppContext
from desktop.views.shell.keyboard_shortcuts import ShortcutsDialog, action_shortcuts
from desktop.views.shell.permission_gate import gate
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


@dataclass(frozen=True)
class PageEntry:
    key: str
    label: str  # translated when shown
    target: str  # "module:Class"; the class takes (context, parent=None)
    shortcut: str


# The top-level pages, in navigation order. Add a page with one line here.
PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "communities",
        "Communities",
        "desktop.views.communities.list_page:CommunityListPage",
        "Ctrl+1",
    ),
    PageEntry("timeline", "Timeline", "desktop.views.timeline.page:TimelinePage", "Ctrl+2"),
    PageEntry("reviews", "Reviews", "desktop.views.reviews.page:ReviewsPage", "Ctrl+3"),
    PageEntry("reports", "Reports", "desktop.views.reports.page:ReportsPage", "Ctrl+4"),
    PageEntry(
        "stakeholders", "Stakeholders", "desktop.views.stakeholders.page:StakeholdersPage", "Ctrl+5"
    ),
    PageEntry("settings", "Settings", "desktop.views.settings.page:SettingsPage", "Ctrl+6"),
)

WORKSPACE = "desktop.views.cycle.workspace:CycleWorkspace"

# Modules that say how to reopen their forms' drafts (``register_draft_opener``); loaded
# before the drafts left by a crash are offered back at start-up.
DRAFT_OPENERS: tuple[str, ...] = (
    "desktop.views.communities.form",
    "desktop.views.communities.partnership",
    "desktop.views.stakeholders.linkage",
    "desktop.views.stakeholders.page",
    "desktop.views.settings.page",
    "desktop.views.cycle.drafts",
)


def _installed(target: str) -> bool:
    module = target.split(":", 1)[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _load(target: str) -> Any:
    module, name = target.split(":", 1)
    return getattr(importlib.import_module(module), name)


class MainWindow(QMainWindow):
    #: File > Sign out (False) or File > Switch user (True): the session ends
    #: (``desktop.views.auth.session.Session`` listens).
    sign_out_requested = Signal(bool)

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
        super().__init__()
        install_keyboard_rules()
        self.context = AppContext.create(
            db, actor or Actor.from_environment(), settings=settings, demo=demo, today=today
        )
        self.entries = [entry for entry in PAGES if _installed(entry.target)]
        self.pages: dict[str, QWidget] = {}
        self.detail: QWidget | None = None  # a community page or cycle workspace
        self._history: list[tuple[str, str]] = []  # what Back returns to
        self._current_key = ""

        name = db.path.name if db.path is not None else self.tr("in-memory database")
        title = f"{APP_NAME} — {name}"
        self.setWindowTitle(f"{title} — {self.tr('DEMO')}" if demo else title)

        self.nav = QListWidget()
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.saved_label = QLabel()
        self.commands: dict[str, QAction] = {}
        self._build_navigation()
        self._build_central()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._connect_navigator()
        self._restore_geometry()
        self.show_page("communities")
        if offer_drafts_at_start:
            for module in DRAFT_OPENERS:
                importlib.import_module(module)
            offer_drafts(self.context, self)

    # --- building -----------------------------------------------------------------------

    def _build_navigation(self) -> None:
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setIconSize(QSize(0, 0))
        for entry in self.entries:
            item = QListWidgetItem(self.tr(entry.label))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(f"{self.tr(entry.label)} ({entry.shortcut})")
            item.setSizeHint(QSize(0, self.nav.fontMetrics().height() + 16))
            self.nav.addItem(item)
        width = max(
            self.nav.fontMetrics().horizontalAdvance(self.tr(e.label)) for e in self.entries
        )
        self.nav.setMinimumWidth(width + 60)
        self.nav.currentItemChanged.connect(self._on_nav_changed)
        self._update_badges()

    def _update_badges(self) -> None:
        """Show on "Reviews" how many comments by others the person has not read yet."""
        from desktop.views.reviews.comment_panel import unread_badge

        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) != "reviews":
                continue
            label = self.tr("Reviews")
            unread = unread_badge(self.context)
            item.setText(f"{label} ({unread})" if unread else label)
            item.setToolTip(
                ngettext("{n} unread comment", "{n} unread comments", unread).format(n=unread)
                if unread
                else f"{label} (Ctrl+3)"
            )

    def _build_central(self) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(10, 10, 10, 4)
        if self.context.demo:
            layout.addWidget(self._demo_banner())
        layout.addWidget(self.stack, 1)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self._scrolled(content))
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([self.nav.minimumWidth() + 20, 1100])
        self.setCentralWidget(self.splitter)

    def _scrolled(self, content: QWidget) -> QScrollArea:
        """The pages scroll when the window is smaller than a page needs (a laptop at 150 %
        scaling has about 900 x 500 pixels), instead of pushing the window off the screen;
        and only the page shown counts, so one wide page does not widen the others."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        self.stack.currentChanged.connect(self._size_by_current_page)
        return scroll

    def _size_by_current_page(self, _index: int = 0) -> None:
        current = self.stack.currentWidget()
        for index in range(self.stack.count()):
            page = self.stack.widget(index)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)

    def _demo_banner(self) -> QLabel:
        banner = QLabel(
            self.tr(
                "<b>Demo data.</b> These communities are made up, for practice and "
                "training. Your office's real records are in a different file."
            )
        )
        banner.setWordWrap(True)
        banner.setAutoFillBackground(True)
        banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        banner.setContentsMargins(10, 6, 10, 6)
        return banner

    def _action(
        self,
        key: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Any,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
        action.triggered.connect(slot)
        self.commands[key] = action
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self._action(
            "new_community",
            self.tr("&New community…"),
            QKeySequence.StandardKey.New,
            self.new_community,
        )
        self._action(
            "find", self.tr("&Find community"), QKeySequence.StandardKey.Find, self.find_community
        )
        self._action("back", self.tr("&Back"), "Alt+Left", self.go_back)
        self._action("quit", self.tr("&Quit"), "Ctrl+Q", self.close)
        self.commands["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self._action("about", self.tr("&About {app}").format(app=APP_NAME), None, self.show_about)
        self.commands["about"].setMenuRole(QAction.MenuRole.AboutRole)
        self._action("shortcuts", self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts)
        for entry in self.entries:
            self._action(
                f"page:{entry.key}",
                self.tr(entry.label),
                entry.shortcut,
                lambda _checked=False, key=entry.key: self.request_page(key),
            )
        self._action("password", self.tr("Change my &password…"), None, self.change_password)
        self.commands["password"].setEnabled(self.context.db.encrypted)
        self._action("audit", self.tr("&Audit trail…"), None, self.show_audit_trail)
        self.commands["audit"].setVisible(self.context.services.can("read", "audit_event"))
        self._action("accounts", self.tr("A&ccounts…"), None, self.show_accounts)
        self.commands["accounts"].setVisible(self.context.services.can("create", "user"))
        self._build_session_actions()
        self.commands["back"].setEnabled(False)
        # The same rule as the Communities page's button (one place decides both).
        gate(self.commands["new_community"], self.context.services, "create", "community")

    def _build_session_actions(self) -> None:
        self._action(
            "sign_out",
            self.tr("Sign &out"),
            None,
            lambda _checked=False: self.sign_out_requested.emit(False),
        )
        self._action(
            "switch_user",
            self.tr("S&witch user…"),
            None,
            lambda _checked=False: self.sign_out_requested.emit(True),
        )
        if self.context.db.keyring is None or self.context.db.path is None:
            why = self.tr("This database has no passwords, so nobody signs in to it.")
            for key in ("sign_out", "switch_user"):
                self.commands[key].setEnabled(False)
                self.commands[key].setToolTip(why)

    def _build_menus_and_toolbar(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setToolTipsVisible(True)  # a greyed entry says why it is greyed
        file_menu.addAction(self.commands["new_community"])
        file_menu.addAction(self.commands["find"])
        file_menu.addSeparator()
        file_menu.addAction(self.commands["password"])
        file_menu.addAction(self.commands["audit"])
        file_menu.addAction(self.commands["accounts"])
        self.commands["backup"] = add_backup_command(self, file_menu, self.context.db)
        file_menu.addSeparator()
        file_menu.addAction(self.commands["switch_user"])
        file_menu.addAction(self.commands["sign_out"])
        file_menu.addSeparator()
        file_menu.addAction(self.commands["quit"])
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        go_menu.addAction(self.commands["back"])
        go_menu.addSeparator()
        for entry in self.entries:
            go_menu.addAction(self.commands[f"page:{entry.key}"])
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.commands["shortcuts"])
        help_menu.addAction(self.commands["about"])

        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.commands["back"])
        toolbar.addSeparator()
        toolbar.addAction(self.commands["new_community"])
        toolbar.addAction(self.commands["find"])
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        db = self.context.db
        where = str(db.path) if db.path is not None else self.tr("in memory")
        path_label = QLabel(self.tr("Database: {path}").format(path=where))
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path_label.setToolTip(where)
        actor = self.context.actor
        role = label(actor.role) if actor.role else self.tr("no role")
        user_label = QLabel(
            self.tr("Signed in as {user} ({role})").format(user=actor.username, role=role)
        )
        self.statusBar().addWidget(path_label, 1)
        self.statusBar().addPermanentWidget(user_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        dirty_forms().count_changed.connect(self._show_saved_state)
        self._show_saved_state(dirty_forms().count())

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

    # --- pages --------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The top-level page ``key``, made the first time it is needed."""
        if key not in self.pages:
            entry = next(e for e in self.entries if e.key == key)
            widget = _load(entry.target)(self.context, None)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def request_page(self, key: str) -> None:
        if any(entry.key == key for entry in self.entries) and self._leave_detail():
            self.show_page(key)

    def show_page(self, key: str) -> None:
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        self._current_key = key
        self._select_nav(key)
        self.commands["back"].setEnabled(bool(self._history))

    def _select_nav(self, key: str) -> None:
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(row)
                self.nav.blockSignals(False)

    def _on_nav_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        key = str(current.data(Qt.ItemDataRole.UserRole))
        if self._leave_detail():
            self.show_page(key)
        else:
            self._select_nav(self._current_key)

    def _leave_detail(self) -> bool:
        """Close the open community page or workspace, after asking about unsaved changes."""
        if self.detail is None:
            return True
        if not confirm_leave(self.detail):
            return False
        self.stack.removeWidget(self.detail)
        self.detail.deleteLater()
        self.detail = None
        self._history.clear()
        return True

    def _show_detail(self, widget: QWidget, where: tuple[str, str]) -> None:
        previous = self.detail
        if previous is not None:
            self.stack.removeWidget(previous)
            previous.deleteLater()
        self.detail = widget
        self._history.append(where)
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.commands["back"].setEnabled(True)
        # The keyboard follows what is shown: typing and arrows act on the opened page.
        first_focus = getattr(widget, "first_focus", None)
        if callable(first_focus):
            first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    def open_community(self, community_id: str) -> None:
        from desktop.views.communities.page import CommunityPage

        if self.detail is not None and not confirm_leave(self.detail):
            return
        try:
            page = CommunityPage(self.context, uuid.UUID(community_id))
        except (ServiceError, ValueError) as error:
            self.statusBar().showMessage(str(error), 8000)
            return
        self._select_nav("communities")
        self._current_key = "communities"
        self._show_detail(page, ("community", community_id))

    def open_cycle(self, cycle_id: str) -> None:
        if not _installed(WORKSPACE):
            self.statusBar().showMessage(self.tr("The cycle workspace is not installed."), 8000)
            return
        if self.detail is not None and not confirm_leave(self.detail):
            return
        try:
            workspace = _load(WORKSPACE)(self.context, uuid.UUID(cycle_id), None)
        except (ServiceError, ValueError) as error:
            self.statusBar().showMessage(str(error), 8000)
            return
        # A cycle belongs to a community: the navigation says so, whatever page asked.
        self._select_nav("communities")
        self._current_key = "communities"
        self._show_detail(workspace, ("cycle", cycle_id))

    def open_record(self, entity: str, record_id: str) -> None:
        """Show a record where it lives: its community, its cycle, or the stakeholders page."""
        if entity == "community":
            self.open_community(record_id)
        elif entity == "cycle":
            self.open_cycle(record_id)
        elif entity == "stakeholder" and "stakeholders" in {e.key for e in self.entries}:
            self.request_page("stakeholders")
            page = self.page("stakeholders")
            select = getattr(page, "select_stakeholder", None)
            if callable(select):
                select(uuid.UUID(record_id))
        else:
            self._open_in_cycle(entity, record_id)

    def _open_in_cycle(self, entity: str, record_id: str) -> None:
        service = _service_for(self.context, entity)
        if service is None:
            return
        try:
            data = service.get(uuid.UUID(record_id)).data
        except (ServiceError, ValueError) as error:
            self.statusBar().showMessage(str(error), 8000)
            return
        cycle_id = getattr(data, "cycle_id", None)
        community_id = getattr(data, "community_id", None)
        if cycle_id is not None:
            self.open_cycle(str(cycle_id))
            show = getattr(self.detail, "show_record", None)
            if callable(show):
                show(entity, uuid.UUID(record_id))
        elif community_id is not None:
            self.open_community(str(community_id))

    def go_back(self) -> None:
        if len(self._history) > 1:
            self._history.pop()
            kind, record_id = self._history.pop()
            (self.open_community if kind == "community" else self.open_cycle)(record_id)
        elif self._leave_detail():
            self.show_page(self._current_key or "communities")

    # --- actions ------------------------------------------------------------------------

    def new_community(self) -> None:
        from desktop.views.communities.form import create_community

        community_id = create_community(self.context, self)
        if community_id is not None:
            self.open_community(str(community_id))

    def find_community(self) -> None:
        if not self._leave_detail():
            return
        self.show_page("communities")
        focus = getattr(self.page("communities"), "focus_search", None)
        if callable(focus):
            focus()

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

    def change_password(self) -> None:
        from desktop.views.auth.password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.context, self).exec()

    def show_audit_trail(self) -> None:
        from desktop.views.admin.audit_viewer import AuditViewer

        AuditViewer(self.context, self).exec()

    def show_accounts(self) -> None:
        from desktop.views.admin.accounts_dialog import AccountsDialog

        AccountsDialog(self.context, self).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About {app}").format(app=APP_NAME),
            self.tr(
                "<h3>{app} {version}</h3>"
                "<p>Offline records for NGO field offices supporting "
                "community-led child protection.</p>"
                "<p>Free software under the GNU General Public License, "
                "version 3 or later.</p>"
            ).format(app=APP_NAME, version=__version__),
        )

    def shortcut_lines(self) -> list[tuple[str, str]]:
        """(what it does, keys) of every command with a shortcut (menus, toolbar, pages)."""
        return action_shortcuts(self)

    def shortcuts_box(self) -> ShortcutsDialog:
        """The list of keyboard shortcuts (F1), not yet shown."""
        return ShortcutsDialog(self)

    def show_shortcuts(self) -> None:
        self.shortcuts_box().exec()

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


def _service_for(context: AppContext, entity: str) -> Any:
    """The service of an entity name ("action" -> services.actions), or None."""
    services = context.services
    for name in (f"{entity}s", entity, f"{entity}es"):
        candidate = getattr(services, name, None)
        if candidate is not None and getattr(candidate, "entity", None) == entity:
            return candidate
    return next(
        (
            value
            for value in vars(services).values()
            if getattr(value, "entity", None) == entity and hasattr(value, "get")
        ),
        None,
    )
