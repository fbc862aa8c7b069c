"""One password for the laptop and the office server: a password changed on the laptop
reaches the office at the next sync (proven by the previous one, or by a token still
held), a password changed at the office is asked once and can become the laptop's, and
nobody is locked out on the way. Real server, real PostgreSQL, encrypted laptops."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import ValidationError
from desktop.services.security.signin import SignInError, sign_in
from desktop.storage import Database
from desktop.sync.accounts import authenticate, set_password
from desktop.sync.client import HttpTransport, WrongPasswordError
from desktop.sync.join import join
from desktop.sync.laptop_sync import LaptopSync
from desktop.sync.office_password import OfficePasswordNeeded, sign_in_laptop
from tests.cli.cli_support import assert_refused, run
from tests.sync.office_world import PASSWORD, Office
from tests.sync.test_http import server_url  # noqa: F401 (fixture)

NEW = "a brand new one"


@dataclass
class Mary:
    """Mary's laptop, joined to the office: its database, her account, its sync."""

    db: Database
    actor: Actor
    laptop: LaptopSync

    def change_password(self, current: str, new: str) -> None:
        Services(self.db, self.actor).accounts.change_own_password(current, new)


@pytest.fixture
def mary(
    office: Office,
    server_url: str,  # noqa: F811
    tmp_path: Path,
) -> Iterator[Mary]:
    with HttpTransport(server_url) as transport:
        db, actor, _key, _received = join(tmp_path / "mary.db", transport, "mary", PASSWORD)
    try:
        yield Mary(db, actor, LaptopSync(Services(db, actor)))
    finally:
        db.close()


def office_takes(office: Office, password: str) -> bool:
    try:
        authenticate(office.db, "mary", password)
    except SignInError:
        return False
    return True


def test_a_password_changed_on_the_laptop_reaches_the_office_proven_by_the_previous_one(
    office: Office, mary: Mary
) -> None:
    laptop = mary.laptop
    mary.change_password(PASSWORD, NEW)
    assert laptop.password_changed_here()
    with pytest.raises(OfficePasswordNeeded) as asked:
        laptop.connect(NEW)
    assert asked.value.changed_here
    with pytest.raises(WrongPasswordError):  # a wrong previous one changes nothing
        laptop.connect(NEW, office_password="not the previous one")
    assert office_takes(office, PASSWORD) and not office_takes(office, NEW)
    connection = laptop.connect(NEW, office_password=PASSWORD)
    assert connection.mended == "office"
    assert laptop.sync(connection).summary.sent == 0  # the new token works
    assert office_takes(office, NEW) and not office_takes(office, PASSWORD)
    assert not laptop.password_changed_here()
    assert laptop.connect(NEW).mended == ""  # from now on, one password


def test_a_sign_in_still_held_proves_the_person_without_the_previous_password(
    office: Office, mary: Mary
) -> None:
    laptop = mary.laptop
    kept = laptop.connect(PASSWORD)
    mary.change_password(PASSWORD, NEW)
    with pytest.raises(ValidationError, match="not your password on this laptop"):
        laptop.connect("not my password", kept=kept)  # the token is no licence to guess
    connection = laptop.connect(NEW, kept=kept)
    assert connection.mended == "office"
    laptop.sync(connection)  # the token the office answered with
    assert office_takes(office, NEW)


def test_a_password_changed_at_the_office_is_asked_once_and_can_open_the_laptop_too(
    office: Office, mary: Mary, tmp_path: Path
) -> None:
    db, laptop = mary.db, mary.laptop
    set_password(office.db, "mary", NEW, office.admin)  # an administrator's reset
    with pytest.raises(OfficePasswordNeeded) as asked:
        laptop.connect(PASSWORD)
    assert not asked.value.changed_here
    declined = laptop.connect(PASSWORD, office_password=NEW)  # synced, laptop unchanged
    assert declined.mended == ""
    declined.transport.close()
    with pytest.raises(OfficePasswordNeeded):  # so it is asked again next time
        laptop.connect(PASSWORD)
    taken = laptop.connect(PASSWORD, office_password=NEW, take_office_password=True)
    assert taken.mended == "laptop"
    laptop.sync(taken)
    assert laptop.connect(NEW).mended == ""
    db.close()
    sign_in(tmp_path / "mary.db", "mary", NEW).db.close()  # the key slot follows
    with pytest.raises(SignInError):
        sign_in(tmp_path / "mary.db", "mary", PASSWORD)


def test_a_mistyped_password_is_refused_as_before_and_asks_nothing(
    mary: Mary,
) -> None:
    laptop = mary.laptop
    with pytest.raises(WrongPasswordError, match="Wrong user name or password"):
        laptop.connect("neither of them")


def test_an_answer_lost_after_the_office_took_the_password_is_mended_by_the_next_sync(
    office: Office,
    mary: Mary,
    server_url: str,  # noqa: F811
) -> None:
    db, laptop = mary.db, mary.laptop
    mary.change_password(PASSWORD, NEW)
    with HttpTransport(server_url) as transport:  # the office takes it; the laptop never hears
        transport.sign_in("mary", PASSWORD, db.device_id)
        transport.change_password(NEW)
    assert laptop.password_changed_here()
    connection = laptop.connect(NEW)  # the office takes the new one: nothing to ask
    assert connection.mended == "" and not laptop.password_changed_here()
    connection.transport.close()
    with HttpTransport(server_url) as transport, pytest.raises(WrongPasswordError):
        sign_in_laptop(db, mary.actor, transport, PASSWORD)


def test_clcp_sync_asks_the_office_password_once(
    office: Office,
    server_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "fatima.db"
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    status, _out, err = run(
        ["join", "--server", server_url, "--db", str(path), "--user", "fatima"], capsys
    )
    assert status == 0, err
    set_password(office.db, "fatima", NEW, office.admin)
    argv = ["sync", "--db", str(path), "--user", "fatima"]
    status, _out, err = run(argv, capsys)  # no terminal, no CLCP_OFFICE_PASSWORD
    assert_refused(status, err, "CLCP_OFFICE_PASSWORD")
    monkeypatch.setenv("CLCP_OFFICE_PASSWORD", NEW)
    status, out, err = run([*argv, "--take-office-password"], capsys)
    assert status == 0, err
    assert out.splitlines()[-1] == "this laptop now opens with the office server's password"
    monkeypatch.setenv("CLCP_PASSWORD", NEW)
    monkeypatch.delenv("CLCP_OFFICE_PASSWORD")
    status, out, err = run(argv, capsys)
    assert status == 0 and out.startswith("sent 0"), err
