"""The tour's shots of data coming in: a list of communities mapped column by column with
its likely duplicates marked, and submissions from phones previewed before they are
imported. Each sample file lives only while its shot is made."""

from __future__ import annotations

import csv
import tempfile
import uuid
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.tour.base import Tour, register_shot


def _list_import(tour: Tour) -> QWidget:
    from desktop.views.exchange.import_list_dialog import ImportListDialog

    services = tour.context.services
    known = services.communities.list(limit=2).items
    district = known[0].data.district if known else "Kongoussi"
    rows = [["Village", "District", "Pop.", "Remarks"],
            ["Kéréwé", district, "1200", "new in 2025"],
            ["Tanghin", district, "800", ""]]  # fmt: skip
    rows += [[record.data.name.upper(), record.data.district, "", ""] for record in known[:1]]
    dialog = ImportListDialog(tour.context, tour.window)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "communities.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
        dialog.file.setText(str(path))
        dialog.load()
        for column, field in (("Village", "name"), ("Pop.", "population_estimate")):
            choice = dialog.findChild(QComboBox, f"field:{column}")
            if choice is not None:
                choice.setCurrentIndex(choice.findData(field))
    _name_only(dialog.file, path)
    dialog.loaded = f"{path.name}\n{dialog.kind.currentData()}"  # shown as read, kept
    return tour.dialog(dialog)


def _submissions(tour: Tour) -> QWidget:
    from desktop.exchange.submissions import import_submissions
    from desktop.refusal import Refusal
    from desktop.views.exchange.import_submissions_dialog import ImportSubmissionsDialog
    from desktop.views.shell.operations import Outcome

    services = tour.context.services
    cycles = services.cycles.list(where={"status": "active"}, limit=2).items
    communities = [str(cycle.data.community_id) for cycle in cycles] or [""]
    rows = [["community_id", "held_on", "kind", "attendance-count_girls",
             "attendance-count_boys", "meta-instanceID", "ReviewState"]]  # fmt: skip
    for number, review in enumerate(("", "", "rejected", "")):
        community = communities[number % len(communities)]
        kind = ("whole_community", "small_group")[number % 2]
        day = f"2026-05-{12 + number}"
        rows.append([community, day, kind, "14", "11", f"uuid:{uuid.uuid4()}", review])
    dialog = ImportSubmissionsDialog(tour.context, tour.window)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "meetings.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
        dialog.file.setText(str(path))
        try:
            summary = import_submissions(services, path, dry_run=True)
            dialog.show_outcome(str(path), Outcome(ok=True, value=summary))
        except Refusal as refusal:
            dialog.show_outcome(str(path), Outcome(ok=True, value=str(refusal)))
    _name_only(dialog.file, path)
    return tour.dialog(dialog)


def _name_only(field: QLineEdit, path: Path) -> None:
    """Show the sample's name where a person's file would be (its folder is temporary)."""
    field.blockSignals(True)
    field.setText(path.name)
    field.blockSignals(False)


register_shot(
    "import-list", "A list's columns mapped to fields, likely duplicates marked", _list_import
)
register_shot(
    "import-submissions", "Submissions from phones, previewed before import", _submissions
)
