"""clcp import submissions --from-server: submissions pulled from ODK Central or KoboToolbox
with a token kept in a file come in once, edits change the earlier record, rejected ones
stay out, and a server that misbehaves changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.exchange import pull
from desktop.models import Meeting, MeetingAttendance
from desktop.storage import open_database
from tests.cli.cli_support import assert_refused, run
from tests.exchange.foreign_servers import TOKEN, Peer, free_port, running_peer
from tests.exchange.test_submissions import _count, _facts


@pytest.fixture
def office(demo_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "office.db"
    copy.write_bytes(demo_path.read_bytes())
    return copy


@pytest.fixture(scope="module")
def peer() -> Iterator[Peer]:
    with running_peer() as server:
        yield server


@pytest.fixture(autouse=True)
def fresh(peer: Peer) -> None:
    peer.central.clear()
    peer.kobo.clear()
    peer.mode = "normal"
    peer.seen.clear()


@pytest.fixture
def token_file(tmp_path: Path) -> Path:
    path = tmp_path / "token.txt"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    return path


def central_meeting(community: uuid.UUID, first: str, now: str = "", **extra: Any) -> dict:
    return {
        "__id": first,
        "community_id": str(community),
        "held_on": "2026-05-20",
        "kind": "whole_community",
        "place": "École",
        "attendance": {"count_girls": extra.pop("girls", 12), "count_boys": 9},
        "meta": {"instanceID": now or first},
        "__system": {"submissionDate": "2026-05-21T10:00:00Z", "reviewState": None, **extra},
    }


def kobo_meeting(community: uuid.UUID, instance: str, **extra: Any) -> dict:
    return {
        "_id": 1,
        "_uuid": instance.removeprefix("uuid:"),
        "community_id": str(community),
        "held_on": "2026-05-19",
        "kind": "small_group",
        "attendance/count_girls": "7",
        "meta/instanceID": instance,
        "_validation_status": {},
        **extra,
    }


def pull_argv(office: Path, peer: Peer, token_file: Path, *source: str) -> list[str]:
    return [
        "import", "submissions", "--db", str(office), "--user", "facilitator",
        "--from-server", peer.url, *source, "--token-file", str(token_file),
    ]  # fmt: skip


def central(office: Path, peer: Peer, token_file: Path) -> list[str]:
    return pull_argv(office, peer, token_file, "--project", "7", "--form", "meeting")


def counts_of_girls(office: Path) -> list[int]:
    db = open_database(office, create=False)
    try:
        with db.session() as session:
            return sorted(
                session.scalars(
                    select(MeetingAttendance.count).where(MeetingAttendance.group_code == "girls")
                )
            )
    finally:
        db.close()


def test_central_pages_come_in_once_rejected_left_out_token_kept_secret(
    office: Path,
    peer: Peer,
    token_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pull, "PAGE_SIZE", 2)
    mine = _facts(office)["mine"]
    ids = [f"uuid:{uuid.uuid4()}" for _ in range(3)]
    peer.central[("7", "meeting")] = [
        central_meeting(mine, ids[0]),
        central_meeting(mine, ids[1], reviewState="rejected"),
        central_meeting(mine, ids[2], reviewState="hasIssues"),
    ]
    before = _count(office, Meeting)
    status, out, err = run([*central(office, peer, token_file), "--dry-run"], capsys)
    assert status == 0, err
    assert "2 new records" in out and "1 rejected on the server left out" in out
    assert _count(office, Meeting) == before
    status, out, err = run(central(office, peer, token_file), capsys)
    assert status == 0, err
    assert "meeting form: 2 new records" in out
    assert _count(office, Meeting) == before + 2
    status, out, err = run(central(office, peer, token_file), capsys)
    assert "0 new records, 2 submissions already imported" in out
    assert _count(office, Meeting) == before + 2
    assert len(peer.seen) == 6  # two pages each time
    assert set(peer.seen) == {f"Bearer {TOKEN}"}
    assert TOKEN.encode() not in office.read_bytes()


def test_an_edit_on_central_changes_the_earlier_meeting(
    office: Path, peer: Peer, token_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = _facts(office)["mine"]
    first = f"uuid:{uuid.uuid4()}"
    peer.central[("7", "meeting")] = [central_meeting(mine, first, girls=12)]
    assert run(central(office, peer, token_file), capsys)[0] == 0
    before, girls = _count(office, Meeting), counts_of_girls(office)
    edited = central_meeting(mine, first, f"uuid:{uuid.uuid4()}", girls=31, reviewState="edited")
    peer.central[("7", "meeting")] = [edited]
    for _ in range(2):
        status, out, err = run(central(office, peer, token_file), capsys)
        assert status == 0, err
    assert "0 new records, 1 submissions already imported" in out
    assert _count(office, Meeting) == before
    girls.remove(12)
    assert counts_of_girls(office) == sorted([*girls, 31])


def test_kobo_edits_by_deprecated_id_and_not_approved_left_out(
    office: Path,
    peer: Peer,
    token_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pull, "PAGE_SIZE", 1)  # each submission on a page of its own
    mine = _facts(office)["mine"]
    first, second = f"uuid:{uuid.uuid4()}", f"uuid:{uuid.uuid4()}"
    refused = {"uid": "validation_status_not_approved", "label": "Not Approved"}
    peer.kobo["aXform"] = [
        kobo_meeting(mine, first),
        kobo_meeting(mine, f"uuid:{uuid.uuid4()}", _validation_status=refused),
    ]
    argv = pull_argv(office, peer, token_file, "--form", "aXform")
    before = _count(office, Meeting)
    status, out, err = run(argv, capsys)
    assert status == 0, err
    assert "1 new records" in out and "1 rejected on the server left out" in out
    assert len(peer.seen) == 2
    edit = kobo_meeting(mine, second, **{"meta/deprecatedID": first})
    edit["attendance/count_girls"] = "44"
    peer.kobo["aXform"] = [edit]
    status, out, err = run(argv, capsys)
    assert status == 0, err
    assert "0 new records" in out and "1 earlier records changed by edits" in out
    assert _count(office, Meeting) == before + 1
    assert 44 in counts_of_girls(office)
    assert set(peer.seen) == {f"Token {TOKEN}"}


@pytest.mark.parametrize(
    ("mode", "form", "fragment"),
    [
        ("normal", "other", "no such project or form"),
        ("garbage", "meeting", "did not answer with submissions in JSON"),
        ("slow", "meeting", "did not answer within"),
        ("huge", "meeting", "sent more than 1 MB"),
        ("elsewhere", "meeting", "next page on another server"),
    ],
)
def test_a_server_that_misbehaves_changes_nothing(
    office: Path,
    peer: Peer,
    token_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
    form: str,
    fragment: str,
) -> None:
    monkeypatch.setattr(pull, "TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(pull, "MAX_ANSWER_BYTES", 2**20)
    monkeypatch.setattr(pull, "PAGE_SIZE", 1)
    mine = _facts(office)["mine"]
    peer.central[("7", "meeting")] = [
        central_meeting(mine, f"uuid:{uuid.uuid4()}") for _ in range(2)
    ]
    peer.kobo["meeting"] = [kobo_meeting(mine, f"uuid:{uuid.uuid4()}") for _ in range(2)]
    peer.mode = mode
    before = office.read_bytes()
    project = [] if mode == "elsewhere" else ["--project", "7"]  # Kobo's links are followed
    argv = pull_argv(office, peer, token_file, *project, "--form", form)
    status, _out, err = run(argv, capsys)
    assert_refused(status, err, fragment)
    assert TOKEN not in err
    assert office.read_bytes() == before


def test_a_wrong_token_or_a_server_that_is_down(
    office: Path, peer: Peer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not-the-token", encoding="utf-8")
    peer.kobo["aXform"] = []
    before = office.read_bytes()
    status, _out, err = run(pull_argv(office, peer, wrong, "--form", "aXform"), capsys)
    assert_refused(status, err, "refused the token (HTTP 401)")
    assert "not-the-token" not in err
    down = Peer(url=f"http://127.0.0.1:{free_port()}")  # nothing listens there
    status, _out, err = run(pull_argv(office, down, wrong, "--form", "aXform"), capsys)
    assert_refused(status, err, "cannot reach 127.0.0.1")
    assert office.read_bytes() == before


def test_an_empty_form_and_the_arguments_checked_first(
    office: Path, peer: Peer, token_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    peer.kobo["aXform"] = []
    status, out, err = run(pull_argv(office, peer, token_file, "--form", "aXform"), capsys)
    assert status == 0, err
    assert "no submissions yet" in out
    base = ["import", "submissions", "--db", str(office), "--user", "facilitator"]
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    for extra, fragment in [
        (["--from-server", peer.url, "--form", "f"], "--token-file"),
        (["--from-server", "http://example.org", "--form", "f", "--token-file", str(token_file)],
         "unencrypted"),
        (["--from-server", peer.url, "--form", "f", "--token-file", str(empty)], "one token"),
        (["--form", "f"], "go with --from-server"),
        ([], "give a file of submissions"),
    ]:  # fmt: skip
        assert_refused(*run([*base, *extra], capsys)[::2], fragment)
