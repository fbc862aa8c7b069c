"""One keyboard rule for the whole app, set once on the application instead of screen by screen.

:func:`install_keyboard_rules` puts a filter on the QApplication that, for every widget
the app shows (whoever made it):

- **lists and tables**: Tab and Shift+Tab leave the view, the arrow keys move inside it,
  and Enter opens the current row when the view has something that opens a row (a slot on
  ``activated`` or ``doubleClicked``) - without also pressing the dialog's default button;
- **text boxes** of several lines: Tab moves on to the next field (Ctrl+Tab still types one);
- **scroll areas** never take the focus themselves: they are not a control, and a screen
  reader announces them as an unnamed stop where typing goes nowhere;
- **dialogs** open with their first editable field focused (unless the dialog focused a
  field itself), and no larger than the screen's free area, so their buttons stay visible.

The filter is cheap (a type check per event) and installed once; calling the function
again does nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import SIGNAL, QEvent, QObject, QPoint, QSize, Qt
from PySide6.QtGui import QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTextBrowser,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

#: Room left for a window's title bar and frame when a dialog is sized to the screen.
FRAME_ALLOWANCE = QSize(16, 40)

_INSTALLED = "clcp_keyboard_rules"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def install_keyboard_rules(app: QApplication | None = None) -> None:
    """Apply the rules to every widget of ``app`` (the running application by default)."""
    app = app or _application()
    if app is None or app.property(_INSTALLED):
        return
    app.setProperty(_INSTALLED, True)
    app.installEventFilter(_KeyboardRules(app))


def _application() -> QApplication | None:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None


class _KeyboardRules(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QWidget):
            apply_widget_rules(watched)
        elif kind == QEvent.Type.Show and isinstance(watched, QDialog):
            fit_to_screen(watched)
            focus_first_field(watched)
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(watched, QAbstractItemView)
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
            and event.modifiers() in _PLAIN
        ):
            return open_current_row(watched)
        return False


def apply_widget_rules(widget: QWidget) -> None:
    """The defaults every widget gets before it is first shown."""
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)) and not isinstance(widget, QTextBrowser):
        widget.setTabChangesFocus(True)
    elif isinstance(widget, QScrollArea):
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def open_current_row(view: QAbstractItemView) -> bool:
    """Enter on a list: open its current row the way a double click would; True if opened.

    A view that opens nothing lets Enter through (to the dialog's default button), and so
    does one whose cell is being edited (Enter ends the editing).
    """
    index = view.currentIndex()
    if not index.isValid() or view.state() == QAbstractItemView.State.EditingState:
        return False
    if view.window().windowType() == Qt.WindowType.Popup:  # a drop-down's or completer's list
        return False
    if _listened(view, ACTIVATED) or _listened(view, ITEM_ACTIVATED):
        view.activated.emit(index)  # item views turn it into itemActivated themselves
        return True
    if _listened(view, DOUBLE_CLICKED) or _listened(view, ITEM_DOUBLE_CLICKED):
        view.doubleClicked.emit(index)
        return True
    return False


ACTIVATED = "activated(QModelIndex)"
DOUBLE_CLICKED = "doubleClicked(QModelIndex)"
ITEM_ACTIVATED = {
    QTableWidget: "itemActivated(QTableWidgetItem*)",
    QListWidget: "itemActivated(QListWidgetItem*)",
    QTreeWidget: "itemActivated(QTreeWidgetItem*,int)",
}
ITEM_DOUBLE_CLICKED = {
    QTableWidget: "itemDoubleClicked(QTableWidgetItem*)",
    QListWidget: "itemDoubleClicked(QListWidgetItem*)",
    QTreeWidget: "itemDoubleClicked(QTreeWidgetItem*,int)",
}
_BUILT_IN: dict[tuple[type, str], int] = {}


def _listened(view: QAbstractItemView, signal: str | dict[type, str]) -> bool:
    """Whether the app connected something to ``signal`` of ``view`` (Qt's item views
    connect their own slots to some signals: those do not count)."""
    base = next((cls for cls in ITEM_ACTIVATED if isinstance(view, cls)), QAbstractItemView)
    name = signal.get(base, "") if isinstance(signal, dict) else signal
    if not name:
        return False
    key = (base, name)
    if key not in _BUILT_IN:
        _BUILT_IN[key] = base().receivers(SIGNAL(name)) if base is not QAbstractItemView else 0
    return view.receivers(SIGNAL(name)) > _BUILT_IN[key]


def is_editable_field(widget: QWidget) -> bool:
    """Whether ``widget`` takes typing or a choice (not a button, list or label)."""
    if isinstance(widget, QLineEdit | QAbstractSpinBox | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return True
    return isinstance(widget, QCheckBox | QRadioButton)


def takes_tab(widget: QWidget, top: QWidget) -> bool:
    """Whether Tab can stop on ``widget`` while ``top`` is shown."""
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isEnabled()
        and widget.isVisibleTo(top)
    )


# Note: these helpers never walk Qt's focus chain (nextInFocusChain) nor ask a widget for
# its parent: PySide keeps every widget such a call returns alive as a "child" of the
# widget asked, and a walk round the chain makes a loop that keeps a closed dialog alive.


def last_tab_stop(widgets: Sequence[QWidget]) -> QWidget | None:
    """The last widget of ``widgets`` (or inside them) that Tab can stop on."""
    for widget in reversed(widgets):
        window = widget.window()
        inside = [widget, *widget.findChildren(QWidget)]
        stops = [
            w
            for w in inside
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is window  # no popup
        ]
        if stops:
            return stops[-1]
    return None


def keep_after(last: QWidget | None, widgets: Sequence[QWidget]) -> None:
    """Put ``widgets`` (buttons, say), in this order, right after ``last`` in Tab order -
    the order they are read in, whatever order they were made in."""
    previous = last
    for widget in widgets:
        if previous is not None:
            QWidget.setTabOrder(previous, widget)
        previous = widget


def editable_fields(top: QWidget) -> list[QWidget]:
    """The fields of ``top`` that take typing or a choice, in reading order (top to
    bottom, then left to right); the parts of a drop-down or spin box are left out."""
    parts = {
        id(part)
        for box in top.findChildren(QComboBox) + top.findChildren(QAbstractSpinBox)
        for part in box.findChildren(QWidget)
    }
    fields = [
        widget
        for widget in top.findChildren(QWidget)
        if id(widget) not in parts and is_editable_field(widget) and takes_tab(widget, top)
    ]

    def place(widget: QWidget) -> tuple[int, int]:
        corner = widget.mapTo(top, QPoint(0, 0))
        return corner.y(), corner.x()

    return sorted(fields, key=place)


def focus_first_field(dialog: QDialog) -> None:
    """Give the focus to the dialog's first editable field, unless the dialog already put
    it on one (a sign-in dialog that knows the name focuses the password, say)."""
    current = dialog.focusWidget()
    if current is not None and is_editable_field(current):
        return
    fields = editable_fields(dialog)
    if fields:
        fields[0].setFocus(Qt.FocusReason.OtherFocusReason)


def _screen(widget: QWidget) -> QScreen:
    centre = widget.mapToGlobal(widget.rect().center())
    return QApplication.screenAt(centre) or QApplication.primaryScreen()


def available_size(widget: QWidget) -> QSize:
    """The room a window of ``widget`` has on its screen, less its title bar and frame."""
    free = _screen(widget).availableGeometry().size()
    return QSize(free.width() - FRAME_ALLOWANCE.width(), free.height() - FRAME_ALLOWANCE.height())


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to the screen's free area (never below its minimum size) and
    bring it back inside that area, so no button is off screen."""
    room = available_size(window)
    size = window.size().boundedTo(room).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)
    if not window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        return  # Qt centres a dialog over its parent, inside the screen
    free = _screen(window).availableGeometry()
    frame = window.frameGeometry()
    if not free.contains(frame):
        x = max(free.left(), min(frame.left(), free.right() - frame.width()))
        y = max(free.top(), min(frame.top(), free.bottom() - frame.height()))
        window.move(x, y)
