"""Helpers shared by the community-screen tests: a small demo database and a signed-in window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.demo.generate import generate_demo
from desktop.services.framework.actor import Actor
from desktop.storage import Database, open_database
from desktop.views.shell.main_window import MainWindow

TODAY = date(2025, 6, 2)
MANAGER = Actor("manager", role="manager")
ADMIN = Actor("admin", role="admin")


def make_demo(path: Path, communities: int = 12) -> Path:
    db = open_database(path)
    try:
        generate_demo(db, communities=communities, seed=3, today=TODAY, actor=Actor("trainer"))
    finally:
        db.close()
    return path


def ini_settings(folder: Path) -> QSettings:
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def shown_window(qtbot: QtBot, db: Database, actor: Actor, folder: Path) -> MainWindow:
    """The main window on ``db`` as ``actor``, shown, with no drafts offered at start."""
    window = MainWindow(
        db, actor=actor, settings=ini_settings(folder), today=TODAY, offer_drafts_at_start=False
    )
    qtbot.addWidget(window)
    window.show()
    return window
