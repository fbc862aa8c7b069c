"""The files the parts start from, each made once a run when first asked for: an
encrypted demo database (the office), a plain one (for ``clcp encrypt``), a full export
of the office (for ``clcp import workbook``) and a backup archive of it (for ``clcp
restore``). Nothing changes them afterwards: every part works on copies."""

from __future__ import annotations

import sqlite3
from functools import cached_property
from pathlib import Path

from benchmarks.crash.world import PASSWORD, clcp, copy_database, master_key
from desktop.cli.commands import fill_demo, make_demo
from desktop.services.framework.actor import Actor
from desktop.storage import archive as arc
from desktop.storage import open_database

SETUP = Actor("setup")


class Base:
    def __init__(self, folder: Path, communities: int) -> None:
        folder.mkdir(parents=True)
        self.folder, self.communities = folder, communities
        self.office = folder / "office.db"
        make_demo(str(self.office), password=PASSWORD, communities=communities, seed=1, actor=SETUP)
        self.key = master_key(self.office)

    @cached_property
    def plain(self) -> Path:
        path = self.folder / "plain.db"
        db = open_database(path)
        try:
            fill_demo(db, communities=self.communities, seed=2, actor=SETUP)
        finally:
            db.close()
        return path

    @cached_property
    def plain_without_administrator(self) -> Path:
        """The plain demo with its administrators made managers: encrypting it names the
        first administrator."""
        path = copy_database(self.plain, self.folder / "no-admin" / "plain.db")
        connection = sqlite3.connect(path)
        try:
            connection.execute("UPDATE app_user SET role = 'manager' WHERE role = 'admin'")
            connection.commit()
        finally:
            connection.close()
        return path

    @cached_property
    def workbook(self) -> Path:
        """A full export (made from a copy: an export is an audit event)."""
        source = copy_database(self.office, self.folder / "exported" / "office.db")
        path = self.folder / "export.xlsx"
        made = clcp("export", "--db", str(source), "--out", str(path), "--user", "manager")
        assert made.status == 0, made.err
        return path

    @cached_property
    def archive(self) -> Path:
        made = clcp("backup", "--db", str(self.office), "--out", str(self.folder / "archives"))
        assert made.status == 0, made.err
        (path,) = (self.folder / "archives").glob(f"*{arc.SUFFIX}")
        return path


def make_base(folder: Path, communities: int) -> Base:
    return Base(folder, communities)
