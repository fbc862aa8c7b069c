"""Checks a shown window the way a keyboard or screen-reader user meets it.

For every visible, enabled control a person works with (fields, drop-downs, buttons,
lists and tables), :func:`audit` reports what is missing: a name a screen reader can
say (its accessible name, the text of a button, or a label whose buddy it is), a place
in the Tab chain (a multi-line box lets Tab move on rather than type a tab), and a focus
mark that shows when Tab lands on it (the control is photographed before and after it
takes keyboard focus: the pictures must differ).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.views.forms import Form

CONTROLS = (
    QLineEdit,
    QComboBox,
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
)
# Parts of a bigger control (a spin box's text, a table's header, a line edit's clear
# button) or of a bar reached another way (toolbar buttons repeat menu commands).
_CONTAINERS = (
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QLineEdit,
    QCalendarWidget,
    QToolBar,
    QTabBar,
    QScrollBar,
)


def _inside_another_control(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, _CONTAINERS):
            return True
        parent = parent.parentWidget()
    return False


def _empty_list(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractItemView) and widget.model().rowCount() == 0


def _default_button(widget: QWidget) -> bool:
    """A dialog's default button is drawn marked already; where Tab is shows elsewhere."""
    return isinstance(widget, QPushButton) and widget.isDefault()


def _arrow_keys_reach(widget: QWidget) -> bool:
    """Buttons of an exclusive group act like radio buttons: Tab stops on the checked
    one and the arrow keys move between them."""
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    return group is not None and group.exclusive() and group.checkedButton() is not None


def controls(top: QWidget) -> list[QWidget]:
    """The visible, enabled controls of ``top`` a person works with (an empty list,
    where there is nothing to pick, is left out of the Tab chain on purpose)."""
    return [
        widget
        for widget in top.findChildren(QWidget)
        if isinstance(widget, CONTROLS)
        and widget.isVisible()
        and widget.isEnabled()
        and not _inside_another_control(widget)
        and not _empty_list(widget)
    ]


def spoken_name(widget: QWidget, buddies: set[int]) -> str:
    """What a screen reader says for ``widget`` ("" when nothing)."""
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text().replace("&", "")
    if id(widget) in buddies:
        return "(labelled)"
    return ""


