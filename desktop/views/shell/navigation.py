"""Which page the main window shows: the navigation list on the left, the page stack on
the right, and a community page or cycle workspace opened in place of the current page
with a Back history. Every move away from an open page asks about its unsaved changes.

:class:`PageWindow` is the main window's base: it owns the pages and the moves between
them; ``MainWindow`` adds the menus, the status bar and the session around it.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, ngettext
from desktop.services.framework.errors import ServiceError
from desktop.views.forms import confirm_leave
from desktop.views.shell.context import AppContext
from desktop.views.shell.pages import PAGES, WORKSPACE, installed, load, service_for


class PageWindow(QMainWindow):
    """A window of pages: top-level pages made when first shown, one detail page at a time."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.entries = [entry for entry in PAGES if installed(entry.target)]
        self.pages: dict[str, QWidget] = {}
        self.detail: QWidget | None = None  # a community page or cycle workspace
        self._history: list[tuple[str, str]] = []  # what Back returns to
        self._current_key = ""
        self.nav = QListWidget()
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        #: The window's commands by key; Back is enabled as the history allows.
        self.commands: dict[str, QAction] = {}
        self._build_navigation()
        self._build_central()

    # --- building -----------------------------------------------------------------------

    def _build_navigation(self) -> None:
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setIconSize(QSize(0, 0))
        for entry in self.entries:
            item = QListWidgetItem(_(entry.label))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(f"{_(entry.label)} ({entry.shortcut})")
            item.setSizeHint(QSize(0, self.nav.fontMetrics().height() + 16))
            self.nav.addItem(item)
        width = max(
            self.nav.fontMetrics().horizontalAdvance(_(e.label)) for e in self.entries
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

    def _enable_back(self, enabled: bool) -> None:
        back = self.commands.get("back")
        if back is not None:
            back.setEnabled(enabled)

    # --- pages --------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The top-level page ``key``, made the first time it is needed."""
        if key not in self.pages:
            entry = next(e for e in self.entries if e.key == key)
            widget = load(entry.target)(self.context, None)
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
        self._enable_back(bool(self._history))

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
        self._enable_back(True)
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
        if not installed(WORKSPACE):
            self.statusBar().showMessage(self.tr("The cycle workspace is not installed."), 8000)
            return
        if self.detail is not None and not confirm_leave(self.detail):
            return
        try:
            workspace = load(WORKSPACE)(self.context, uuid.UUID(cycle_id), None)
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
        service = service_for(self.context, entity)
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
