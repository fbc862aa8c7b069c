"""The graphics scene of one community's timeline: a lane per cycle, bars and markers by date.

Every item that stands for a record carries the record's entity name and id
(``record_of(item)``), so the view opens the right record on a click or Enter, and
tests read the drawn geometry straight from the scene.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from desktop.labels import label, marker_labels
from desktop.services.queries.timeline import (
    TODAY_COLOUR,
    ActionBar,
    CommunityTimeline,
    CycleLane,
    DateAxis,
    Marker,
    PhaseBar,
    period_starts,
)
from desktop.views.timeline.drawing import (
    action_brush,
    action_mark,
    action_pen,
    action_text_colour,
    day_text,
    marker_colour,
    marker_path,
    month_text,
    overdue_brush,
    overdue_colour,
    phase_caption,
    phase_colour,
    phase_text_colour,
)

HEADER = 44.0
LANE_TITLE = 22.0
PHASE_ROW = 20.0
MARKER_ROW = 26.0
ACTION_ROW = 22.0
LANE_GAP = 16.0
MARKER_SIZE = 12.0
BADGE_SIZE = 13.0
MIN_BAR = 4.0
#: Room between a title pinned to the visible edge and that edge.
TITLE_MARGIN = 6.0
#: Days of room around the first and last thing drawn.
LEAD_DAYS, TRAIL_DAYS = 30, 45

ENTITY_KEY, ID_KEY = 0, 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


def record_of(item: QGraphicsItem | None) -> tuple[str, str] | None:
    """The (entity, id) an item or one of its parents stands for."""
    while item is not None:
        entity = item.data(ENTITY_KEY)
        if entity:
            return str(entity), str(item.data(ID_KEY))
        item = item.parentItem()
    return None


def axis_for(timeline: CommunityTimeline, pixels_per_day: float, rtl: bool) -> DateAxis:
    first, last = timeline.span()
    start = first - timedelta(days=LEAD_DAYS)
    return DateAxis(start, last + timedelta(days=TRAIL_DAYS), pixels_per_day, rtl=rtl)


class CommunityScene(QGraphicsScene):
    """The drawn timeline. ``records`` maps (entity, id) to the item standing for it,
    in the order Tab visits them (by lane, then by date)."""

    def __init__(self, timeline: CommunityTimeline, axis: DateAxis, locale: QLocale) -> None:
        super().__init__()
        self.timeline = timeline
        self.axis = axis
        self.locale = locale
        self.records: dict[tuple[str, str], QGraphicsItem] = {}
        self.lane_rects: list[QRectF] = []
        #: Each lane's title and the x it takes when its lane's start is in view.
        self.lane_titles: list[tuple[QGraphicsSimpleTextItem, float]] = []
        self.today_x = 0.0
        self._font = QFont()
        self._small = QFont()
        self._small.setPointSizeF(max(6.5, self._font.pointSizeF() * 0.85))
        y = HEADER
        for index, lane in enumerate(timeline.lanes):
            y = self._add_lane(lane, index, y)
        height = max(y, HEADER + 60)
        self._add_header(height)
        self._add_today(height)
        if not timeline.lanes:
            note = self.addSimpleText(_tr("No cycles yet: this community has nothing to show."))
            note.setPos(self.today_x + 8, HEADER + 16)
        self.setSceneRect(QRectF(0, 0, axis.length, height))

    # --- frame ------------------------------------------------------------------------

    def _add_header(self, height: float) -> None:
        axis = self.axis
        month_width = 30 * axis.pixels_per_day
        months = 1 if month_width >= 8 else 3 if month_width * 3 >= 8 else 12
        grid = QPen(QColor("#E3E3E3"), 1)
        strong = QPen(QColor("#B0B0B0"), 1)
        for start in period_starts(axis.start, axis.end, months):
            x = axis.x(start)
            line = self.addLine(x, HEADER - 4, x, height, strong if start.month == 1 else grid)
            line.setZValue(-10)
            text = self._period_label(start, months, month_width)
            if text:
                self._add_text(text, self._small, start, _period_end(start, months), 24)
        for start in period_starts(axis.start, axis.end, 12):
            self._add_text(str(start.year), self._font, start, date(start.year, 12, 31), 4)
        self.addLine(0, HEADER - 2, axis.length, HEADER - 2, strong).setZValue(-10)

    def _period_label(self, start: date, months: int, month_width: float) -> str:
        if months == 1 and month_width >= 30:
            return month_text(start, self.locale)
        if months <= 3 and start.month % 3 == 1 and month_width * 3 >= 26:
            return _tr("Q{number}").format(number=(start.month - 1) // 3 + 1)
        return ""

    def _add_text(self, text: str, font: QFont, first: date, last: date, y: float) -> None:
        """Text at the start of a period (its left edge, or its right edge when mirrored)."""
        left, right = self.axis.span(max(first, self.axis.start), min(last, self.axis.end))
        item = self.addSimpleText(text, font)
        item.setBrush(QColor("#555555"))
        width = item.boundingRect().width()
        if width > right - left - 4:
            self.removeItem(item)
            return
        item.setPos(right - width - 3 if self.axis.rtl else left + 3, y)

    def _add_today(self, height: float) -> None:
        left, right = self.axis.span(self.timeline.today, self.timeline.today)
        self.today_x = (left + right) / 2
        pen = QPen(QColor(TODAY_COLOUR), 2)
        line = QGraphicsLineItem(self.today_x, HEADER - 4, self.today_x, height)
        line.setPen(pen)
        line.setZValue(50)
        line.setToolTip(_tr("Today, {day}").format(day=day_text(self.timeline.today, self.locale)))
        self.addItem(line)
        label = self.addSimpleText(_tr("Today"), self._small)
        label.setBrush(QColor(TODAY_COLOUR))
        width = label.boundingRect().width()
        label.setPos(self.today_x - width - 3 if self.axis.rtl else self.today_x + 3, HEADER - 18)
        label.setZValue(50)

    # --- a lane -----------------------------------------------------------------------

    def _add_lane(self, lane: CycleLane, index: int, top: float) -> float:
        height = (
            LANE_TITLE + lane.phase_rows * PHASE_ROW + MARKER_ROW + lane.action_rows * ACTION_ROW
        )
        rect = QRectF(0, top, self.axis.length, height + LANE_GAP / 2)
        band = self.addRect(rect, QPen(Qt.PenStyle.NoPen), QBrush(QColor(_band(index))))
        band.setZValue(-20)
        self.lane_rects.append(rect)
        self._add_lane_title(lane, top)
        y = top + LANE_TITLE
        for phase in lane.phases:
            self._add_phase(lane, phase, y + phase.row * PHASE_ROW)
        y += lane.phase_rows * PHASE_ROW
        markers_y = y + MARKER_ROW / 2
        actions_top = y + MARKER_ROW
        for bar in sorted(lane.actions, key=lambda a: a.start):
            self._add_action(bar, actions_top + bar.row * ACTION_ROW)
        for marker in lane.markers:
            self._add_marker(marker, markers_y)
        return top + height + LANE_GAP

    def _add_lane_title(self, lane: CycleLane, top: float) -> None:
        parts = [_tr("Cycle {number}").format(number=lane.number)]
        if lane.title:
            parts.append(lane.title)
        parts.append(label(lane.status))
        font = QFont(self._font)
        font.setBold(True)
        item = self.addSimpleText(" · ".join(parts), font)
        left, right = self.axis.span(lane.start, lane.start)
        width = item.boundingRect().width()
        item.setPos(right - width if self.axis.rtl else left, top + 3)
        item.setZValue(40)
        self.lane_titles.append((item, item.x()))

    def pin_titles(self, left: float, right: float) -> None:
        """Keep each lane's title in the visible span ``left..right`` (scene x), like a sticky
        header: a title whose lane began before the visible part waits at its near edge
        (the left one, or the right one when time runs from right to left)."""
        for item, home in self.lane_titles:
            width = item.boundingRect().width()
            if self.axis.rtl:
                item.setX(min(home, right - width - TITLE_MARGIN))
            else:
                item.setX(max(home, left + TITLE_MARGIN))

    def _add_phase(self, lane: CycleLane, phase: PhaseBar, top: float) -> None:
        end = phase.end or max(self.timeline.today, phase.start)
        rect = self._bar_rect(phase.start, end, top + 2, PHASE_ROW - 4)
        item = _RecordRect(rect, "phase", str(phase.id))
        item.setBrush(phase_colour(phase.kind))
        item.setPen(QPen(phase_colour(phase.kind).darker(140), 1))
        name = label(phase.kind)
        until = day_text(phase.end, self.locale) if phase.end else _tr("today (still running)")
        item.setToolTip(
            _tr("{phase} (cycle {number})\nfrom {start} to {end}").format(
                phase=name,
                number=lane.number,
                start=day_text(phase.start, self.locale),
                end=until,
            )
        )
        caption = phase_caption(phase.kind, rect.width() - 8, QFontMetricsF(self._small))
        self._add_inner_text(item, caption, phase_text_colour(phase.kind))
        self._register(item)

    def _add_action(self, bar: ActionBar, top: float) -> None:
        rect = self._bar_rect(bar.start, bar.end, top + 3, ACTION_ROW - 6)
        item = _RecordRect(rect, "action", str(bar.id))
        item.setBrush(action_brush(bar.status))
        item.setPen(action_pen(bar.status, bar.overdue))
        status = label(bar.status)
        lines = [bar.what, status]
        if bar.due is not None:
            lines.append(_tr("Due {day}").format(day=day_text(bar.due, self.locale)))
        if bar.overdue:
            lines.append(_tr("OVERDUE: due date passed, not done"))
        item.setToolTip("\n".join(lines))
        prefix = action_mark(bar.status) + " " + ("! " if bar.overdue else "")
        self._add_inner_text(item, prefix + bar.what, action_text_colour(bar.status))
        self._register(item)
        if bar.overdue and bar.due is not None:
            stretch = self._bar_rect(bar.due, self.timeline.today, top + 6, ACTION_ROW - 12)
            late = QGraphicsRectItem(stretch, item)
            late.setBrush(overdue_brush())
            late.setPen(QPen(Qt.PenStyle.NoPen))
            late.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
            self._add_badge(item, self._day_centre(bar.due), top + ACTION_ROW / 2)

    def _add_marker(self, marker: Marker, centre_y: float) -> None:
        item = _RecordPath(marker.entity, str(marker.id))
        item.setPath(marker_path(marker.entity, MARKER_SIZE))
        item.setBrush(marker_colour(marker.entity))
        item.setPen(QPen(QColor("white"), 1))
        item.setPos(self._day_centre(marker.on), centre_y)
        item.setZValue(20)
        lines = [f"{marker_labels()[marker.entity]} — {day_text(marker.on, self.locale)}"]
        if marker.entity == "meeting":
            lines[0] += f" ({label(marker.kind).lower()})"
        if marker.entity == "follow_up":
            lines[0] += f" ({label(marker.kind).lower()})"
        if marker.text:
            lines.append(_shorten(marker.text, 160))
        if marker.overdue:
            lines.append(_tr("OVERDUE: due date passed, still open"))
        item.setToolTip("\n".join(lines))
        self._register(item)
        if marker.overdue:
            self._add_badge(item, self._day_centre(marker.on) + MARKER_SIZE, centre_y - 6)

    # --- pieces -----------------------------------------------------------------------

    def _bar_rect(self, first: date, last: date, top: float, height: float) -> QRectF:
        left, right = self.axis.span(first, max(first, last))
        if right - left < MIN_BAR:
            middle = (left + right) / 2
            left, right = middle - MIN_BAR / 2, middle + MIN_BAR / 2
        return QRectF(left, top, right - left, height)

    def _day_centre(self, day: date) -> float:
        left, right = self.axis.span(day, day)
        return (left + right) / 2

    def _add_inner_text(self, bar: QGraphicsRectItem, text: str, colour: QColor) -> None:
        rect = bar.rect()
        if rect.width() < 12 or not text:
            return
        metrics = QFontMetricsF(self._small)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 8)
        label = QGraphicsSimpleTextItem(shown, bar)
        label.setFont(self._small)
        label.setBrush(colour)
        width = metrics.horizontalAdvance(shown)
        x = rect.right() - width - 4 if self.axis.rtl else rect.left() + 4
        label.setPos(x, rect.center().y() - metrics.height() / 2)

    def _add_badge(self, owner: QGraphicsItem, x: float, y: float) -> None:
        """The "!" disc: a child of the overdue record, so clicking it opens that record."""
        disc = QGraphicsEllipseItem(
            QRectF(x - BADGE_SIZE / 2, y - BADGE_SIZE / 2, BADGE_SIZE, BADGE_SIZE)
        )
        disc.setParentItem(owner)
        if isinstance(owner, QGraphicsPathItem):  # markers are placed by position
            disc.setPos(-owner.pos())
        disc.setBrush(overdue_colour())
        disc.setPen(QPen(QColor("white"), 1))
        disc.setZValue(30)
        mark = QGraphicsSimpleTextItem("!", disc)
        font = QFont(self._small)
        font.setBold(True)
        mark.setFont(font)
        mark.setBrush(QColor("white"))
        box = mark.boundingRect()
        mark.setPos(x - box.width() / 2, y - box.height() / 2)

    def _register(self, item: QGraphicsItem) -> None:
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.addItem(item)
        self.records[record_of(item) or ("", "")] = item


class _RecordRect(QGraphicsRectItem):
    def __init__(self, rect: QRectF, entity: str, record_id: str) -> None:
        super().__init__(rect)
        self.setData(ENTITY_KEY, entity)
        self.setData(ID_KEY, record_id)


class _RecordPath(QGraphicsPathItem):
    def __init__(self, entity: str, record_id: str) -> None:
        super().__init__()
        self.setData(ENTITY_KEY, entity)
        self.setData(ID_KEY, record_id)


def _band(index: int) -> str:
    return "#F7F9FB" if index % 2 == 0 else "#FFFFFF"


def _period_end(start: date, months: int) -> date:
    total = start.month - 1 + months
    return date(start.year + total // 12, total % 12 + 1, 1) - timedelta(days=1)


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def centre_of(item: QGraphicsItem) -> QPointF:
    """Where a record's item sits in scene coordinates (for clicks and scrolling)."""
    return item.sceneBoundingRect().center()
