"""Meeting attendance in wide form: one row per meeting, one column per participant group
(the long form, one row per meeting and group, is the ``attendance`` sheet)."""

from __future__ import annotations

import uuid
from typing import Any

from desktop.services.facade import Services

from .collect import SheetRows
from .sheets import WIDE_ATTENDANCE_SHEET
from .table import Table, cell_value


def wide_attendance(services: Services, sheets: list[SheetRows]) -> Table:
    by_name = {sheet.spec.name: sheet for sheet in sheets}
    codes = [
        group.data.code
        for group in services.participant_groups.participant_groups(active_only=False)
    ]
    counts: dict[uuid.UUID, dict[str, int]] = {}
    for row in by_name["attendance"].rows:
        counts.setdefault(row["meeting_id"], {})[row["group_code"]] = row["count"]
    seen = {code for per_meeting in counts.values() for code in per_meeting}
    codes += sorted(seen - set(codes))
    headers = ["meeting_id", "community", "held_on", "kind", *codes, "total"]
    tags = ["#meta+id", "#loc+name", "#date+meeting", "#activity+type"]
    tags += [f"#reached+{code.lower()}" for code in codes] + ["#reached+total"]
    rows: list[list[Any]] = []
    for meeting in by_name["meetings"].rows:
        per_group = counts.get(meeting["id"], {})
        rows.append(
            [
                cell_value(meeting["id"]),
                meeting.get("community", ""),
                meeting["held_on"],
                meeting["kind"],
                *(per_group.get(code) for code in codes),
                sum(per_group.values()),
            ]
        )
    return Table(WIDE_ATTENDANCE_SHEET, headers, tags, rows)
