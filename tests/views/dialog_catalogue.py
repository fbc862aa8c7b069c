"""Every dialog of the app, opened the way a person opens it, for the focus and fit tests.

The screenshot tour opens most dialogs (``SHOTS``); :func:`extra_openers` opens the rest
from the same main window: the form of every section of the cycle workspace, the cycle's
own form, and the editors of stakeholders, settings, accounts, follow-ups and passwords,
the audit trail, the review history window, sign-in and recovery.

Many of them are shown with ``exec()``: :func:`while_open` looks at the dialog from
inside its event loop, then closes it without the unsaved-changes question.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.tour.base import Tour
from desktop.views.forms import Form

Check = Callable[[str, QDialog], None]
Opener = Callable[[], object]


def while_open(qtbot: QtBot, name: str, opener: Opener, check: Check) -> bool:
    """Run ``opener``; call ``check`` on the modal dialog it shows, then close it.

    True when a dialog was found (the look happens from the dialog's own event loop when
    it is shown with ``exec()``, else right after ``opener`` returns).
    """
    seen: list[QDialog] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog not in seen:
            seen.append(dialog)
            check(name, dialog)
            for form in dialog.findChildren(Form):
                form.revert()  # the typing of the check is not kept
            dialog.done(0)
            dialog.deleteLater()

    QTimer.singleShot(0, look)
    opener()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    return bool(seen)


def extra_openers(tour: Tour, db_path: Path) -> dict[str, Opener]:
    """The dialogs the tour does not show, each as a function that opens it."""
    from desktop.views.admin.accounts_forms import add_account_dialog
    from desktop.views.admin.audit_viewer import AuditViewer
    from desktop.views.auth.login_dialog import LoginDialog, RecoveryDialog
    from desktop.views.auth.password_dialog import ChangePasswordDialog
    from desktop.views.communities.cycles import start_cycle
    from desktop.views.cycle.section import RecordSection
    from desktop.views.reviews.follow_ups import FollowUpsTable
    from desktop.views.reviews.history import ReviewHistoryDialog
    from desktop.views.settings.catalogues import GroupsPanel, HarmsPanel
    from desktop.views.stakeholders.page import create_stakeholder

    context, window = tour.context, tour.window
    assert tour.cycle_id is not None and tour.community_id is not None
    community_id: uuid.UUID = tour.community_id
    window.open_cycle(str(tour.cycle_id))  # type: ignore[attr-defined]
    workspace: QWidget = window.detail  # type: ignore[attr-defined]
    openers: dict[str, Opener] = {}
    for section in workspace.findChildren(RecordSection):
        if getattr(section, "indicator", "") is None:  # observations wait for an indicator
            continue
        openers[f"cycle-{section.spec.entity}"] = lambda s=section: s.open_form(None)
    openers["cycle-edit"] = workspace.edit_cycle  # type: ignore[attr-defined]
    openers["cycle-start"] = lambda: start_cycle(context, community_id, window)
    openers["stakeholder-new"] = lambda: create_stakeholder(context, window)
    groups, harms = GroupsPanel(context), HarmsPanel(context)
    tour.opened += [groups, harms]
    openers["participant-group-new"] = groups.add
    openers["harm-new"] = harms.add
    openers["account-new"] = lambda: add_account_dialog(context, window).open()
    openers["password-change"] = lambda: ChangePasswordDialog(context, window).open()
    openers["audit-trail"] = lambda: AuditViewer(context, window).open()
    openers["review-history-window"] = lambda: ReviewHistoryDialog(
        context, community_id, "Kabale", window
    ).open()
    follow_ups = FollowUpsTable(context, community_id)
    tour.opened.append(follow_ups)
    reviews = context.services.reviews.list(limit=1).items
    if reviews:
        follow_ups.set_review(reviews[0].id)
        openers["follow-up-new"] = follow_ups.add
    openers["sign-in"] = lambda: LoginDialog(db_path, "", window).open()
    openers["recovery"] = lambda: RecoveryDialog(db_path, "", window).open()
    return openers
