"""What a role may read but not change is shown read-only, never disabled.

Disabled fields are skipped by Tab and by screen readers and drawn grey on grey; a
mentor reading a community's profile must reach every field by keyboard, hear its name
and read it at full contrast.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.services.framework.actor import Actor
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.security.permissions import FACILITATORS_READ_ALL
from desktop.storage import Database, open_database
from desktop.views.communities.page import CommunityPage
from desktop.views.forms import Form, FormDialog
from desktop.views.settings.page import OfficePanel
from desktop.views.shell.context import AppContext
from desktop.views.stakeholders.page import StakeholdersPage
from desktop.views.widgets.palette import apply_app_palette, contrast_ratio
from desktop.views.widgets.readonly import shown_field
from tests.views.community_screens_support import ADMIN, TODAY, ini_settings, make_demo
from tests.views.shots import save_shot

MENTOR = Actor("mentor", role="mentor")
FACILITATOR = Actor("facilitator", role="facilitator")
DATA_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(make_demo(tmp_path / "demo.db"))
    yield database
    database.close()


def context_for(db: Database, tmp_path: Path, actor: Actor) -> AppContext:
    return AppContext.create(db, actor, settings=ini_settings(tmp_path), today=TODAY)


def data_fields(form: Form) -> list[QWidget]:
    """The widgets a person reads the record in, in the form's order: each field, or the
    read-only line shown in place of a drop-down list."""
    fields = [shown_field(form.field(name)) for name in form.field_names()]
    # Nothing else on the form takes input (or hides a disabled one).
    others = [
        w
        for w in form.findChildren(QWidget)
        if isinstance(w, DATA_WIDGETS)
        and w.isVisibleTo(form)
        and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)
        and w not in fields
    ]
    assert others == []
    return fields


def is_read_only(widget: QWidget) -> bool:
    read_only = getattr(widget, "isReadOnly", None)
    return bool(callable(read_only) and read_only())


def read_only_community(context: AppContext, qtbot: QtBot) -> CommunityPage:
    """A community the actor may read but not change."""
    rows = context.services.list_communities(CommunityQuery(limit=100, today=TODAY)).items
    for row in rows:
        if not context.services.can("update", "community", row.id):
            page = CommunityPage(context, row.id)
            qtbot.addWidget(page)
            return page
    pytest.fail("the demo gives this role no community it may only read")


def check_readable(form: Form, qtbot: QtBot) -> None:
    """Every field enabled, read-only, named, dark on light, and reached by Tab in turn."""
    fields = data_fields(form)
    assert fields
    disabled = [w.accessibleName() for w in fields if not w.isEnabled()]
    assert disabled == []
    assert all(is_read_only(w) for w in fields), [w.accessibleName() for w in fields]
    assert all(w.accessibleName() for w in fields)
    for widget in fields:
        palette = widget.palette()
        text = palette.color(QPalette.ColorGroup.Active, widget.foregroundRole())
        back = palette.color(QPalette.ColorGroup.Active, widget.backgroundRole())
        assert contrast_ratio(text, back) >= 4.5
    # Tab walks through every field, in the order of the form.
    window = form.window()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    fields[0].setFocus(Qt.FocusReason.TabFocusReason)
    reached: list[QWidget] = []
    for _ in range(len(fields) * 3):
        focused = QApplication.focusWidget()
        assert focused is not None
        field: QWidget | None = focused
        while field is not None and field not in fields:
            field = field.parentWidget()
        if field is not None and field not in reached:
            reached.append(field)
        if len(reached) == len(fields):
            break
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert reached == fields
    # Typing into a read-only field changes nothing.
    first = fields[0]
    before = form.values()
    qtbot.keyClicks(first, "xyz")  # type: ignore[no-untyped-call]
    assert form.values() == before
    assert not form.dirty
    assert form.save_button is not None and not form.save_button.isEnabled()
    assert form.save_button.toolTip()


@pytest.mark.parametrize("actor", [MENTOR, FACILITATOR], ids=["mentor", "facilitator"])
def test_community_profile_is_read_only_not_disabled(
    qtbot: QtBot, db: Database, tmp_path: Path, actor: Actor
) -> None:
    apply_app_palette(QApplication.instance())  # type: ignore[arg-type]
    # Facilitators read other facilitators' communities when the office allows it.
    context_for(db, tmp_path, ADMIN).services.settings.set_value(FACILITATORS_READ_ALL, "yes")
    context = context_for(db, tmp_path, actor)
    page = read_only_community(context, qtbot)
    assert page.profile.isEnabled()
    check_readable(page.profile, qtbot)
    kind = page.profile.field("kind")
    assert isinstance(kind, QComboBox)
    shown = [w for w in data_fields(page.profile) if w.accessibleName() == kind.accessibleName()]
    assert [w.text() for w in shown if isinstance(w, QLineEdit)] == [kind.currentText()]
    if actor is MENTOR:
        page.resize(900, 700)
        save_shot(page, "community-profile-mentor", tmp_path)


def test_stakeholder_is_read_only_for_a_mentor(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    apply_app_palette(QApplication.instance())  # type: ignore[arg-type]
    context = context_for(db, tmp_path, MENTOR)
    page = StakeholdersPage(context)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    assert page.record is not None
    check_readable(page.form, qtbot)
    # The next stakeholder's choices show in the read-only lines too.
    page.table.selectRow(1)
    level = page.form.field("level")
    assert isinstance(level, QComboBox)
    lines = [w for w in data_fields(page.form) if w.accessibleName() == level.accessibleName()]
    assert [w.text() for w in lines if isinstance(w, QLineEdit)] == [level.currentText()]
    assert not page.new_button.isEnabled() and page.new_button.toolTip()


def test_a_facilitator_edits_stakeholders(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    """Facilitators may change stakeholders: no field is disabled or read-only for them."""
    page = StakeholdersPage(context_for(db, tmp_path, FACILITATOR))
    qtbot.addWidget(page)
    page.table.selectRow(0)
    fields = data_fields(page.form)
    assert fields and all(w.isEnabled() and not is_read_only(w) for w in fields)
    assert page.form.save_button is not None and page.new_button.isEnabled()


def test_the_manager_still_edits_the_profile(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    context = context_for(db, tmp_path, Actor("manager", role="manager"))
    row = context.services.list_communities(CommunityQuery(limit=1, today=TODAY)).items[0]
    page = CommunityPage(context, row.id)
    qtbot.addWidget(page)
    fields = data_fields(page.profile)
    assert fields and not any(is_read_only(w) for w in fields)
    assert all(w.isEnabled() for w in fields)


def test_a_mentor_opens_a_linkage_read_only(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    context = context_for(db, tmp_path, MENTOR)
    rows = context.services.list_communities(CommunityQuery(limit=100, today=TODAY)).items
    linked = next(
        row.id
        for row in rows
        if context.services.linkages.list(where={"community_id": row.id}).items
    )
    page = CommunityPage(context, linked)
    qtbot.addWidget(page)
    panel = page.linkages
    assert not panel.add_button.isEnabled() and panel.add_button.toolTip()
    panel.table.selectRow(0)
    seen: list[str] = []

    def look_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FormDialog)
        fields = data_fields(dialog.form)
        seen.extend(w.accessibleName() for w in fields if w.isEnabled() and is_read_only(w))
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None and not save.isEnabled() and save.toolTip()
        closing = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert closing is not None and closing.text() == "Close"
        closing.click()

    QTimer.singleShot(0, look_and_close)
    panel.edit_selected()  # modal until look_and_close closes it
    assert seen == ["With", "Kind", "Status", "Status note", "Agreed on", "Agreement", "Notes"]


@pytest.fixture
def review_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "reviews.db")
    yield database
    database.close()


@pytest.mark.parametrize(
    ("username", "role", "others_part"),
    [("achen", "mentor", 1), ("okello", "facilitator", 14)],
    ids=["mentor", "facilitator"],
)
def test_the_review_form_is_read_only_not_disabled_for_each_role(
    qtbot: QtBot, review_db: Database, username: str, role: str, others_part: int
) -> None:
    """The mentor reads the facilitator's response, the facilitator the mentor's part:
    every field enabled, named, reached by Tab; Save and sign-off say why they are off."""
    from desktop.services.usecases.reviews import MentorReviewData
    from desktop.views.reviews.editor import ReviewEditor
    from tests.views.reviews.review_world import TODAY as REVIEW_DAY
    from tests.views.reviews.review_world import build_review_world

    world = build_review_world(review_db)
    mentor = world.context(review_db, "achen", "mentor").services
    review = mentor.reviews.create(
        MentorReviewData(cycle_id=world.cycle_id, reviewed_on=REVIEW_DAY)
    )
    editor = ReviewEditor(world.context(review_db, username, role), world.cycle_id, review.id)
    qtbot.addWidget(editor)
    editor.resize(1000, 2400)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    fields = [
        w
        for w in editor.form.findChildren(QWidget)
        if isinstance(w, DATA_WIDGETS)
        and w.isVisibleTo(editor)
        and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)
    ]
    assert [w.accessibleName() for w in fields if not w.isEnabled()] == []
    assert all(w.accessibleName() for w in fields)
    read_only = [w for w in fields if is_read_only(w)]
    editable = [w.accessibleName() for w in fields if w not in read_only]
    # The other role's part: the response for a mentor, all 14 other fields for a facilitator.
    if role == "mentor":
        assert [w.accessibleName() for w in read_only] == ["Response"]
    else:
        assert editable == ["Response"] and len(read_only) == others_part
    for widget in read_only:
        palette = widget.palette()
        text = palette.color(QPalette.ColorGroup.Active, widget.foregroundRole())
        back = palette.color(QPalette.ColorGroup.Active, widget.backgroundRole())
        assert contrast_ratio(text, back) >= 4.5
    # Tab from the first field reaches every read-only one.
    fields[0].setFocus(Qt.FocusReason.TabFocusReason)
    reached: set[QWidget] = set()
    for _ in range(len(fields) * 4):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.add(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert [w.accessibleName() for w in read_only if w not in reached] == []
    if role == "mentor":
        assert editor.form.save_button is not None and editor.form.save_button.isEnabled()
    else:
        assert not editor.sign_off_button.isEnabled()
        assert editor.sign_off_button.toolTip()


@pytest.mark.parametrize("role", ["manager", "facilitator", "mentor"])
def test_office_settings_are_read_only_for_everyone_but_an_administrator(
    qtbot: QtBot, db: Database, tmp_path: Path, role: str
) -> None:
    apply_app_palette(QApplication.instance())  # type: ignore[arg-type]
    panel = OfficePanel(context_for(db, tmp_path, Actor(role, role=role)))
    qtbot.addWidget(panel)
    assert panel.isEnabled()
    check_readable(panel.form, qtbot)
    for button in (panel.choose_logo, panel.remove_logo):
        assert not button.isEnabled() and "administrator" in button.toolTip()


def test_an_administrator_changes_the_office_settings(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    panel = OfficePanel(context_for(db, tmp_path, ADMIN))
    qtbot.addWidget(panel)
    name = panel.form.field("office_name")
    assert isinstance(name, QLineEdit) and not name.isReadOnly()
    assert panel.choose_logo.isEnabled()
