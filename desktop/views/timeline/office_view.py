"""Every community's phases over time, one row each, that a person can move through.

A fixed column names each community and answers two questions without reading the bars:
how long since its last meeting (a warning sign past 60 days) and how many actions or
follow-ups are overdue (a "!" badge). The bars show which phase each cycle is in; small
ticks under them are the meetings, and a hatched strip runs from the last meeting to today
when that gap is too long. The rows are laid out in ``office_layout`` and drawn in
``office_painting``; this module answers the keyboard, the mouse and tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip

from desktop.labels import label
from desktop.services.queries.attention import MARK, flag_words
from desktop.services.queries.timeline import (
    OfficeRow,
    day_count,
)
from desktop.views.timeline.drawing import (
    WHEEL_ZOOM_STEP,
    day_text,
    key_zoom_factor,
)
from desktop.views.timeline.office_painting import OfficeTimelinePainting


class OfficeTimelineView(OfficeTimelinePainting):
    """Rows of :class:`OfficeRow`; ``community_activated(id)`` on double-click or Enter."""

    community_activated = Signal(str)
    current_changed = Signal(int)

    # --- interaction ------------------------------------------------------------------

    def set_current(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        self.current = index
        rect = self.row_rect(index)
        bar = self.verticalScrollBar()
        if rect.top() < 0:
            bar.setValue(self._tops[index])
        elif rect.bottom() > self.viewport().height():
            bar.setValue(self._tops[index + 1] - self.viewport().height())
        self.viewport().update()
        self.current_changed.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        page = max(1, len(self.visible_rows()) - 1)
        moves = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: page,
            Qt.Key.Key_PageUp: -page,
        }
        if key in moves:
            self.set_current(self.current + moves[key])
        elif key == Qt.Key.Key_Home:
            self.set_current(0)
        elif key == Qt.Key.Key_End:
            self.set_current(len(self.rows) - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and 0 <= self.current < len(self.rows):
            self.community_activated.emit(str(self.rows[self.current].community_id))
        elif (zoom := key_zoom_factor(key)) is not None:
            self.set_pixels_per_day(self.pixels_per_day * zoom)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(event.position().y())
        if index is not None:
            self.set_current(index)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(event.position().y())
        if index is not None:
            self.community_activated.emit(str(self.rows[index].community_id))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                anchor = event.position().x()
                self.set_pixels_per_day(self.pixels_per_day * WHEEL_ZOOM_STEP**steps, anchor)
            event.accept()
            return
        super().wheelEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()
        self._header.update()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPointF) -> str:
        index = self.row_at(point.y())
        if index is None:
            return ""
        row = self.rows[index]
        if self._area().contains(point):
            for phase in row.phases:
                if self.phase_rect(index, phase).contains(point):
                    until = day_text(phase.end) if phase.end else self.tr("still running")
                    return (
                        self.tr("%1 — %2 (cycle %3)\nfrom %4 to %5")
                        .replace("%1", row.name)
                        .replace("%2", label(phase.kind))
                        .replace("%3", str(phase.cycle_number))
                        .replace("%4", day_text(phase.start))
                        .replace("%5", until)
                    )
        return self.row_summary(row)

    def row_summary(self, row: OfficeRow) -> str:
        lines = [f"{row.name} ({row.district})" if row.district else row.name]
        if row.last_meeting is None:
            lines.append(self.tr("No meeting recorded"))
        else:
            days = row.days_since_meeting(self.today) or 0
            lines.append(
                self.tr("Last meeting %1 (%2 ago)")
                .replace("%1", day_text(row.last_meeting))
                .replace("%2", day_count(days))
            )
        if row.flags:
            lines.append(self.tr("Needs attention:"))
            lines += [f"{MARK} {flag_words(flag, self.today)}" for flag in row.flags]
        return "\n".join(lines)
