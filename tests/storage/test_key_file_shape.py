"""A key file whose fields have the wrong type (a bad copy, an edit by hand) is named as
damage in one line by every command, and left as it was. The seal cannot speak for the
fields read before a password opens a slot (the salt, the slots, the count of wrong
passwords) nor for the unsealed ones, so their shape is checked as the file is read
(found by the crash bench: ``"attempts": null`` ended in "unexpected error")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import entry as cli
from desktop.cli.commands import make_demo
from desktop.services.framework.actor import Actor
from desktop.storage import keyfile as kf
from tests.cli.cli_support import assert_refused, folder_state

PASSWORD = "shape test"


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("original") / "office.db"
    make_demo(str(path), password=PASSWORD, communities=1, seed=2, actor=Actor("setup"))
    return path


def _slot(data: dict[str, Any], **fields: Any) -> None:
    data["slots"][0].update(fields)


EDITS = {
    "attempts null": lambda d: d.update(attempts=None),
    "attempts a number": lambda d: d.update(attempts=5),
    "attempts a list": lambda d: d.update(attempts=[1]),
    "a count that is text": lambda d: d.update(attempts={"t": {"failures": "x"}}),
    "a wait that is no time": lambda d: d.update(attempts={"t": {"wait_until": "soon"}}),
    "salt not base64": lambda d: d.update(file_salt="x"),
    "salt a number": lambda d: d.update(file_salt=5),
    "version text": lambda d: d.update(version="x"),
    "version null": lambda d: d.update(version=None),
    "failed sign-ins a number": lambda d: d.update(pending_events=5),
    "a failed sign-in a number": lambda d: d.update(pending_events=[5]),
    "a slot's cost of hours": lambda d: _slot(d, kdf={**d["slots"][0]["kdf"], "time_cost": 10**9}),
    "a slot's cost a text": lambda d: _slot(d, kdf={**d["slots"][0]["kdf"], "memory_kib": "64"}),
    "a slot's nonce a number": lambda d: _slot(d, nonce=5),
    "slots not a list": lambda d: d.update(slots={}),
}


@pytest.mark.parametrize("command", [["check"], ["info"], ["communities"]])
@pytest.mark.parametrize("edit", EDITS)
def test_a_key_file_field_of_the_wrong_type_is_named_and_nothing_changes(
    original: Path,
    tmp_path: Path,
    edit: str,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "office.db"
    path.write_bytes(original.read_bytes())
    data = json.loads(kf.key_file_path(original).read_bytes())
    EDITS[edit](data)
    kf.key_file_path(path).write_text(json.dumps(data), encoding="utf-8")
    before = folder_state(tmp_path)
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)

    status = cli.main([*command, "--db", str(path), "--user", "manager"])

    assert_refused(status, capsys.readouterr().err, "key file", "is damaged")
    after = folder_state(tmp_path)
    after.pop(f"office.db{kf.LOCK_SUFFIX}", None)
    assert after == before
