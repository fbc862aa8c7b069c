"""The laptops the office knows (``clcp server devices``) and a lost one revoked (``clcp
server revoke``): from then on its token, its next sign-in and its bundles are refused
with one line, and the revocation is in the office's audit trail. Real server, real
PostgreSQL, the commands a person types."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import AuditEvent
from desktop.services.facade import Services
from desktop.services.security.signin import sign_in
from desktop.sync.client import HttpTransport, SignedOutError
from tests.cli.cli_support import assert_refused, run
from tests.sync.office_world import PASSWORD, Office
from tests.sync.test_http import join, password, server_url, sync  # noqa: F401 (fixtures)


def office_url(office: Office) -> str:
    return office.db.engine.url.render_as_string(hide_password=False)


def devices(office: Office, capsys: pytest.CaptureFixture[str]) -> list[str]:
    status, out, err = run(["server", "devices", "--db", office_url(office)], capsys)
    assert status == 0, err
    return out.splitlines()


def device_of(path: Path, user: str) -> str:
    signed = sign_in(path, user, PASSWORD)
    try:
        return signed.db.device_id
    finally:
        signed.db.close()


def add_a_note(path: Path, user: str, office: Office) -> None:
    signed = sign_in(path, user, PASSWORD)
    try:
        s = Services(signed.db, signed.actor)
        current = s.communities.get(office.community_id)
        s.communities.update(current.id, replace(current.data, notes="seen the chief"))
    finally:
        signed.db.close()


def test_the_office_lists_its_laptops_and_a_revoked_one_is_refused_everywhere(
    office: Office,
    server_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fatima_db, mary_db = tmp_path / "fatima.db", tmp_path / "mary.db"
    join(server_url, fatima_db, "fatima", capsys)
    join(server_url, mary_db, "mary", capsys)
    add_a_note(fatima_db, "fatima", office)
    sync(fatima_db, "fatima", capsys)
    fatima = device_of(fatima_db, "fatima")

    lines = devices(office, capsys)
    assert len(lines) == 2
    (line,) = [line for line in lines if line.startswith(fatima[:8])]
    assert re.fullmatch(
        rf"{fatima[:8]}  fatima  first seen \S+ \S+  last sync \S+ \S+  1 change received",
        line,
    ), line
    assert any(" mary " in line and "0 changes received" in line for line in lines)

    transport = HttpTransport(server_url)  # a token taken before the laptop was lost
    transport.sign_in("fatima", PASSWORD, fatima)
    status, out, err = run(["server", "revoke", fatima[:8], "--db", office_url(office)], capsys)
    assert status == 0, err
    assert out.startswith(f"{fatima[:8]}  fatima ") and "revoked" in out
    with pytest.raises(SignedOutError, match="this laptop was revoked on the office server"):
        transport.fetch(0)
    transport.close()

    status, _out, err = run(["sync", "--db", str(fatima_db), "--user", "fatima"], capsys)
    assert_refused(status, err, "this laptop was revoked on the office server")
    lost = tmp_path / "lost.clcpsync"
    argv = ["bundle", "export", "--db", str(fatima_db), "--user", "fatima", "--out", str(lost)]
    status, _out, err = run(argv, capsys)
    assert status == 0, err
    status, _out, err = run(["server", "import", "--db", office_url(office), str(lost)], capsys)
    assert_refused(status, err, "revoked")
    assert sync(mary_db, "mary", capsys).startswith("sent 0")  # the others sync on
    with office.db.session() as session:
        events = session.scalars(
            select(AuditEvent.changes).where(AuditEvent.action == "server.device_revoked")
        ).all()
    assert len(events) == 1 and fatima in events[0]


def test_bad_device_commands_are_one_line_each(
    office: Office,
    server_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert devices(office, capsys) == ["no laptop has signed in to this office yet"]
    join(server_url, tmp_path / "mary.db", "mary", capsys)
    mary = device_of(tmp_path / "mary.db", "mary")
    url = office_url(office)
    for device, words in (
        ("abc", "at least 8"),
        ("ffffffff", "no single laptop"),
        ("%%%%%%%%", "no single laptop"),
    ):
        status, _out, err = run(["server", "revoke", device, "--db", url], capsys)
        assert_refused(status, err, words)
    assert run(["server", "revoke", mary, "--db", url], capsys)[0] == 0
    status, _out, err = run(["server", "revoke", mary[:8], "--db", url], capsys)
    assert_refused(status, err, "already revoked")
