"""Two laptops and the real office server (uvicorn, PostgreSQL), driven by the ``clcp``
commands a person types: each laptop adds the same community with a cycle, both sync,
the possible duplicate is listed on both, one laptop merges, everyone syncs, and the
server and both laptops hold one community with both cycles."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import Community, Cycle
from desktop.services.facade import Services
from desktop.services.security.signin import sign_in
from desktop.services.security.users import UserData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.storage import Database
from desktop.sync.accounts import set_password
from tests.cli.cli_support import assert_refused, run
from tests.sync.office_world import PASSWORD, Office
from tests.sync.test_http import join, password, server_url, sync  # noqa: F401 (fixtures)


def add_community_with_a_cycle(path: Path, user: str, name: str) -> uuid.UUID:
    signed = sign_in(path, user, PASSWORD)
    try:
        s = Services(signed.db, signed.actor)
        made = s.communities.create(CommunityData(name=name, district="Lira"))
        s.cycles.create(CycleData(community_id=made.id, start_on=date(2026, 3, 1)))
        return made.id
    finally:
        signed.db.close()


def okwang_and_its_cycles(db: Database) -> tuple[list[str], int]:
    with db.session() as session:
        live = list(
            session.scalars(
                select(Community).where(
                    Community.name.ilike("okwang"), Community.deleted_at.is_(None)
                )
            )
        )
        cycles = session.scalars(
            select(Cycle).where(
                Cycle.community_id.in_([c.id for c in live]), Cycle.deleted_at.is_(None)
            )
        ).all()
    return [c.name for c in live], len(cycles)


def duplicates(path: Path, user: str, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    status, out, err = run(["duplicates", *args, "--db", str(path), "--user", user], capsys)
    assert status == 0, err
    return out


def test_two_laptops_add_one_community_and_a_merge_reaches_everyone(
    office: Office,
    server_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    office.services.users.create(UserData(username="moses", role="manager"))
    set_password(office.db, "moses", PASSWORD, office.admin)
    mary_db, moses_db = tmp_path / "mary.db", tmp_path / "moses.db"
    join(server_url, mary_db, "mary", capsys)
    join(server_url, moses_db, "moses", capsys)
    kept = add_community_with_a_cycle(mary_db, "mary", "Okwang")
    add_community_with_a_cycle(moses_db, "moses", "OKWANG")
    sync(mary_db, "mary", capsys)
    sync(moses_db, "moses", capsys)
    sync(mary_db, "mary", capsys)

    lines = {}
    for path, user in ((mary_db, "mary"), (moses_db, "moses")):
        (line,) = duplicates(path, user, capsys, "list").splitlines()
        assert "Okwang (Lira)" in line and "OKWANG (Lira)" in line and line.endswith("(open)")
        lines[user] = line
    assert lines["mary"] == lines["moses"]
    short = lines["mary"].split()[0]
    shown = duplicates(moses_db, "moses", capsys, "show", short)
    assert "added by mary" in shown and "added by moses" in shown and "1 cycle" in shown

    where = ["--db", str(moses_db), "--user", "moses"]
    wrong = ["duplicates", "resolve", short, "--merge-into", "0000", *where]
    status, _out, err = run(wrong, capsys)
    assert_refused(status, err, "neither record")
    out = duplicates(moses_db, "moses", capsys, "resolve", short, "--merge-into", str(kept)[:8])
    assert "merged into" in out and "moved 1 cycle" in out

    assert sync(moses_db, "moses", capsys).startswith(
        "sent 3, "
    )  # the item, the cycle, the deletion
    sync(mary_db, "mary", capsys)
    assert okwang_and_its_cycles(office.db) == (["Okwang"], 2)
    for path, user in ((mary_db, "mary"), (moses_db, "moses")):
        signed = sign_in(path, user, PASSWORD)
        try:
            assert okwang_and_its_cycles(signed.db) == (["Okwang"], 2)
        finally:
            signed.db.close()
        assert duplicates(path, user, capsys, "list") == ""
        assert "(merged)" in duplicates(path, user, capsys, "list", "--all")


def test_bad_duplicate_commands_are_one_line_each(
    office: Office,
    server_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "mary.db"
    join(server_url, path, "mary", capsys)
    for args in (
        ["show", "nope"],
        ["resolve", "nope", "--keep-both"],
        ["resolve", "nope"],
        ["resolve", "nope", "--keep-both", "--merge-into", "x"],
        ["frobnicate"],
    ):
        status, _out, err = run(["duplicates", *args, "--db", str(path), "--user", "mary"], capsys)
        assert_refused(status, err)
