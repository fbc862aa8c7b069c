"""Encrypting a database made without encryption: the records survive, the file then
holds nothing readable, unencrypted leftovers are removed, and a run that fails before
the swap leaves the original as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.cli.entry import main
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.framework.errors import ValidationError
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.security.encryption import check_encryptable, encrypt_database
from desktop.services.security.integrity import check_database
from desktop.services.security.signin import sign_in
from desktop.services.security.users import UserData
from desktop.services.usecases.communities import CommunityData
from desktop.storage import StorageError, open_database
from desktop.storage import encrypt as enc
from desktop.storage import keyfile as kf
from desktop.storage.backup import backup_file

PASSWORD = "office password 1"
SECRET_NAME = "Kabwohe-Itendero"
SQLITE_HEADER = b"SQLite format 3\x00"


def _plain_office(path: Path, *, admin: bool = True) -> dict[str, int]:
    db = open_database(path)
    try:
        services = Services(db, SYSTEM)
        services.communities.create(CommunityData(name=SECRET_NAME, district="Sheema"))
        services.communities.create(CommunityData(name="Bugongi", district="Sheema"))
        if admin:
            services.users.create(UserData(username="amina", role="admin"))
        services.users.create(UserData(username="baraka", role="facilitator"))
        db.checkpoint()
    finally:
        db.close()
    backup_file(path, "before-test")  # an unencrypted backup, as an older upgrade made
    return _counts(path)


def _counts(path: Path) -> dict[str, int]:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return enc.table_counts(connection)
    finally:
        connection.close()


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if enc.WORK_SUFFIX in p.name)


def test_encrypting_keeps_every_record_and_leaves_nothing_readable(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    before = _plain_office(path)
    assert enc.plain_backups(path)

    done = encrypt_database(path, "Amina", PASSWORD)
    db = done.signed_in.db
    try:
        assert done.without_password == ["baraka"]
        assert done.plain_backups_removed == 1
        services = Services(db, done.signed_in.actor)
        names = {row.name for row in services.list_communities(CommunityQuery()).items}
        assert names == {SECRET_NAME, "Bugongi"}
        assert check_database(db, done.signed_in.actor).problem is None
        actions = [e.action for e in services.audit_log.list().items]
        assert "database.encrypted" in actions and "login" in actions
    finally:
        db.close()

    content = path.read_bytes()
    assert not content.startswith(SQLITE_HEADER)
    for clear in (SECRET_NAME, "baraka", "Sheema"):
        assert clear.encode() not in content
    assert enc.plain_backups(path) == []
    assert _leftovers(path) == []
    assert kf.has_key_file(path)
    assert set(before) <= set(_table_names_after(path))
    with pytest.raises(StorageError, match="already encrypted"):
        check_encryptable(path)
    sign_in(path, "amina", PASSWORD).db.close()


def _table_names_after(path: Path) -> list[str]:
    signed = sign_in(path, "amina", PASSWORD)
    try:
        with signed.db.engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            return list(enc.table_counts(raw))
    finally:
        signed.db.close()


def test_a_failure_before_the_swap_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "office.db"
    before = _plain_office(path)

    def power_cut(work: Path, db_path: Path) -> None:
        raise OSError("disk removed")

    monkeypatch.setattr(enc, "swap_in", power_cut)
    with pytest.raises(OSError, match="disk removed"):
        encrypt_database(path, "amina", PASSWORD)
    assert path.read_bytes().startswith(SQLITE_HEADER)
    assert _counts(path) == before
    assert not kf.has_key_file(path)
    assert _leftovers(path) == []
    assert len(enc.plain_backups(path)) == 1  # removed only after a finished run


def test_a_run_stopped_between_the_renames_is_finished_next_time(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    _plain_office(path)
    kf.create(path, b"k" * 32, None)  # the key file moved in, the database not yet
    done = encrypt_database(path, "amina", PASSWORD)
    done.signed_in.db.close()
    sign_in(path, "amina", PASSWORD).db.close()


def test_only_an_administrator_may_be_named(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    before = _plain_office(path)
    with pytest.raises(ValidationError) as refused:
        encrypt_database(path, "baraka", PASSWORD)
    assert "not an active administrator" in refused.value.errors["username"]
    with pytest.raises(ValidationError) as unknown:
        encrypt_database(path, "zawadi", PASSWORD)
    assert "no administrator named zawadi" in unknown.value.errors["username"]
    with pytest.raises(ValidationError) as weak:
        encrypt_database(path, "amina", "short")
    assert "password" in weak.value.errors
    assert _counts(path) == before and not kf.has_key_file(path)


def test_a_database_without_administrator_gets_the_named_one(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    _plain_office(path, admin=False)
    done = encrypt_database(path, "zawadi", PASSWORD, keep_plain_copy=tmp_path / "copy.db")
    try:
        assert done.signed_in.actor.role == "admin"
        assert done.without_password == ["baraka"]
    finally:
        done.signed_in.db.close()
    assert (tmp_path / "copy.db").read_bytes().startswith(SQLITE_HEADER)


def test_clcp_encrypt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "office.db"
    _plain_office(path)
    monkeypatch.setenv("CLCP_NEW_PASSWORD", PASSWORD)
    assert main(["encrypt", "--db", str(path), "--user", "amina", "--keep-plain-backups"]) == 0
    out = capsys.readouterr().out
    assert "is now encrypted" in out and "Recovery key" in out and "baraka" in out
    assert len(enc.plain_backups(path)) == 1  # kept, as asked
    assert main(["encrypt", "--db", str(path), "--user", "amina"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("clcp: ") and "already encrypted" in err[0]
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    assert main(["check", "--db", str(path), "--user", "amina"]) == 0


def _killed_at(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """The process ends at once (as kill -9 would) when encrypting reaches ``where``:
    "between the renames" of the swap, or "after the swap"."""
    swap = enc.swap_in

    def stopped_swap(work: Path, db_path: Path) -> None:
        if where == "between the renames":
            os.replace(kf.key_file_path(work), kf.key_file_path(db_path))
            os._exit(9)
        swap(work, db_path)
        os._exit(9)

    monkeypatch.setattr(enc, "swap_in", stopped_swap)


def _encrypt_in_a_child(path: Path, username: str) -> None:
    child = os.fork()
    if child == 0:
        try:
            encrypt_database(path, username, PASSWORD)
        finally:
            os._exit(0)
    _pid, status = os.waitpid(child, 0)
    assert os.WEXITSTATUS(status) == 9


@pytest.mark.skipif(os.name != "posix", reason="needs fork")
def test_an_encryption_killed_between_its_renames_leaves_the_plain_file_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plain file stood with the new key file beside it: every command then called it
    "not a CLCP database" until encrypt ran again (found by the crash bench)."""
    path = tmp_path / "office.db"
    before = _plain_office(path)
    _killed_at(monkeypatch, "between the renames")
    _encrypt_in_a_child(path, "amina")
    assert kf.has_key_file(path) and _leftovers(path)
    monkeypatch.undo()

    assert main(["check", "--db", str(path), "--user", "amina"]) == 0, capsys.readouterr().err
    assert _counts(path) == before
    assert not kf.has_key_file(path) and _leftovers(path) == []
    encrypt_database(path, "amina", PASSWORD).signed_in.db.close()


@pytest.mark.skipif(os.name != "posix", reason="needs fork")
def test_a_first_administrator_killed_after_the_swap_can_still_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The named account was created only after the swap: a stop there left a key slot
    for an account the database did not have ("This account is disabled"), and no one
    could sign in. It is now made in the copy, before the swap."""
    path = tmp_path / "office.db"
    _plain_office(path, admin=False)
    _killed_at(monkeypatch, "after the swap")
    _encrypt_in_a_child(path, "zawadi")
    monkeypatch.undo()
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)

    assert main(["check", "--db", str(path), "--user", "zawadi"]) == 0, capsys.readouterr().err
    signed_in = sign_in(path, "zawadi", PASSWORD)
    signed_in.db.close()
    assert signed_in.actor.role == "admin"
