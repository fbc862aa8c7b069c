"""The timelines as tables: what the painted views show, in rows a keyboard and a screen
reader can walk (arrow keys move from row to row, each cell is read with its column).

The office table has one row per phase of each community (or one row for a community
with no cycle), with its dates and the community's flags: days since its last meeting
and overdue counts. The community table has one row per phase, action and dated record.
Enter on a row does what Enter does on the painted view: open the community's timeline,
or the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QWidget

from desktop.labels import label, marker_labels
from desktop.services.queries.attention import MARK, flags_summary
from desktop.services.queries.timeline import CommunityTimeline, OfficeRow, day_count
from desktop.views.forms.tables import RECORD_ID_ROLE, fill_table, tab_stop_when_filled
from desktop.views.timeline.drawing import day_text

Cells = tuple[str, ...]


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimelineTable", text)


def office_headers() -> list[str]:
    return [
        _tr("Community"),
        _tr("Phase"),
        _tr("From"),
        _tr("To"),
        _tr("Last meeting"),
        _tr("Flags"),
    ]


def community_headers() -> list[str]:
    return [_tr("Cycle"), _tr("What"), _tr("Name"), _tr("From"), _tr("To"), _tr("Flags")]


def office_flags(row: OfficeRow, today: date) -> str:
    """The flags the painted row carries as a badge and hatching, in the words every
    screen and report uses, after the attention mark."""
    if not row.flags:
        return ""
    return f"{MARK} {flags_summary(row.flags, today)}"


def last_meeting_text(row: OfficeRow, today: date) -> str:
    days = row.days_since_meeting(today)
    if days is None or row.last_meeting is None:
        return _tr("none recorded")
    if days == 0:
        return _tr("{day} (today)").format(day=day_text(row.last_meeting))
    return _tr("{day} ({days} ago)").format(day=day_text(row.last_meeting), days=day_count(days))


def office_table_rows(rows: Sequence[OfficeRow], today: date) -> list[tuple[str, Cells]]:
    """(community id, cells) per phase, in the painted order; a community with no phase
    still has its row, so the table lists the same communities as the picture."""
    result: list[tuple[str, Cells]] = []
    for row in rows:
        meeting = last_meeting_text(row, today)
        flags = office_flags(row, today)
        if not row.phases:
            result.append(
                (str(row.community_id), (row.name, _tr("no cycle"), "", "", meeting, flags))
            )
        for phase in sorted(row.phases, key=lambda p: (p.start, p.track)):
            phase_name = _tr("{phase} (cycle {number})").format(
                phase=label(phase.kind), number=phase.cycle_number
            )
            until = day_text(phase.end) if phase.end else _tr("still running")
            cells = (row.name, phase_name, day_text(phase.start), until, meeting, flags)
            result.append((str(row.community_id), cells))
    return result


def community_table_rows(timeline: CommunityTimeline) -> list[tuple[tuple[str, str], Cells]]:
    """((entity, id), cells) per phase, action and dated record of every cycle."""
    names = marker_labels()
    result: list[tuple[tuple[str, str], Cells]] = []
    for lane in timeline.lanes:
        cycle = _tr("Cycle {number}: {title}").format(number=lane.number, title=lane.title)
        entries: list[tuple[date, tuple[str, str], Cells]] = []
        for phase in lane.phases:
            until = day_text(phase.end) if phase.end else _tr("still running")
            cells = (cycle, _tr("Phase"), label(phase.kind), day_text(phase.start), until, "")
            entries.append((phase.start, ("phase", str(phase.id)), cells))
        for action in lane.actions:
            what = _tr("Action ({status})").format(status=label(action.status))
            flag = _tr("overdue") if action.overdue else ""
            last = action.completed_on or action.due
            end = day_text(last) if last is not None else ""
            cells = (cycle, what, action.what, day_text(action.start), end, flag)
            entries.append((action.start, ("action", str(action.id)), cells))
        for marker in lane.markers:
            flag = _tr("overdue") if marker.overdue else ""
            text = marker.text or (label(marker.kind) if marker.kind else "")
            cells = (cycle, names[marker.entity], text, day_text(marker.on), "", flag)
            entries.append((marker.on, (marker.entity, str(marker.id)), cells))
        # In date order within each cycle, as the eye reads the picture from left to right.
        entries.sort(key=lambda entry: entry[0])
        result += [(key, cells) for _day, key, cells in entries]
    return result


class TimelineTable(QTableWidget):
    """A read-only table of a timeline; ``activated(key)`` on Enter or double-click."""

    activated = Signal(object)

    def __init__(self, headers: list[str], name: str, parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        tab_stop_when_filled(self)
        self.doubleClicked.connect(lambda _index: self._activate())

    def set_rows(self, rows: Sequence[tuple[object, Cells]]) -> None:
        fill_table(self, rows)
        self.resizeColumnsToContents()
        if rows and self.currentRow() < 0:
            self.setCurrentCell(0, 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate()
            return
        super().keyPressEvent(event)

    def _activate(self) -> None:
        item = self.item(self.currentRow(), 0)
        if item is not None:
            self.activated.emit(item.data(RECORD_ID_ROLE))

    def row_texts(self) -> list[tuple[str, ...]]:
        """Every row's cells as shown (for tests and for copying)."""
        return [
            tuple(
                (cell.text() if (cell := self.item(r, c)) is not None else "")
                for c in range(self.columnCount())
            )
            for r in range(self.rowCount())
        ]


def office_table() -> TimelineTable:
    return TimelineTable(office_headers(), _tr("Timeline of all communities, as a table"))


def community_table() -> TimelineTable:
    return TimelineTable(community_headers(), _tr("Timeline of the community, as a table"))
