"""One community's timeline on screen: zoom, pan, hover, and open a record by click or Enter.

Zooming rebuilds the scene at the new scale (text stays crisp and readable) and keeps
the day under the pointer, or the centre of the view, where it was. Tab and Shift+Tab
walk through the records in order; Enter opens the one with the focus frame.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsView, QWidget

from desktop.services.queries.timeline import CommunityTimeline
from desktop.views.timeline.community_scene import CommunityScene, axis_for, record_of
from desktop.views.timeline.drawing import WHEEL_ZOOM_STEP, Zoom, clamp_zoom, key_zoom_factor
from desktop.views.timeline.summary import community_summary


class CommunityTimelineView(QGraphicsView):
    """Shows a :class:`CommunityTimeline`; ``record_activated(entity, id)`` asks to open one."""

    record_activated = Signal(str, str)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: CommunityTimeline | None = None
        self.pixels_per_day = Zoom.QUARTER.value
        self._current: tuple[str, str] | None = None
        self._focus_frame: QGraphicsRectItem | None = None
        self._pressed_at: QPointF | None = None
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QColor("white"))
        self.setAccessibleName(self.tr("Community timeline"))
        self.setScene(
            CommunityScene(_EMPTY, axis_for(_EMPTY, self.pixels_per_day, False), QLocale())
        )

    @property
    def timeline_scene(self) -> CommunityScene:
        scene = self.scene()
        assert isinstance(scene, CommunityScene)
        return scene

    # --- content and scale ------------------------------------------------------------

    def set_timeline(self, timeline: CommunityTimeline) -> None:
        self.timeline = timeline
        self._current = None
        self._rebuild()
        self.scroll_to_day(timeline.today)

    def set_pixels_per_day(self, pixels_per_day: float, anchor: QPointF | None = None) -> None:
        """Change the scale; the day at ``anchor`` (view coordinates) stays put."""
        value = clamp_zoom(pixels_per_day)
        if value == self.pixels_per_day and self.timeline is not None:
            return
        point = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        day = self.timeline_scene.axis.day_at(self.mapToScene(point.toPoint()).x())
        vertical = self.verticalScrollBar().value()
        self.pixels_per_day = value
        self._rebuild()
        self.verticalScrollBar().setValue(vertical)
        axis = self.timeline_scene.axis
        target = axis.x(day) - (point.x() - self.viewport().width() / 2)
        self.centerOn(target, self.mapToScene(self.viewport().rect().center()).y())
        self.zoom_changed.emit(value)

    def scroll_to_day(self, day: date, fraction: float = 0.75) -> None:
        """Bring ``day`` to ``fraction`` of the width in reading order (the past shows most)."""
        left, right = self.timeline_scene.axis.span(day, day)
        along = 1 - fraction if self.isRightToLeft() else fraction
        shift = (along - 0.5) * self.viewport().width()
        centre_y = self.mapToScene(self.viewport().rect().center()).y()
        self.centerOn((left + right) / 2 - shift, centre_y)

    def pin_titles(self) -> None:
        """Keep the lane titles on screen however far the view is scrolled along time."""
        scene = self.scene()
        if isinstance(scene, CommunityScene):  # not while a scene is being swapped
            shown = self.mapToScene(self.viewport().rect()).boundingRect()
            scene.pin_titles(shown.left(), shown.right())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dx:
            self.pin_titles()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.pin_titles()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange and self.timeline is not None:
            self._rebuild()
            self.scroll_to_day(self.timeline.today)

    def _rebuild(self) -> None:
        timeline = self.timeline or _EMPTY
        self.setAccessibleDescription(community_summary(self.timeline) if self.timeline else "")
        axis = axis_for(timeline, self.pixels_per_day, self.isRightToLeft())
        old = self.scene()
        self.setScene(CommunityScene(timeline, axis, self.locale()))
        self._focus_frame = None
        if old is not None:
            old.deleteLater()
        self.pin_titles()
        if self._current is not None:
            self.set_current(*self._current)

    # --- records: click, keyboard, focus frame ----------------------------------------

    def set_current(self, entity: str, record_id: str) -> bool:
        """Put the focus frame on a record (and scroll to it); False if it is not drawn."""
        item = self.timeline_scene.records.get((entity, record_id))
        if item is None:
            return False
        self._current = (entity, record_id)
        frame = item.sceneBoundingRect().adjusted(-3, -3, 3, 3)
        if self._focus_frame is None:
            self._focus_frame = self.timeline_scene.addRect(
                QRectF(), QPen(QColor("#000000"), 1.5, Qt.PenStyle.DotLine)
            )
            self._focus_frame.setZValue(100)
        self._focus_frame.setRect(frame)
        self.ensureVisible(frame, 40, 40)
        return True

    @property
    def current(self) -> tuple[str, str] | None:
        return self._current

    def activate_current(self) -> None:
        if self._current is not None:
            self.record_activated.emit(*self._current)

    def move_current(self, step: int) -> bool:
        """Put the focus frame ``step`` records on (negative: back), staying at the ends."""
        keys = list(self.timeline_scene.records)
        if not keys:
            return False
        if self._current not in keys:
            index = 0 if step > 0 else len(keys) - 1
        else:
            index = min(max(keys.index(self._current) + step, 0), len(keys) - 1)
        return self.set_current(*keys[index])

    def focusNextPrevChild(self, forward: bool) -> bool:
        # The one rule for lists: Tab and Shift+Tab leave the picture in one step (the
        # arrow keys walk its records), whatever the scene would do with them.
        return QWidget.focusNextPrevChild(self, forward)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._current is None:  # a frame to see and Enter to open from the start
            self.move_current(1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        zoom = key_zoom_factor(key)
        steps = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Home: -len(self.timeline_scene.records),
            Qt.Key.Key_End: len(self.timeline_scene.records),
        }
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current is not None:
            self.activate_current()
        elif plain and key in steps and self.timeline_scene.records:
            self.move_current(steps[Qt.Key(key)])
        elif zoom is not None:
            self.set_pixels_per_day(self.pixels_per_day * zoom)
        else:
            super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed_at = self._pressed_at
        super().mouseReleaseEvent(event)
        moved = pressed_at is None or (event.position() - pressed_at).manhattanLength() > 4
        if event.button() != Qt.MouseButton.LeftButton or moved:
            return  # a drag pans; only a click opens
        record = record_of(self.itemAt(event.position().toPoint()))
        if record is not None:
            self.set_current(*record)
            self.record_activated.emit(*record)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position()
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                factor = WHEEL_ZOOM_STEP**steps
                self.set_pixels_per_day(self.pixels_per_day * factor, event.position())
            event.accept()
            return
        super().wheelEvent(event)


_EMPTY = CommunityTimeline(uuid.UUID(int=0), name="", district="", today=date.today(), lanes=())
