"""File > Back up… and the daily backup, through the real window code (offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.storage import archive as arc
from desktop.views.shell.backup_command import back_up_now, start_daily_backup
from desktop.views.shell.main_window import MainWindow
from tests.services.security.security_world import make_office
from tests.views.modals import on_next_modal


def _press_ok(modal: QWidget) -> None:
    assert isinstance(modal, QMessageBox)
    texts.append(modal.text())
    modal.accept()


texts: list[str] = []


def test_the_file_menu_backs_up_to_the_chosen_folder(qtbot: QtBot, tmp_path: Path) -> None:
    office = make_office(tmp_path / "office.db")
    window = MainWindow(office.db, actor=Actor("admin1", "admin"), offer_drafts_at_start=False)
    qtbot.addWidget(window)
    assert window.commands["backup"].isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.commands["backup"] in file_menu.actions()
    texts.clear()
    on_next_modal(_press_ok)
    made = back_up_now(window, Services(office.db, Actor("admin1", "admin")), tmp_path / "usb")
    assert made is not None and made.parent == tmp_path / "usb"
    arc.read_archive(made)
    assert str(made) in texts[0] and "key file" in texts[0]
    office.db.close()


def test_a_daily_backup_that_fails_is_shown(qtbot: QtBot, tmp_path: Path) -> None:
    office = make_office(tmp_path / "office.db")
    window = QWidget()
    qtbot.addWidget(window)
    office.db.checkpoint()
    content = bytearray(office.path.read_bytes())
    content[len(content) // 2] ^= 0x04  # a page nobody has read since
    office.path.write_bytes(bytes(content))
    texts.clear()
    on_next_modal(_press_ok)
    thread = start_daily_backup(Services(office.db, Actor("admin1", "admin")), window)
    assert thread is not None
    thread.join(timeout=60)
    qtbot.waitUntil(lambda: bool(texts), timeout=10_000)
    assert "could not be made" in texts[0] and "damaged" in texts[0]
    assert not list((tmp_path / "backups").glob(f"*{arc.SUFFIX}"))
    office.db.close()
