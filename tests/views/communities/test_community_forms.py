"""Community screens driven like a person would: the new-community form, the profile,
partnership changes, files, unsaved-change prompts and drafts that survive a crash."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.services.facade import Services
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.usecases.drafts import DraftService
from desktop.storage import Database, open_database
from desktop.views.communities.form import new_community_form
from desktop.views.communities.page import CommunityPage
from desktop.views.communities.partnership import partnership_form
from desktop.views.forms import FormDialog, prompts
from desktop.views.shell.context import AppContext
from desktop.views.shell.main_window import MainWindow
from tests.views.community_screens_support import MANAGER, TODAY, ini_settings, make_demo
from tests.views.write_boxes import read_and_close


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(make_demo(tmp_path / "demo.db"))
    yield database
    database.close()


@pytest.fixture
def context(db: Database, tmp_path: Path) -> AppContext:
    return AppContext.create(db, MANAGER, settings=ini_settings(tmp_path), today=TODAY)


def total(db: Database) -> int:
    return Services(db, MANAGER).list_communities(CommunityQuery(limit=0)).total


def first_community(context: AppContext) -> CommunityPage:
    row = context.services.list_communities(CommunityQuery(limit=1, today=TODAY)).items[0]
    return CommunityPage(context, row.id)


def test_bad_input_shows_messages_beside_the_fields_and_saves_nothing(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    before = total(db)
    dialog = FormDialog(new_community_form(context))
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    qtbot.keyClicks(form.field("latitude"), "95")  # type: ignore[no-untyped-call]
    qtbot.keyClicks(form.field("population_estimate"), "-4")  # type: ignore[no-untyped-call]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert form.error("name") == "Required."
    assert form.error("latitude") == "Between -90 and 90."
    assert form.error("population_estimate") == "Cannot be negative."
    assert dialog.isVisible() and total(db) == before

    name = form.field("name")
    assert isinstance(name, QLineEdit)
    qtbot.keyClicks(name, "Kisiwani B")  # type: ignore[no-untyped-call]
    form.field("latitude").clear()  # type: ignore[attr-defined]
    form.field("population_estimate").clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(form.field("district"), "Mbeya")  # type: ignore[no-untyped-call]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert total(db) == before + 1
    saved = context.services.communities.list(search="Kisiwani B").items
    assert [(r.data.name, r.data.district) for r in saved] == [("Kisiwani B", "Mbeya")]


def test_a_declined_community_needs_a_reason_and_keeps_its_history(
    qtbot: QtBot, context: AppContext
) -> None:
    page = first_community(context)
    qtbot.addWidget(page)
    history_before = page.partnership.history.rowCount()
    record = context.services.communities.get(page.community_id)
    dialog = FormDialog(partnership_form(context, record))
    qtbot.addWidget(dialog)
    form = dialog.form
    status = form.field("partnership_status")
    status.setCurrentIndex(status.findData("declined"))  # type: ignore[attr-defined]
    dialog.accept()
    assert "declined" in form.error("partnership_reason")
    qtbot.keyClicks(  # type: ignore[no-untyped-call]
        form.field("partnership_reason"), "The elders want to wait until after the harvest."
    )
    dialog.accept()
    assert form.error("partnership_reason") == ""
    page.partnership.reload()
    table = page.partnership.history
    assert table.rowCount() == history_before + 1
    last = [table.item(table.rowCount() - 1, column).text() for column in range(3)]
    assert last[1:] == ["Declined", "The elders want to wait until after the harvest."]
    # Still listed, not hidden:
    rows = context.services.list_communities(CommunityQuery(partnership_status="declined"))
    assert page.community_id in {row.id for row in rows.items}


def test_editing_the_profile_saves_with_ctrl_s_and_undo_puts_it_back(
    qtbot: QtBot, context: AppContext
) -> None:
    page = first_community(context)
    qtbot.addWidget(page)
    page.show()
    form = page.profile
    locality = form.field("locality")
    locality.setFocus()
    locality.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(locality, "Near the market")  # type: ignore[no-untyped-call]
    assert form.dirty and form.state_label.text() == "Unsaved changes"
    assert form.save_button is not None
    form.save_button.click()
    assert not form.dirty
    assert context.services.communities.get(page.community_id).data.locality == "Near the market"

    qtbot.keyClicks(locality, " (east)")  # type: ignore[no-untyped-call]
    assert form.cancel_button is not None and form.cancel_button.isEnabled()
    form.cancel_button.click()
    assert locality.text() == "Near the market" and not form.dirty  # type: ignore[attr-defined]


def test_a_file_is_attached_viewed_saved_and_removed(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QImage

    page = first_community(context)
    qtbot.addWidget(page)
    files = page.files
    picture = tmp_path / "flipchart.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(picture))
    assert files.add_file(picture)
    assert files.table.rowCount() == 1
    assert files.table.item(0, 0).text() == "flipchart.png"
    stored = context.services.attachments.list(
        where={"entity_type": "community", "entity_id": page.community_id}
    ).items
    assert len(stored) == 1 and stored[0].data.media_type == "image/png"
    copy = tmp_path / "copy.png"
    assert files.save_copy(stored[0].id, copy)
    assert copy.read_bytes() == picture.read_bytes()

    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert not files.add_file(empty)
    assert read_and_close().endswith("\nThe file is empty.")
    assert files.table.rowCount() == 1

    files.remove(stored[0].id)
    assert files.table.rowCount() == 0


def test_leaving_unsaved_work_asks_first(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer = prompts.Leave.STAY

    def ask(parent: object, title: str) -> prompts.Leave:
        asked.append(title)
        return answer

    monkeypatch.setattr(prompts, "ask_unsaved", ask)
    window = MainWindow(db, actor=MANAGER, settings=ini_settings(tmp_path), today=TODAY)
    qtbot.addWidget(window)
    row = window.context.services.list_communities(CommunityQuery(limit=1)).items[0]
    window.open_community(str(row.id))
    page = window.detail
    assert isinstance(page, CommunityPage)
    qtbot.keyClicks(page.profile.field("notes"), " More to say.")  # type: ignore[no-untyped-call]

    window.request_page("stakeholders")  # "Keep editing": nothing moves
    assert asked and window.detail is page and window.stack.currentWidget() is page
    answer = prompts.Leave.SAVE
    window.request_page("stakeholders")
    assert window.detail is None
    notes = window.context.services.communities.get(row.id).data.notes
    assert notes.endswith("More to say.")


def test_a_draft_survives_a_crash_and_is_offered_back(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # When the test ends, the windows close: let them drop what is left unsaved.
    monkeypatch.setattr(prompts, "ask_unsaved", lambda *_args: prompts.Leave.DISCARD)
    settings = ini_settings(tmp_path)
    first = MainWindow(db, actor=MANAGER, settings=settings, today=TODAY)
    qtbot.addWidget(first)
    row = first.context.services.list_communities(CommunityQuery(limit=1)).items[0]
    first.open_community(str(row.id))
    page = first.detail
    assert isinstance(page, CommunityPage)
    qtbot.keyClicks(page.profile.field("languages"), ", Sign language")  # type: ignore[no-untyped-call]
    drafts = DraftService(db, MANAGER)
    key = f"community/{row.id}"
    qtbot.waitUntil(lambda: drafts.load(key) is not None)  # written a moment after typing
    typed = page.profile.values()["languages"]
    first.hide()  # the power goes: no close, no save

    # The draft is inside the database file, never in a side file next to it.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("demo.db")) == [
        name for name in ("demo.db", "demo.db-shm", "demo.db-wal") if (tmp_path / name).exists()
    ]
    offered: list[str] = []

    def restore(parent: object, entry: object) -> bool:
        offered.append(entry.title)  # type: ignore[attr-defined]
        return True

    monkeypatch.setattr(prompts, "ask_restore", restore)
    second = MainWindow(db, actor=MANAGER, settings=settings, today=TODAY)
    qtbot.addWidget(second)
    assert len(offered) == 1  # asked once, at start-up, not again by the form
    reopened = second.detail
    assert isinstance(reopened, CommunityPage) and reopened.community_id == row.id
    assert reopened.profile.values()["languages"] == typed
    assert reopened.profile.dirty
    assert context_saved_languages(db, row.id) != typed  # not saved until the person saves
    assert reopened.profile.save()
    assert drafts.load(key) is None


def context_saved_languages(db: Database, community_id: object) -> str:
    return Services(db, MANAGER).communities.get(community_id).data.languages  # type: ignore[arg-type]


def test_drafts_belong_to_their_user(db: Database) -> None:
    DraftService(db, MANAGER).save("community/new", "New community", {"name": "X"})
    other = DraftService(db, MANAGER.__class__("amina", role="facilitator"))
    assert other.load("community/new") is None and other.list() == []
    assert DraftService(db, MANAGER).load("community/new") is not None
