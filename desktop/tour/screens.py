"""The shots of the screens: communities, settings, accounts, the cycle workspace and the
mentors' reviews (the timelines are in ``timeline.py``), in the order of the user guide."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.tour import timeline as timeline_shots
from desktop.tour.base import WINDOW_SIZE, Tour, register_shot

# --- the shots of this part of the app --------------------------------------------------


def _page(key: str) -> Callable[[Tour], QWidget]:
    def make(tour: Tour) -> QWidget:
        tour.window.request_page(key)  # type: ignore[attr-defined]
        return tour.window

    return make


def _community_tab(tab: str) -> Callable[[Tour], QWidget]:
    def make(tour: Tour) -> QWidget:
        if tour.community_id is not None:
            tour.window.open_community(str(tour.community_id))  # type: ignore[attr-defined]
            tour.window.detail.show_tab(tab)  # type: ignore[attr-defined]
        return tour.window

    return make


def _new_community(tour: Tour) -> QWidget:
    from desktop.views.communities.form import new_community_form
    from desktop.views.forms import FormDialog

    return tour.dialog(FormDialog(new_community_form(tour.context), tour.window))


def _new_community_errors(tour: Tour) -> QWidget:
    dialog = _new_community(tour)
    form = dialog.form  # type: ignore[attr-defined]
    form.field("latitude").setText("123")
    form.save()
    return dialog


def _partnership(tour: Tour) -> QWidget:
    from desktop.views.communities.partnership import partnership_form
    from desktop.views.forms import FormDialog

    assert tour.community_id is not None
    record = tour.context.services.communities.get(tour.community_id)
    return tour.dialog(FormDialog(partnership_form(tour.context, record), tour.window))


def _linkage(tour: Tour) -> QWidget:
    from desktop.views.forms import FormDialog
    from desktop.views.stakeholders.linkage import linkage_form

    assert tour.community_id is not None
    services = tour.context.services
    links = services.linkages.list(where={"community_id": tour.community_id}, limit=1).items
    if not links:
        links = services.linkages.list(limit=1).items
    record = links[0] if links else None
    community = record.data.community_id if record is not None else tour.community_id
    form = linkage_form(tour.context, community_id=community, record=record)
    return tour.dialog(FormDialog(form, tour.window))


def _unsaved_prompt(tour: Tour) -> QWidget:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(tour.window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tour.window.tr("Unsaved changes"))
    box.setText(tour.window.tr("“Profile” has changes that are not saved."))
    box.setInformativeText(tour.window.tr("Save them before you go on?"))
    box.addButton(tour.window.tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tour.window.tr("&Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tour.window.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.show()
    tour.opened.append(box)
    return box


def _settings_tab(index: int) -> Callable[[Tour], QWidget]:
    def make(tour: Tour) -> QWidget:
        tour.window.request_page("settings")  # type: ignore[attr-defined]
        tour.window.page("settings").tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        return tour.window

    return make


register_shot(
    "communities", "The list of communities, with search and filters", _page("communities")
)
register_shot("community-new", "Adding a community", _new_community)
register_shot(
    "community-new-errors", "A message beside a field that needs fixing", _new_community_errors
)
register_shot("community-profile", "A community's profile", _community_tab("profile"))
register_shot(
    "community-partnership", "Partnership status and its history", _community_tab("partnership")
)
register_shot("community-partnership-change", "Changing the partnership status", _partnership)
register_shot("community-cycles", "A community's cycles", _community_tab("cycles"))
register_shot("community-linkages", "Linkages with formal actors", _community_tab("linkages"))
register_shot("community-linkage-edit", "Editing a linkage and its status history", _linkage)
register_shot("community-files", "Files attached to a community", _community_tab("files"))
register_shot("unsaved-changes", "The question asked before unsaved work is left", _unsaved_prompt)


def _shortcuts(tour: Tour) -> QWidget:
    box = tour.window.shortcuts_box()  # type: ignore[attr-defined]
    box.show()
    tour.opened.append(box)
    return box  # type: ignore[no-any-return]


def _draft_restore(tour: Tour) -> QWidget:
    from datetime import datetime

    from desktop.services.usecases.drafts import DraftEntry
    from desktop.views.forms.prompts import restore_box

    typed = datetime.now(UTC).replace(second=0, microsecond=0)
    entry = DraftEntry("meeting/new", tour.window.tr("New meeting"), {}, typed)
    box = restore_box(tour.window, entry)
    box.show()
    tour.opened.append(box)
    return box


def _encrypt_wizard(tour: Tour) -> QWidget:
    """The offer made when an older, unencrypted database is opened (shown, not run)."""
    from desktop.views.auth.encrypt_wizard import EncryptWizard

    here = tour.context.db.path
    older = (here.parent if here is not None else Path.home()) / "records.db"
    wizard = EncryptWizard(older, "admin", tour.window)
    wizard.resize(640, 380)
    wizard.show()
    tour.opened.append(wizard)
    return wizard


register_shot("shortcuts", "The keyboard shortcuts (F1)", _shortcuts)
register_shot("draft-restore", "Work left unsaved by a crash, offered back", _draft_restore)
register_shot("encrypt-wizard", "Encrypting an older, unencrypted database", _encrypt_wizard)
register_shot("stakeholders", "The stakeholders directory", _page("stakeholders"))
register_shot("reports", "Printing a form or a report", _page("reports"))
register_shot("settings-office", "Office settings", _settings_tab(0))
register_shot("settings-groups", "Participant groups", _settings_tab(1))


def _timeline(kind: str) -> Callable[[Tour], QWidget]:
    def make(tour: Tour) -> QWidget:
        return getattr(timeline_shots, f"{kind}_shot")(tour)  # type: ignore[no-any-return]

    return make


register_shot("timeline-office", "Timeline of all communities", _timeline("office"))
register_shot(
    "timeline-office-overdue",
    "All communities, most overdue actions first",
    _timeline("office_overdue"),
)
register_shot("timeline-community", "A community's timeline", _timeline("community"))
register_shot("timeline-table", "All communities as a table", _timeline("office_table"))
register_shot("settings-harms", "The harm catalogue", _settings_tab(2))
register_shot("settings-language", "Choosing the language of the app", _settings_tab(3))


def _accounts(tour: Tour) -> QWidget:
    """Taken with ``--user admin``: the accounts, a facilitator and their communities."""
    from desktop.views.admin.accounts_dialog import AccountsDialog

    dialog = AccountsDialog(tour.context)
    dialog.resize(900, 680)
    people = list(dialog.people.values())
    chosen = next((p for p in people if p.role == "facilitator"), None)
    if chosen is not None:
        dialog.table.selectRow(dialog.find_row(chosen.username))
    return tour.dialog(dialog)


register_shot("accounts", "Accounts and the communities people are assigned to", _accounts)


# --- the cycle workspace ----------------------------------------------------------------


def _workspace(tour: Tour):  # type: ignore[no-untyped-def]  # CycleWorkspace, imported lazily
    """The sample community's cycle with the most actions (the latest one may be new);
    None when the database has no cycle."""
    if tour.cycle_id is None:
        return None
    services = tour.context.services
    community_id = services.cycles.get(tour.cycle_id).data.community_id
    cycles = services.cycles.list(where={"community_id": community_id}).items
    busiest = max(
        cycles, key=lambda c: services.actions.list(where={"cycle_id": c.id}, limit=0).total
    )
    tour.window.open_cycle(str(busiest.id))  # type: ignore[attr-defined]
    return tour.window.detail  # type: ignore[attr-defined]


def _cycle_section(key: str) -> Callable[[Tour], QWidget]:
    def make(tour: Tour) -> QWidget:
        workspace = _workspace(tour)
        if workspace is not None:
            workspace.show_section(key)
        return tour.window

    return make


def _cycle_form(key: str, section: str, *, errors: bool = False) -> Callable[[Tour], QWidget]:
    """The form of the first record of a section (a new one when it has none)."""

    def make(tour: Tour) -> QWidget:
        workspace = _workspace(tour)
        if workspace is None:
            return tour.window
        workspace.show_section(key)
        records = getattr(workspace, section)
        ids = records.shown_ids()
        if ids and not errors:
            records.select_record(ids[0])
        dialog: QWidget = records.open_form(None if errors else records.current())
        if errors:
            dialog.form.save()  # type: ignore[attr-defined]
        tour.opened.append(dialog)
        return dialog

    return make


def _new_cycle(tour: Tour) -> QWidget:
    workspace = _workspace(tour)
    if workspace is None:
        return tour.window
    dialog = workspace.new_cycle()
    tour.opened.append(dialog)
    return dialog  # type: ignore[no-any-return]


register_shot("cycle-phases", "A cycle's phases", _cycle_section("phases"))
register_shot("cycle-meetings", "Meetings and the planning group", _cycle_section("meetings"))
register_shot("cycle-meeting-edit", "Recording a meeting", _cycle_form("meetings", "meetings"))
register_shot("cycle-learning", "Learning findings and feedback", _cycle_section("learning"))
register_shot("cycle-harms", "Harm selection and the inclusion check", _cycle_section("harms"))
register_shot(
    "cycle-harm-edit", "Ranks and the community's decision", _cycle_form("harms", "harms")
)
register_shot("cycle-actions", "The action plan, overdue actions marked", _cycle_section("actions"))
register_shot("cycle-action-edit", "Editing an action", _cycle_form("actions", "action_plan"))
register_shot(
    "cycle-action-errors",
    "A new action with messages beside the fields",
    _cycle_form("actions", "action_plan", errors=True),
)
register_shot("cycle-monitoring", "Indicators, results and the trend", _cycle_section("monitoring"))
register_shot("cycle-reflection", "Reflections linked to actions", _cycle_section("reflection"))
register_shot("cycle-new", "Starting the next cycle, carrying work over", _new_cycle)


# --- mentor reviews (take these with --user mentor) -------------------------------------


def _reviews_home(tour: Tour) -> QWidget:
    from desktop.views.reviews.page import ReviewsPage

    page = ReviewsPage(tour.context)
    page.resize(*WINDOW_SIZE)
    page.show()
    tour.opened.append(page)
    return page


def _review(tab: int) -> Callable[[Tour], QWidget]:
    """A review with an open follow-up (else the first cycle awaiting one), on ``tab``."""

    def make(tour: Tour) -> QWidget:
        page = _reviews_home(tour)
        home = page.home  # type: ignore[attr-defined]
        if home is not None and home.follow_ups:
            item = home.follow_ups[0]
            dialog = page.open_review(item.cycle_id, item.review_id)  # type: ignore[attr-defined]
        elif home is not None and home.awaiting_review:
            item = home.awaiting_review[0]
            dialog = page.open_review(item.cycle_id, None)  # type: ignore[attr-defined]
        else:
            return page
        dialog.editor.tabs.setCurrentIndex(tab)
        tour.opened.append(dialog)
        return dialog  # type: ignore[no-any-return]

    return make


register_shot("review-home", "The mentor's home: what needs attention", _reviews_home)
register_shot("review-form", "A review: benchmarks, inclusion check, follow-ups", _review(0))
register_shot("review-comments", "Comments on a review", _review(1))
register_shot("review-history", "Earlier reviews of the community side by side", _review(2))


def _record_comments(tour: Tour) -> QWidget:
    """The cycle workspace on the action with the most comments the person may read (else
    the first action of the sample cycle), its comments below the list."""
    services = tour.context.services
    comments = services.comments.list(where={"subject_kind": "action"}, limit=500).items
    counts = Counter((c.data.cycle_id, c.data.subject_id) for c in comments)
    busiest = counts.most_common(1)[0][0] if counts else None
    cycle_id = busiest[0] if busiest else tour.cycle_id
    if cycle_id is None:
        return tour.window
    tour.window.open_cycle(str(cycle_id))  # type: ignore[attr-defined]
    workspace = tour.window.detail  # type: ignore[attr-defined]
    workspace.show_section("actions")
    ids = workspace.action_plan.shown_ids()
    wanted = busiest[1] if busiest else (ids[0] if ids else None)
    if wanted is not None:
        workspace.action_plan.select_record(wanted)
    return tour.window


register_shot(
    "review-workspace-comments", "Comments on an action in the cycle workspace", _record_comments
)
