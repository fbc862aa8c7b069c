"""Opening an unencrypted database offers to encrypt it: the wizard encrypts it and
shows the recovery key; "Not now" leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.security.users import UserData
from desktop.storage import open_database
from desktop.storage.encrypt import is_plain_database
from desktop.storage.keyfile import has_key_file
from desktop.views.auth.encrypt_wizard import EncryptWizard

PASSWORD = "office password 1"


def _plain(path: Path) -> Path:
    db = open_database(path)
    try:
        Services(db, SYSTEM).users.create(UserData(username="amina", role="admin"))
    finally:
        db.close()
    return path


def test_the_wizard_encrypts_and_shows_the_recovery_key(qtbot: QtBot, tmp_path: Path) -> None:
    path = _plain(tmp_path / "old.db")
    wizard = EncryptWizard(path, "amina")
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.encrypt_page
    page.password.first.setText(PASSWORD)
    page.password.repeat.setText(PASSWORD + "!")
    wizard.next()
    assert page.message.text() == "The two passwords differ."
    assert wizard.currentPage() is page and is_plain_database(path)

    page.username.setText("nobody")
    page.password.repeat.setText(PASSWORD)
    wizard.next()
    assert "no administrator named nobody" in page.message.text()
    assert is_plain_database(path)

    page.username.setText("amina")
    wizard.next()
    assert wizard.currentPage() is wizard.key_page
    assert len(wizard.key_page.key.text()) > 20
    assert wizard.signed_in is not None and wizard.signed_in.actor.role == "admin"
    wizard.signed_in.db.close()
    assert has_key_file(path) and not is_plain_database(path)


def test_not_now_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    path = _plain(tmp_path / "old.db")
    before = path.read_bytes()
    wizard = EncryptWizard(path, "amina")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.reject()
    assert wizard.signed_in is None
    assert path.read_bytes() == before and not has_key_file(path)
