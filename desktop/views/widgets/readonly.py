"""Showing a form that a person may read but not change.

A disabled field is skipped by Tab, passed over by screen readers and drawn grey on grey,
so a role that may only read a record would not be able to read it at all. Instead every
field stays enabled and focusable and is made read-only: text fields by their own flag,
spin and date boxes by theirs (without their arrows), and a drop-down list is hidden
behind a read-only line that shows its current choice (a combo box has no read-only mode,
and a screen reader announces the line as "read only"). Buttons that would save stay
disabled, with a tooltip that says why.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.views.forms import Form, FormDialog

#: Marks a line edit that stands in for a combo box, so it is made once per combo.
MIRROR_PROPERTY = "clcpReadOnlyMirror"


def read_only_reason() -> str:
    """Why a form is read-only, when the screen has nothing more precise to say."""
    return QCoreApplication.translate(
        "ReadOnly", "Your role may read this record but not change it."
    )


def set_form_read_only(form: Form, read_only: bool, reason: str = "") -> None:
    """Make every field of ``form`` read-only (or editable again), keeping it reachable.

    ``reason`` becomes the tooltip of the disabled save buttons and the form's state line.
    """
    why = reason or read_only_reason()
    for name in form.field_names():
        set_field_read_only(form.field(name), read_only)
    for button in (form.save_button, form.cancel_button):
        if button is not None:
            _set_button(button, read_only, why)
    form.state_label.setText(why if read_only else "")
    form.setProperty("readOnly", read_only)


def set_dialog_read_only(dialog: FormDialog, reason: str = "") -> None:
    """A form dialog that only shows a record: read-only fields, Save disabled (saying
    why), and Cancel renamed Close."""
    why = reason or read_only_reason()
    set_form_read_only(dialog.form, True, why)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    if save is not None:
        _set_button(save, True, why)
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    if close is not None:
        close.setText(QCoreApplication.translate("ReadOnly", "Close"))
        close.setDefault(True)


def _set_button(button: QAbstractButton, read_only: bool, why: str) -> None:
    key = "clcpEditTip"
    if button.property(key) is None:
        button.setProperty(key, button.toolTip())
    if read_only:
        button.setEnabled(False)
        button.setToolTip(why)
    else:
        button.setToolTip(str(button.property(key)))
        if button.property("clcpWasReadOnly"):
            button.setEnabled(True)
    button.setProperty("clcpWasReadOnly", read_only)


def set_field_read_only(widget: QWidget, read_only: bool) -> None:
    """One field: enabled, focusable, and read-only (or editable again)."""
    widget.setEnabled(True)
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        widget.setReadOnly(read_only)
    elif isinstance(widget, QAbstractSpinBox):
        widget.setReadOnly(read_only)
        widget.setButtonSymbols(
            QAbstractSpinBox.ButtonSymbols.NoButtons
            if read_only
            else QAbstractSpinBox.ButtonSymbols.UpDownArrows
        )
    elif isinstance(widget, QComboBox):
        _combo_read_only(widget, read_only)
    else:  # check boxes and anything else: refuse clicks and keys, keep focus and name
        widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, read_only)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _combo_read_only(combo: QComboBox, read_only: bool) -> None:
    mirror = combo.property(MIRROR_PROPERTY)
    if not isinstance(mirror, QLineEdit):
        if not read_only:
            return
        mirror = _make_mirror(combo)
    mirror.setText(combo.currentText())
    mirror.setVisible(read_only)
    combo.setVisible(not read_only)
    _point_labels(combo, mirror if read_only else combo)


def _make_mirror(combo: QComboBox) -> QLineEdit:
    mirror = QLineEdit(combo.parentWidget())
    mirror.setReadOnly(True)
    mirror.setObjectName(f"{combo.objectName() or 'choice'}_read_only")
    mirror.setAccessibleName(combo.accessibleName())
    mirror.setAccessibleDescription(combo.accessibleDescription())
    combo.currentTextChanged.connect(mirror.setText)
    layout = _layout_of(combo)
    if layout is not None:
        index = layout.indexOf(combo)
        insert = getattr(layout, "insertWidget", None)
        if isinstance(layout, QGridLayout) and index >= 0:
            # A grid cell holds the hidden combo and its line: only one is shown.
            cell: tuple[int, int, int, int] = layout.getItemPosition(index)  # type: ignore[assignment]
            layout.addWidget(mirror, *cell)
        elif callable(insert) and index >= 0:
            insert(index + 1, mirror)
        else:
            layout.addWidget(mirror)
    combo.setProperty(MIRROR_PROPERTY, mirror)
    # Made after the form, the line would come last in the Tab order: put it in the
    # combo's place (the hidden combo itself is skipped).
    QWidget.setTabOrder(combo, mirror)
    return mirror


def shown_field(widget: QWidget) -> QWidget:
    """The widget that shows a field now: its read-only line when it is a hidden combo."""
    mirror = widget.property(MIRROR_PROPERTY)
    if isinstance(mirror, QLineEdit) and widget.isHidden():
        return mirror
    return widget


def _layout_of(widget: QWidget) -> QLayout | None:
    """The layout (possibly nested) that holds ``widget``."""
    parent = widget.parentWidget()
    top = parent.layout() if parent is not None else None
    if top is None:
        return None
    pending: list[QLayout] = [top]
    while pending:
        layout = pending.pop()
        if layout.indexOf(widget) >= 0:
            return layout
        for index in range(layout.count()):
            item = layout.itemAt(index)
            child = item.layout() if item is not None else None
            if child is not None:
                pending.append(child)
    return None


def _point_labels(combo: QComboBox, target: QWidget) -> None:
    """A label's buddy follows the visible field, so Alt+letter and its name keep working."""
    parent = combo.parentWidget()
    if parent is None:
        return
    mirror = combo.property(MIRROR_PROPERTY)
    for caption in parent.findChildren(QLabel):
        if caption.buddy() in (combo, mirror):
            caption.setBuddy(target)
