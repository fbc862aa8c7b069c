"""What a person types into a date or a number stays as typed, or is refused beside the
field with a message; nothing is changed or dropped without a word.

Typed the way a person does: the form's window has focus, keys go to whichever widget
has it, Tab moves on, the Save button saves; then the database is read through the
services.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.usecases.actions import IndicatorData
from desktop.services.usecases.comments import CommentData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.services.usecases.drafts import DraftService
from desktop.services.usecases.harms import HarmPriorityData
from desktop.services.usecases.meetings import MeetingData
from desktop.storage import Database
from desktop.views.cycle import CycleWorkspace
from desktop.views.forms import FormDialog, NumberEdit, OptionalDateEdit
from desktop.views.forms.registry import offer_drafts
from tests.views.cycle.cycle_gui_support import START, make_context, open_add, save


def shoot(widget: QWidget, name: str) -> None:
    """A picture of ``widget`` to look at, in the folder CLCP_TEST_SHOTS names (if any)."""
    folder = os.environ.get("CLCP_TEST_SHOTS")
    if folder:
        assert widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def workspace(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[CycleWorkspace]:
    context = make_context(db, tmp_path)
    community = context.services.communities.create(CommunityData(name="Kafue", district="Lira"))
    cycle = context.services.cycles.create(
        CycleData(community_id=community.id, start_on=START, title="Keeping girls in school")
    )
    widget = CycleWorkspace(context, str(cycle.id))
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show()
    yield widget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def focus(qtbot: QtBot, dialog: FormDialog, field: str) -> QWidget:
    """Give ``field`` the keyboard focus as a click would, with its text selected."""
    dialog.activateWindow()
    widget = dialog.form.field(field)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    return widget


def counted_indicator(workspace: CycleWorkspace) -> uuid.UUID:
    """A counted indicator, picked in the monitoring section."""
    services = workspace.context.services
    indicator = services.indicators.create(
        IndicatorData(cycle_id=workspace.cycle.id, wording="Girls back in class", unit="girls")
    )
    workspace.show_section("monitoring")
    workspace.monitoring.refresh()
    assert workspace.monitoring.observations.indicator is not None
    return indicator.id


def results(workspace: CycleWorkspace, indicator_id: uuid.UUID) -> list[tuple[date, float]]:
    services = workspace.context.services
    rows = services.observations.list(where={"indicator_id": indicator_id}).items
    return [(r.data.observed_on, r.data.value_number) for r in rows]


def test_a_future_result_date_is_refused_beside_the_field_and_kept_as_typed(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    indicator_id = counted_indicator(workspace)
    dialog = open_add(qtbot, workspace.monitoring.observations)
    next_june = f"{date.today().year + 1}-06-01"
    focus(qtbot, dialog, "observed_on")
    qtbot.keyClicks(focused(), next_june)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.form.field("value_number")
    qtbot.keyClicks(focused(), "14")
    save(qtbot, dialog)

    field = dialog.form.field("observed_on")
    assert dialog.isVisible()
    assert field.text() == next_june  # type: ignore[attr-defined]
    assert dialog.form.error("observed_on") == (
        f"Cannot be in the future (today is {date.today().isoformat()})."
    )
    assert results(workspace, indicator_id) == []
    shoot(dialog, "future-result-date")

    # Correcting the year saves exactly the date typed.
    focus(qtbot, dialog, "observed_on")
    qtbot.keyClicks(focused(), "2025-03-31")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert results(workspace, indicator_id) == [(date(2025, 3, 31), 14.0)]


def test_a_date_is_cleared_by_delete_and_typed_afresh(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    counted_indicator(workspace)
    dialog = open_add(qtbot, workspace.monitoring.observations)
    field = focus(qtbot, dialog, "observed_on")
    assert isinstance(field, OptionalDateEdit)
    assert field.value() == date(2025, 6, 2)  # the workspace's today
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)
    assert field.value() is None and field.text() == ""
    assert field.placeholderText() == "Not set (yyyy-mm-dd)"
    save(qtbot, dialog)
    assert dialog.form.error("observed_on") == "Required."
    # Up starts from today; a date that is not one is named as such and kept.
    focus(qtbot, dialog, "observed_on")
    qtbot.keyClicks(focused(), "31/03/2025")
    assert field.text() == "31/03/2025"
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter saves from the field, as anywhere
    assert dialog.form.error("observed_on").startswith("Not a date: write year-month-day")
    assert field.text() == "31/03/2025"


def _focused_date_field(qtbot: QtBot) -> tuple[QWidget, OptionalDateEdit]:
    """An empty date field alone in an active window (kept by the caller), holding the
    keyboard focus."""
    window = QWidget()
    qtbot.addWidget(window)
    field = OptionalDateEdit(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    return window, field


def test_a_date_not_set_opens_its_calendar_at_today(qtbot: QtBot, db: Database) -> None:
    """At today's month, not in 1900; picking a day with the keyboard fills the field."""
    _window, field = _focused_date_field(qtbot)
    assert field.value() is None

    qtbot.keyClick(focused(), Qt.Key.Key_F4)
    calendar = field.calendarWidget()
    assert field.calendar_open()
    today = date.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    shoot(calendar.window(), "calendar-not-set")

    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not field.calendar_open() and field.value() is None

    qtbot.keyClick(focused(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.calendar_open()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert not field.calendar_open()
    assert field.value() == today and field.text() == today.isoformat()
    assert focused() is field


def test_a_counted_indicator_takes_numbers_for_baseline_and_target(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    workspace.show_section("monitoring")
    services = workspace.context.services
    dialog = open_add(qtbot, workspace.monitoring.indicators)
    focus(qtbot, dialog, "wording")
    qtbot.keyClicks(focused(), "Girls we see back in class")
    focus(qtbot, dialog, "baseline")
    qtbot.keyClicks(focused(), "ten girls")
    baseline = dialog.form.field("baseline")
    assert baseline.mark.problem() == "Only a number, e.g. 12 or 12.5."  # type: ignore[attr-defined]
    focus(qtbot, dialog, "target")
    qtbot.keyClicks(focused(), "30")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.form.error("baseline") == "Only a number, e.g. 12 or 12.5."
    assert baseline.text() == "ten girls"  # type: ignore[attr-defined]
    assert services.indicators.list(where={"cycle_id": workspace.cycle.id}).items == []
    shoot(dialog, "counted-indicator-baseline")

    focus(qtbot, dialog, "baseline")
    qtbot.keyClicks(focused(), "12")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    (saved,) = services.indicators.list(where={"cycle_id": workspace.cycle.id}).items
    assert (saved.data.baseline, saved.data.target) == ("12", "30")


def test_an_indicator_in_words_keeps_words_for_baseline_and_target(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    workspace.show_section("monitoring")
    dialog = open_add(qtbot, workspace.monitoring.indicators)
    focus(qtbot, dialog, "wording")
    qtbot.keyClicks(focused(), "Families talk about school at the well")
    kind = dialog.form.field("value_kind")
    kind.setCurrentIndex(kind.findData("text"))  # type: ignore[attr-defined]
    focus(qtbot, dialog, "baseline")
    qtbot.keyClicks(focused(), "hardly anyone")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    services = workspace.context.services
    (saved,) = services.indicators.list(where={"cycle_id": workspace.cycle.id}).items
    assert saved.data.baseline == "hardly anyone"


def test_the_service_refuses_words_for_a_counted_baseline(workspace: CycleWorkspace) -> None:
    from desktop.services.framework.errors import ValidationError

    services = workspace.context.services
    with pytest.raises(ValidationError) as refused:
        services.indicators.create(
            IndicatorData(cycle_id=workspace.cycle.id, wording="Girls", target="abc")
        )
    assert refused.value.errors["target"].startswith("This indicator is counted: write a number")


def test_letters_in_a_number_are_kept_and_named_not_dropped(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    indicator_id = counted_indicator(workspace)
    dialog = open_add(qtbot, workspace.monitoring.observations)
    field = focus(qtbot, dialog, "value_number")
    assert isinstance(field, NumberEdit)
    qtbot.keyClicks(focused(), "1o")  # the letter o for a zero
    assert field.text() == "1o"
    assert field.mark.problem() == "Only a number, e.g. 12 or 12.5."
    assert field.mark.action.isVisible()
    save(qtbot, dialog)
    assert dialog.form.error("value_number") == "Only a number, e.g. 12 or 12.5."
    assert field.text() == "1o"
    assert results(workspace, indicator_id) == []
    shoot(dialog, "number-with-a-letter")


def test_letters_in_a_meeting_count_are_kept_and_named(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    workspace.show_section("meetings")
    dialog = open_add(qtbot, workspace.meetings)
    boxes = dialog.form.field("attendance").boxes  # type: ignore[attr-defined]
    dialog.activateWindow()
    boxes["girls"].setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is boxes["girls"])
    qtbot.keyClicks(focused(), "twelve")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "-3")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert boxes["girls"].text() == "twelve"
    assert boxes["girls"].mark.problem() == "Only digits, e.g. 12."
    error = dialog.form.error("attendance")
    assert error.startswith("Only digits, e.g. 12: ") and "Girls" in error
    services = workspace.context.services
    assert services.meetings.list(where={"cycle_id": workspace.cycle.id}).items == []
    shoot(dialog, "meeting-count-with-letters")


def answer_later(asked: list[str], times: int = 1) -> None:
    """Each time the question about unsaved work shows (``times`` questions), keep its
    words and answer "later"."""
    seen: list[QMessageBox] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box in seen or not box.isVisible():
            QTimer.singleShot(0, answer)  # the next question is not shown yet
            return
        seen.append(box)
        asked.append(box.text().split(": typed at ")[0])
        assert box.text().endswith(" and not saved when the app last closed.")
        shoot(box, f"draft-question-{len(asked)}")
        later = next(b for b in box.buttons() if "later" in b.text().replace("&", ""))
        later.click()
        if len(seen) < times:
            QTimer.singleShot(0, answer)

    QTimer.singleShot(0, answer)


def test_the_unsaved_work_question_names_the_record_community_and_cycle(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    context = workspace.context
    meeting = context.services.meetings.create(
        MeetingData(cycle_id=workspace.cycle.id, held_on=date(2025, 3, 12), kind="whole_community")
    )
    drafts = DraftService(context.db, context.actor)
    drafts.save(f"meeting/{meeting.id}", "Meeting", {"place": "Under the mango tree"})
    drafts.save(f"action/new/{workspace.cycle.id}", "New action", {"what": "Walk girls"})
    where = "in Kafue, cycle 1 “Keeping girls in school”"

    # The offer made at start-up, for every form left unsaved ...
    asked: list[str] = []
    answer_later(asked, times=2)
    offer_drafts(context, workspace)
    assert asked == [
        f"New action {where}",
        f"Meeting of 2025-03-12 {where}",
    ]

    # ... and the form itself, opened on a record with a draft.
    asked.clear()
    workspace.show_section("meetings")
    assert workspace.show_record("meeting", meeting.id)
    answer_later(asked)
    dialog = workspace.meetings.open_form(workspace.meetings.current())
    assert asked == [f"Meeting of 2025-03-12 {where}"]
    dialog.reject()


def test_a_harm_is_named_by_its_name_where_its_comments_are(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    services = workspace.context.services
    harm = next(h for h in services.harms.list().items if h.data.code == "child_marriage")
    considered = services.priorities.create(
        HarmPriorityData(
            cycle_id=workspace.cycle.id,
            harm_id=harm.id,
            selected=True,
            reasons="Three girls left school this year to marry.",
        )
    )
    services.comments.create(
        CommentData(
            cycle_id=workspace.cycle.id,
            subject_kind="harm_priority",
            subject_id=considered.id,
            body="Did the girls' group rank it too?",
        )
    )
    workspace.show_section("harms")
    assert workspace.show_record("harm_priority", considered.id)
    title = workspace.comments.title.text()
    assert title == f"Comments on the harm considered “{harm.data.name}”"
    assert "Three girls" not in title
    shoot(workspace, "harm-comments-heading")


def test_a_date_is_typed_stepped_and_cleared_from_the_keyboard(qtbot: QtBot) -> None:
    _window, field = _focused_date_field(qtbot)

    qtbot.keyClicks(focused(), "2025-3-31")  # typing starts a date; kept as typed
    assert (field.text(), field.value()) == ("2025-3-31", date(2025, 3, 31))
    qtbot.keyClick(focused(), Qt.Key.Key_Up)
    assert field.text() == "2025-04-01"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert field.value() == date(2025, 3, 30)
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_Backspace)
    assert field.value() is None and field.input_error() == ""  # "Not set" again
    qtbot.keyClick(focused(), Qt.Key.Key_Up)
    assert field.value() == date.today()
    qtbot.keyClicks(focused(), "x")  # a letter: marked at once, and kept
    assert field.text() == f"{date.today().isoformat()}x"
    assert field.mark.problem().startswith("Not a date: write year-month-day")
    assert field.value() is None