def focus_shows(widget: QWidget) -> bool:
    """Whether taking focus by Tab changes how ``widget`` looks."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = widget.window()
    window.activateWindow()
    widget.clearFocus()
    app.processEvents()
    before = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    # Set by Qt when the Tab key moves focus (not by setFocus): styles draw the focus
    # mark only then.
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
    widget.update()
    app.processEvents()
    after = widget.grab().toImage()
    widget.clearFocus()
    return bool(before != after)


def describe(widget: QWidget) -> str:
    text = widget.accessibleName() or getattr(widget, "text", lambda: "")() or ""
    place = widget.parentWidget()
    where = type(place).__name__ if place is not None else "-"
    return f"{type(widget).__name__} {widget.objectName() or text!r} in {where}"


def audit(top: QWidget) -> list[str]:
    """What keyboard and screen-reader users would miss in ``top`` (empty: nothing)."""
    buddies = {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy() is not None}
    problems: list[str] = []
    for widget in controls(top):
        if not spoken_name(widget, buddies):
            problems.append(f"{describe(widget)}: no accessible name or label")
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not _arrow_keys_reach(widget):
            problems.append(f"{describe(widget)}: Tab does not reach it")
        elif not _default_button(widget) and not focus_shows(widget):
            problems.append(f"{describe(widget)}: no visible focus mark")
        if isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.tabChangesFocus():
            problems.append(f"{describe(widget)}: Tab types a tab instead of moving on")
    return problems


def tab_through(qtbot: QtBot, form: Form, first: QWidget, presses: int) -> list[str]:
    """Press Tab from ``first``; the form fields focus lands on, in order."""
    names = {id(form.field(name)): name for name in form.field_names()}
    first.window().activateWindow()
    qtbot.waitUntil(first.window().isActiveWindow)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    order: list[str] = []
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None
        while focused is not None and id(focused) not in names:
            focused = focused.parentWidget()
        if focused is not None and (not order or order[-1] != names[id(focused)]):
            order.append(names[id(focused)])
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return order


def reachable_fields(form: Form) -> list[str]:
    return [name for name in form.field_names() if form.field(name).isEnabled()]


def control_of(widget: QWidget | None) -> QWidget | None:
    """The control a focused widget belongs to (a spin box for its text, say)."""
    control = widget
    parent = widget.parentWidget() if widget is not None else None
    while parent is not None:
        if isinstance(parent, _CONTAINERS) and not isinstance(parent, QToolBar | QScrollBar):
            control = parent
        parent = parent.parentWidget()
    return control


class Walk:
    """Where Tab went in a window: its stops in order, and what went wrong."""

    def __init__(self) -> None:
        self.stops: list[QWidget] = []
        self.presses = 0
        self.trap = ""  # where Tab stayed or looped, "" when none
        self.held: dict[str, int] = {}  # controls that kept Tab longer than STAY_LIMIT
        self.returned = False  # Tab came back round to the first stop


#: Presses Tab may stay on one control (a date edit's day, month and year) before it is
#: a trap.
STAY_LIMIT = 4


def tab_walk(qtbot: QtBot, top: QWidget) -> Walk:
    """Press Tab through ``top`` with real key events, from where the focus is (else from
    the first stop), until it comes back round."""
    walk = Walk()
    window = top.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    if QApplication.focusWidget() is None:
        qtbot.keyClick(window, Qt.Key.Key_Tab)
    first = control_of(QApplication.focusWidget())
    if first is None:
        return walk
    walk.stops.append(first)
    limit = 4 * len(controls(window)) + 200
    stayed = 0
    while walk.presses < limit:
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, Qt.Key.Key_Tab)
        walk.presses += 1
        now = control_of(QApplication.focusWidget())
        if now is None:
            walk.trap = "the focus left the window"
            break
        if now is walk.stops[-1]:
            stayed += 1
            if stayed > STAY_LIMIT:
                walk.held[describe(now)] = stayed
            continue
        stayed = 0
        if now is first:
            walk.returned = True
            break
        if now in walk.stops:
            walk.trap = f"Tab loops back to {describe(now)} and never returns to the first stop"
            break
        walk.stops.append(now)
    else:
        walk.trap = f"no way back to {describe(first)} in {limit} presses"
    return walk


def unnamed(top: QWidget, stops: list[QWidget]) -> list[str]:
    buddies = {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy() is not None}
    return [
        describe(stop) for stop in stops if not spoken_name(stop, buddies) and not _tab_names(stop)
    ]


def _tab_names(widget: QWidget) -> bool:
    """A tab bar is read out by its tabs' titles."""
    return isinstance(widget, QTabBar) and all(
        widget.tabText(n).replace("&", "").strip() for n in range(widget.count())
    )


def out_of_order(stops: list[QWidget]) -> list[str]:
    """Forms whose fields Tab visits out of their top-to-bottom order."""
    problems: list[str] = []
    for form in {id(f): f for s in stops for f in _forms_of(s)}.values():
        fields = {id(form.field(name)): n for n, name in enumerate(form.field_names())}
        seen = [fields[id(stop)] for stop in stops if id(stop) in fields]
        if seen:  # the walk may start inside the form (on a field with a message)
            start = seen.index(min(seen))
            seen = seen[start:] + seen[:start]
        if seen != sorted(seen):
            names = form.field_names()
            problems.append(f"{form.title or 'form'}: {[names[n] for n in seen]}")
    return problems


def _forms_of(widget: QWidget) -> list[Form]:
    found: list[Form] = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, Form):
            found.append(parent)
        parent = parent.parentWidget()
    return found
