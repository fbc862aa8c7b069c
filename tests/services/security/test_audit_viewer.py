"""The audit viewer filters the trail and saves what it shows as CSV (itself audited)."""

from __future__ import annotations

import csv
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services.framework.actor import Actor
from desktop.views.admin.audit_viewer import AuditViewer
from desktop.views.shell.context import AppContext
from tests.services.security.security_world import Office


def test_filter_by_person_and_export(qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    context = AppContext.create(office.db, Actor("manager1", "manager"))
    viewer = AuditViewer(context)
    qtbot.addWidget(viewer)
    everyone = viewer.table.rowCount()
    viewer.user.setCurrentIndex(viewer.user.findData("admin1"))
    assert 0 < viewer.table.rowCount() < everyone
    assert {viewer.table.item(r, 1).text() for r in range(viewer.table.rowCount())} == {"admin1"}

    viewer.export_csv(tmp_path / "audit.csv")
    rows = list(csv.reader((tmp_path / "audit.csv").open(encoding="utf-8")))
    assert rows[0][:4] == ["seq", "at", "user", "action"]
    assert len(rows) == viewer.table.rowCount() + 1
    latest = context.services.audit_log.list(limit=1).items[0]
    assert (latest.action, latest.entity_type, latest.username) == (
        "export",
        "audit_csv",
        "manager1",
    )
