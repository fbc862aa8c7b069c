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
