"""The main window's commands: every menu entry and toolbar button, the keys that start
them, and what they do when the command is not about moving between pages (new community,
passwords, the audit trail, accounts, About, the list of shortcuts).

Whether a command is offered follows the same rules as the services (``gate``,
``Services.can``); Change password, Sign out and Switch user look at the database file
itself, since only an encrypted file has passwords.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QToolBar

from desktop import APP_NAME, __version__
from desktop.views.exchange.menu import add_export_entry
from desktop.views.shell.backup_command import add_backup_command
from desktop.views.shell.context import AppContext
from desktop.views.shell.keyboard_shortcuts import ShortcutsDialog, action_shortcuts
from desktop.views.shell.navigation import PageWindow
from desktop.views.shell.permission_gate import gate

#: The File menu's entries for the office server, in their order.
SYNC_COMMANDS = ("sync_now", "waiting", "conflicts", "duplicates")


class CommandWindow(PageWindow):
    """The page window with its menus, toolbar and shortcuts."""

    #: File > Sign out (False) or File > Switch user (True): the session ends
    #: (``desktop.views.auth.session.Session`` listens).
    sign_out_requested = Signal(bool)

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._build_actions()
        self._build_menus_and_toolbar()

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
        self._build_sync_actions()
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

    def _build_sync_actions(self) -> None:
        from desktop.views.sync.sync_now import SyncNow, gate_sync

        self.sync_now = SyncNow(self, self.context)
        self._action("sync_now", self.tr("S&ync now"), "Ctrl+Shift+S", self.sync_now.start)
        self._action("waiting", self.tr("Changes waiting to be &sent…"), None, self.show_waiting)
        self._action("conflicts", self.tr("Conf&licts…"), None, self.show_conflicts)
        self._action("duplicates", self.tr("Possible &duplicates…"), None, self.show_duplicates)
        for key in SYNC_COMMANDS:
            gate_sync(self.commands[key], self.context)

    def _build_menus_and_toolbar(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setToolTipsVisible(True)  # a greyed entry says why it is greyed
        file_menu.addAction(self.commands["new_community"])
        file_menu.addAction(self.commands["find"])
        add_export_entry(self, file_menu, self.context)
        file_menu.addSeparator()
        for key in SYNC_COMMANDS:
            file_menu.addAction(self.commands[key])
        file_menu.addSeparator()
        file_menu.addAction(self.commands["password"])
        file_menu.addAction(self.commands["audit"])
        file_menu.addAction(self.commands["accounts"])
        self.commands["backup"] = add_backup_command(self, file_menu, self.context.services)
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

    def change_password(self) -> None:
        from desktop.views.auth.password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.context, self).exec()

    def show_audit_trail(self) -> None:
        from desktop.views.admin.audit_viewer import AuditViewer

        AuditViewer(self.context, self).exec()

    def show_accounts(self) -> None:
        from desktop.views.admin.accounts_dialog import AccountsDialog

        AccountsDialog(self.context, self).exec()

    def show_waiting(self) -> None:
        from desktop.views.sync.waiting_dialog import WaitingChangesDialog

        self._show_once(WaitingChangesDialog, lambda: WaitingChangesDialog(self.context, self))

    def show_conflicts(self) -> None:
        from desktop.views.sync.conflicts_dialog import ConflictsDialog

        self._show_once(ConflictsDialog, lambda: ConflictsDialog(self.context, self))

    def show_duplicates(self) -> None:
        from desktop.views.sync.duplicates_dialog import DuplicatesDialog

        self._show_once(DuplicatesDialog, lambda: DuplicatesDialog(self.context, self))

    def _show_once(self, kind: type[QDialog], make: Callable[[], QDialog]) -> None:
        """Show the window's one ``kind`` of screen (made when first asked), in front."""
        dialog = self.findChild(kind)
        if dialog is None:
            dialog = make()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

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
