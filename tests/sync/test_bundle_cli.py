"""``clcp bundle export|import`` and ``clcp server import``, with keys learned at a real
network join (the only way a laptop becomes known to the office for bundles)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop.models import Community
from desktop.services.facade import Services
from desktop.services.security.signin import sign_in
from tests.cli.cli_support import assert_refused, run
from tests.sync.office_world import PASSWORD, Office
from tests.sync.test_http import join, password, server_url  # noqa: F401 (fixtures)


def _edit(path: Path, office: Office, notes: str) -> None:
    signed = sign_in(path, "mary", PASSWORD)
    try:
        s = Services(signed.db, signed.actor)
        current = s.communities.get(office.community_id)
        s.communities.update(current.id, replace(current.data, notes=notes))
    finally:
        signed.db.close()


def test_a_usb_round_trip_on_the_command_line(
    office: Office,
    server_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    laptop = tmp_path / "mary.db"
    join(server_url, laptop, "mary", capsys)  # the laptop and the office learn each other's keys
    _edit(laptop, office, "carried by hand")
    office_url = office.db.engine.url.render_as_string(hide_password=False)
    stick = tmp_path / "stick.clcpsync"
    base = ["--db", str(laptop), "--user", "mary"]
    status, out, err = run(["bundle", "export", *base, "--out", str(stick)], capsys)
    assert status == 0, err
    assert out.startswith("bundle 1: 1 changes")
    tampered = tmp_path / "tampered.clcpsync"
    data = stick.read_bytes()
    tampered.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    status, _out, err = run(["server", "import", "--db", office_url, str(tampered)], capsys)
    assert_refused(status, err, "signature")
    status, out, err = run(["server", "import", "--db", office_url, str(stick)], capsys)
    assert status == 0, err
    assert "bundle 1 of mary" in out
    with office.db.session() as session:
        row = session.get(Community, office.community_id)
        assert row is not None and row.notes == "carried by hand"
    answer = tmp_path / "stick.answer.clcpsync"
    status, _out, err = run(["server", "import", "--db", office_url, str(stick)], capsys)
    assert_refused(status, err, "already imported")
    status, out, err = run(["bundle", "import", *base, str(answer)], capsys)
    assert status == 0, err
    assert out.startswith("acknowledged 1, received ")
    status, _out, err = run(["bundle", "import", *base, str(answer)], capsys)
    assert_refused(status, err, "already imported")
    status, out, err = run(["sync", *base], capsys)
    assert out.startswith("sent 0"), err
