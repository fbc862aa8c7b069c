"""Settings, the stakeholders directory with linkages, list filters, and the screenshot tour."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.services.queries.attention_reads import thresholds
from desktop.services.queries.community_list import CommunityQuery, list_facilitators
from desktop.storage import Database, open_database
from desktop.tour.base import SHOTS
from desktop.tour.run import run_tour, tour_actor
from desktop.views.communities.list_page import CommunityListPage
from desktop.views.forms import FormDialog
from desktop.views.settings.page import SettingsPage
from desktop.views.shell.context import AppContext
from desktop.views.stakeholders.linkage import linkage_form
from desktop.views.stakeholders.page import StakeholdersPage
from tests.views.community_screens_support import ADMIN, MANAGER, TODAY, ini_settings, make_demo
from tests.views.write_boxes import read_and_close


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(make_demo(tmp_path / "demo.db"))
    yield database
    database.close()


def context_for(db: Database, tmp_path: Path, actor: object = MANAGER) -> AppContext:
    return AppContext.create(db, actor, settings=ini_settings(tmp_path), today=TODAY)  # type: ignore[arg-type]


def test_office_settings_are_saved_and_the_idle_lock_is_read_back(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    context = context_for(db, tmp_path, ADMIN)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    form = page.office.form
    name = form.field("office_name")
    name.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(name, "Gulu field office")  # type: ignore[no-untyped-call]
    form.field("idle_lock_minutes").setValue(25)  # type: ignore[attr-defined]
    assert form.field("no_meeting_days").value() == 60  # type: ignore[attr-defined]
    form.field("no_meeting_days").setValue(45)  # type: ignore[attr-defined]
    assert form.save()
    assert context.services.settings.office_name() == "Gulu field office"
    assert context.services.settings.value("idle_lock_minutes") == "25"
    # what needs attention now follows the office's own threshold
    assert context.services.settings.value("attention.no_meeting_days") == "45"
    assert thresholds(db).no_meeting_days == 45

    logo = tmp_path / "logo.png"
    QImage(20, 20, QImage.Format.Format_RGB32).save(str(logo))
    assert page.office.set_logo(logo)
    assert context.services.settings.office_logo() == logo.read_bytes()
    not_a_picture = tmp_path / "logo.txt"
    not_a_picture.write_text("hello")
    assert not page.office.set_logo(not_a_picture)
    assert "PNG or JPEG" in page.office.logo_message.text()
    assert context.services.settings.office_logo() == logo.read_bytes()


def test_a_harm_in_use_is_retired_not_deleted(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    context = context_for(db, tmp_path)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    harms = page.harms
    used = next(
        h
        for h in harms.records.values()
        if context.services.priorities.list(where={"harm_id": h.id}, limit=1).total
    )
    assert not harms.delete(used.id)
    assert "retire it instead" in read_and_close()
    assert context.services.harms.get(used.id).data.retired is False
    harms.table.selectRow(list(harms.records).index(used.id))
    harms.toggle_retired()
    assert context.services.harms.get(used.id).data.retired is True


def test_a_stakeholder_is_edited_and_a_linkage_recorded_with_its_history(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    context = context_for(db, tmp_path)
    page = StakeholdersPage(context)
    qtbot.addWidget(page)
    assert page.record is not None
    form = page.form
    form.field("email").setText("not an address")  # type: ignore[attr-defined]
    assert not form.save()
    assert form.error("email").startswith("Not an e-mail address")
    form.field("email").setText("desk@example.org")  # type: ignore[attr-defined]
    assert form.save()
    assert context.services.stakeholders.get(page.record.id).data.email == "desk@example.org"

    community = context.services.list_communities(CommunityQuery(limit=1)).items[0]
    dialog = FormDialog(
        linkage_form(context, community_id=community.id, stakeholder_id=page.record.id)
    )
    qtbot.addWidget(dialog)
    dialog.form.field("kind").setCurrentIndex(1)  # type: ignore[attr-defined]
    dialog.accept()
    linkage = context.services.linkages.list(
        where={"community_id": community.id, "stakeholder_id": page.record.id}
    ).items[0]
    edit = FormDialog(linkage_form(context, community_id=community.id, record=linkage))
    qtbot.addWidget(edit)
    status = edit.form.field("status")
    status.setCurrentIndex(status.findData("active"))  # type: ignore[attr-defined]
    qtbot.keyClicks(edit.form.field("status_note"), "Signed at the district office")  # type: ignore[no-untyped-call]
    edit.accept()
    history = context.services.linkages.history(linkage.id)
    assert [entry.status for entry in history] == ["proposed", "active"]
    assert history[-1].note == "Signed at the district office"
    page._show_links()
    names = {page.links.item(r, 0).text() for r in range(page.links.rowCount())}
    assert community.name in names


def test_the_phase_and_facilitator_filters(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    context = context_for(db, tmp_path)
    page = CommunityListPage(context)
    qtbot.addWidget(page)
    username, _name = list_facilitators(db)[0]
    page.facilitator_filter.setCurrentIndex(page.facilitator_filter.findData(username))
    expected = context.services.list_communities(
        CommunityQuery(facilitator=username, limit=None, today=TODAY)
    )
    assert 0 < page.model.total == expected.total
    page.facilitator_filter.setCurrentIndex(0)
    page.phase_filter.setCurrentIndex(page.phase_filter.findData("action"))
    expected = context.services.list_communities(
        CommunityQuery(phase="action", limit=None, today=TODAY)
    )
    assert page.model.total == expected.total
    assert {page.model.row_at(r).current_phase for r in range(page.model.rowCount())} <= {"action"}


def test_the_screenshot_tour_renders_every_screen(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    written = run_tour(db, out, actor=tour_actor(db, None), today=TODAY)
    assert [path.stem for path in written] == [shot.name for shot in SHOTS]
    for path in written:
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 300, path.name
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 23)
            for y in range(0, image.height(), 19)
        }
        assert len(colours) > 5, f"{path.name} is blank"
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
