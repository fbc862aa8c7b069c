"""clcp import submissions: ODK Central and KoboToolbox exports of the phone forms come in
once, however often they are imported, and a file with one bad row adds nothing."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.models import Community, Cycle, Indicator, Meeting, MeetingAttendance, Observation
from desktop.storage import open_database
from tests.cli.cli_support import assert_refused, run

HEADERS = [
    "SubmissionDate", "community_id", "held_on", "kind", "place", "facilitated_by",
    "attendance-count_girls", "attendance-count_boys", "decisions", "notes",
    "meta-instanceID", "KEY",
]  # fmt: skip


@pytest.fixture
def office(demo_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "office.db"
    copy.write_bytes(demo_path.read_bytes())
    return copy


def _facts(path: Path) -> dict[str, uuid.UUID]:
    """The facilitator's community (with an active cycle) and another one."""
    db = open_database(path, create=False)
    try:
        with db.session() as session:
            rows = session.execute(
                select(Community.id, Community.name)
                .join(Cycle, Cycle.community_id == Community.id)
                .where(Cycle.status == "active")
            ).all()
            mine = session.scalars(
                select(Community.id).where(Community.name == _assigned(session))
            ).one()
            other = next(row.id for row in rows if row.id != mine)
            indicator = session.scalars(
                select(Indicator.id).join(Cycle).where(Cycle.community_id == mine)
            ).first()
    finally:
        db.close()
    assert indicator is not None
    return {"mine": mine, "other": other, "indicator": indicator}


def _assigned(session: object) -> str:
    from desktop.models import CommunityAssignment, User

    return str(
        session.scalars(  # type: ignore[attr-defined]
            select(Community.name)
            .join(CommunityAssignment, CommunityAssignment.community_id == Community.id)
            .join(User, User.id == CommunityAssignment.user_id)
            .where(User.username == "facilitator")
        ).one()
    )


def _kind(path: Path, indicator: uuid.UUID) -> str:
    db = open_database(path, create=False)
    try:
        with db.session() as session:
            return str(session.get(Indicator, indicator).value_kind)  # type: ignore[union-attr]
    finally:
        db.close()


def _meeting_row(community: uuid.UUID, instance: str, held_on: str = "2026-05-20") -> list[str]:
    return ["2026-05-21T10:00:00Z", str(community), held_on, "whole_community", "École",
            "Amina", "12", "9", "Meet again", "", instance, instance]  # fmt: skip


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    text = io.StringIO()
    csv.writer(text).writerows([HEADERS, *rows])
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def _count(path: Path, model: type) -> int:
    db = open_database(path, create=False)
    try:
        with db.session() as session:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        db.close()


def _import(office: Path, file: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple:
    argv = ["import", "submissions", "--db", str(office), "--user", "facilitator", str(file)]
    return run([*argv, *extra], capsys)


def test_submissions_come_in_once_however_often_imported(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = _facts(office)["mine"]
    rows = [_meeting_row(mine, f"uuid:{uuid.uuid4()}") for _ in range(2)]
    file = _csv(tmp_path / "meetings.csv", rows)
    meetings, attendance = _count(office, Meeting), _count(office, MeetingAttendance)
    status, out, err = _import(office, file, capsys)
    assert status == 0, err
    assert "2 new records" in out
    assert _count(office, Meeting) == meetings + 2
    assert _count(office, MeetingAttendance) == attendance + 4
    status, out, err = _import(office, file, capsys)
    assert status == 0, err
    assert "0 new records, 2 submissions already imported" in out
    assert _count(office, Meeting) == meetings + 2


def test_a_dry_run_checks_everything_and_writes_nothing(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = _facts(office)["mine"]
    file = _csv(tmp_path / "m.csv", [_meeting_row(mine, f"uuid:{uuid.uuid4()}")])
    before = _count(office, Meeting)
    status, out, _err = _import(office, file, capsys, "--dry-run")
    assert status == 0 and "1 new records" in out and "dry run" in out
    assert _count(office, Meeting) == before
    assert "1 new records" in _import(office, file, capsys)[1]  # not marked as imported


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        (lambda facts: _meeting_row(facts["mine"], "x", held_on="2999-01-01"), "row 3, held_on"),
        (lambda facts: _meeting_row(facts["mine"], "x", held_on="tomorrow"), "row 3, held_on"),
        (lambda facts: _meeting_row(facts["other"], "x"), "row 3"),
    ],
)
def test_one_bad_row_refuses_the_whole_file(
    office: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    bad: object,
    fragment: str,
) -> None:
    facts = _facts(office)
    good = _meeting_row(facts["mine"], f"uuid:{uuid.uuid4()}")
    file = _csv(tmp_path / "m.csv", [good, bad(facts)])  # type: ignore[operator]
    before = _count(office, Meeting)
    status, _out, err = _import(office, file, capsys)
    assert_refused(status, err, fragment)
    assert _count(office, Meeting) == before


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_csv_in_the_encodings_spreadsheets_write(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    mine = _facts(office)["mine"]
    rows = [_meeting_row(mine, f"uuid:{uuid.uuid4()}"), _meeting_row(mine, "uuid:same")]
    rows.append(_meeting_row(mine, "uuid:same"))  # a duplicated instanceID counts once
    file = _csv(tmp_path / "m.csv", rows, encoding)
    status, out, err = _import(office, file, capsys)
    assert status == 0, err
    assert "2 new records" in out


def test_a_kobo_workbook_with_arabic_text_and_an_observation(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    indicator = _facts(office)["indicator"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["start", "community_id", "indicator_id", "observed_on", "value_number",
                  "value_text", "note", "recorded_by", "meta/instanceID", "_uuid"])  # fmt: skip
    number = _kind(office, indicator) == "number"
    value = [4, ""] if number else [None, "أربعة"]
    sheet.append(["", "", str(indicator), "2026-05-02", *value, "ملاحظة", "لجنة", "", "a1"])
    path = tmp_path / "kobo.xlsx"
    book.save(path)
    before = _count(office, Observation)
    status, out, err = _import(office, path, capsys)
    assert status == 0, err
    assert "observation form: 1 new records" in out
    assert _count(office, Observation) == before + 1


def test_a_file_of_another_form_is_refused(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "list.csv"
    file.write_text("name,district,meta-instanceID\nKibondo,Kigoma,x\n", encoding="utf-8")
    assert_refused(*_import(office, file, capsys)[::2], "not an export")


def test_an_action_update_changes_the_status_and_keeps_the_note_as_a_comment(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.models import Action, Comment

    mine = _facts(office)["mine"]
    db = open_database(office, create=False)
    try:
        with db.session() as session:
            action = session.scalars(
                select(Action.id).join(Cycle).where(Cycle.community_id == mine)
            ).first()
    finally:
        db.close()
    assert action is not None
    file = tmp_path / "action.csv"
    file.write_text(
        "community_id,action_id,status,completed_on,note,meta-instanceID\n"
        f"{mine},{action},done,{date.today()},Les parents sont venus,uuid:{uuid.uuid4()}\n",
        encoding="utf-8",
    )
    comments = _count(office, Comment)
    for _ in range(2):
        status, out, err = _import(office, file, capsys)
        assert status == 0, err
    assert "0 new records, 1 submissions already imported" in out
    db = open_database(office, create=False)
    try:
        with db.session() as session:
            row = session.get(Action, action)
            assert row is not None
            assert (row.status, row.completed_on) == ("done", date.today())
    finally:
        db.close()
    assert _count(office, Comment) == comments + 1
