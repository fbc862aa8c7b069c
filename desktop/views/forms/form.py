"""A form: labelled fields, the service's messages beside them, unsaved-change tracking.

Its drafts are kept by its base (``form_drafts.DraftedForm``). See the package
docstring for how to use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.framework.errors import (
    ConflictError,
    NotFoundError,
    ServiceError,
    ValidationError,
)
from desktop.views.forms import prompts
from desktop.views.forms.form_drafts import DraftedForm
from desktop.views.forms.inputs import changed_signal, input_error, read_value, write_value
from desktop.views.forms.registry import UNSAVED, dirty_forms
from desktop.views.shell.context import AppContext
from desktop.views.widgets.keyboard import install_keyboard_rules, keep_after, last_tab_stop

W = TypeVar("W", bound=QWidget)
Submit = Callable[[dict[str, Any]], object]


def error_palette(label: QLabel) -> None:
    """Colour ``label`` as a message that needs attention, readable in light and dark themes."""
    palette = label.palette()
    light = palette.color(QPalette.ColorRole.Window).lightness() >= 128
    colour = Qt.GlobalColor.darkRed if light else Qt.GlobalColor.red
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


class Form(DraftedForm):
    """Fields laid out with their labels; see the package docstring."""

    #: Any field's value changed.
    changed = Signal()
    #: The form went from saved to unsaved (True) or back (False).
    dirty_changed = Signal(bool)
    #: ``submit`` succeeded; carries what it returned (usually the saved Record).
    saved = Signal(object)

    def __init__(
        self,
        context: AppContext,
        *,
        form_key: str = "",
        title: str = "",
        submit: Submit | None = None,
        buttons: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context.services.drafts, form_key, title, parent)
        install_keyboard_rules()
        self.context = context
        self.submit = submit
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self._added: list[QWidget] = []  # fields and full-width widgets, top to bottom
        self._baseline: dict[str, Any] = {}
        self._dirty = False
        self._loading = False

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        error_palette(self.message)

        self._layout = QFormLayout()
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        body.setLayout(self._layout)
        self._body = body
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.message)
        outer.addWidget(scroll, 1)

        self.save_button: QPushButton | None = None
        self.cancel_button: QPushButton | None = None
        self.state_label = QLabel()
        if buttons:
            outer.addLayout(self._button_bar())
        dirty_forms().track(self, self.dirty_changed)
        self._update_state()

    def content_height(self) -> int:
        """The height the fields need without scrolling (for sizing a dialog)."""
        return self._body.sizeHint().height() + self.message.sizeHint().height()

    # --- building -----------------------------------------------------------------------

    def add_field(self, name: str, label: str, widget: W, *, hint: str = "") -> W:
        """Add ``widget`` as the input for the service field ``name``; returns the widget.

        ``label`` may carry a mnemonic ("&Name": Alt+N jumps to the field); ``hint`` is a
        short grey line under the field.
        """
        caption = QLabel(label)
        caption.setBuddy(widget)
        error = QLabel()
        error.setWordWrap(True)
        error.hide()
        error_palette(error)
        cell = QVBoxLayout()
        cell.setContentsMargins(0, 0, 0, 0)
        cell.setSpacing(2)
        cell.addWidget(widget)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            cell.addWidget(note)
        cell.addWidget(error)
        self._layout.addRow(caption, cell)
        self._added.append(widget)
        self._buttons_last()
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.setTabChangesFocus(True)  # Tab moves on from a multi-line box too
        self._fields[name] = widget
        self._errors[name] = error
        self._labels[name] = caption
        changed_signal(widget).connect(self._on_changed)
        self._baseline[name] = read_value(widget)
        return widget

    def add_section(self, title: str) -> QLabel:
        """A bold heading between groups of fields."""
        heading = QLabel(title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setContentsMargins(0, 10, 0, 2)
        self._layout.addRow(heading)
        return heading

    def add_widget(self, widget: QWidget) -> QWidget:
        """Anything across the full width (an explanation, a history table)."""
        self._layout.addRow(widget)
        self._added.append(widget)
        self._buttons_last()
        return widget

    def _buttons_last(self) -> None:
        """Keep Undo and Save after the fields in Tab order, as they are on screen.

        The buttons are made before any field, and Qt's Tab order is the order widgets
        joined the window: without this, Tab would reach Save before the first field.
        """
        if self.save_button is not None and self.cancel_button is not None:
            keep_after(last_tab_stop(self._added), [self.cancel_button, self.save_button])

    def last_tab_stop(self) -> QWidget | None:
        """Where Tab leaves the form: its Save button, else its last field."""
        return self.save_button or last_tab_stop(self._added)

    def showEvent(self, event: QShowEvent) -> None:
        self._buttons_last()  # fields may have been shown, hidden or made focusable since
        super().showEvent(event)

    def _button_bar(self) -> QHBoxLayout:
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.setToolTip(self.tr("Save the changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("&Undo changes"))
        self.cancel_button.setToolTip(self.tr("Put back what was last saved"))
        self.cancel_button.clicked.connect(self.revert)
        self.state_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        bar = QHBoxLayout()
        bar.addWidget(self.state_label, 1)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.save_button)
        return bar

    # --- values -------------------------------------------------------------------------

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def field_names(self) -> list[str]:
        return list(self._fields)

    def values(self) -> dict[str, Any]:
        return {name: read_value(widget) for name, widget in self._fields.items()}

    def set_values(self, values: Mapping[str, Any], *, saved: bool = True) -> None:
        """Show ``values`` (names the form lacks are ignored). With ``saved`` they become
        what "unsaved changes" is measured against (a record just loaded or saved)."""
        self._loading = True
        try:
            for name, value in values.items():
                if name in self._fields:
                    write_value(self._fields[name], value)
        finally:
            self._loading = False
        if saved:
            self._baseline = self.values()
            self.clear_errors()
        self._on_changed()

    @property
    def dirty(self) -> bool:
        """Whether the fields differ from what was last loaded or saved."""
        return self._dirty

    # --- messages -----------------------------------------------------------------------

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Each message beside its field; messages for fields the form lacks go on top."""
        self.clear_errors()
        others: list[str] = []
        for name, text in errors.items():
            label = self._errors.get(name)
            if label is None:
                others.append(text)
                continue
            label.setText(text)
            label.show()
            self._fields[name].setAccessibleDescription(text)
        if others:
            self.show_message("\n".join(others))
        first = next((self._fields[name] for name in errors if name in self._fields), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear_errors(self) -> None:
        for name, label in self._errors.items():
            label.clear()
            label.hide()
            self._fields[name].setAccessibleDescription("")
        self.show_message("")

    def error(self, name: str) -> str:
        """The message shown beside field ``name`` ("" when none)."""
        label = self._errors[name]
        return label.text() if not label.isHidden() else ""

    # --- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        """Check the raw input, then call ``submit``; True when it was saved."""
        local = {
            name: problem
            for name, widget in self._fields.items()
            if (problem := input_error(widget))
        }
        if local:
            self.show_errors(local)
            return False
        if self.submit is None:
            return False
        if self._created and not self._dirty:
            return True  # already saved: asking again (a prompt, a second click) is a no-op
        if self._created:
            self.show_message(self.tr("Already saved. Open the new record to change it."))
            return False
        values = self.values()
        try:
            result = self.submit(dict(values))  # a copy: submit may pop fields it handles
        except ValidationError as refused:
            self.show_errors(refused.errors)
            return False
        except (ConflictError, NotFoundError) as stale:
            self.show_message(
                self.tr("Not saved: {reason}. Close the form and open the record again.").format(
                    reason=str(stale)
                )
            )
            return False
        except ServiceError as other:
            self.show_message(self.tr("Not saved: {reason}").format(reason=str(other)))
            return False
        self._baseline = values
        self._created = "/new" in self.form_key
        self.clear_errors()
        self.discard_draft()
        self._on_changed()
        self.saved.emit(result)
        return True

    def revert(self) -> None:
        """Put back what was last loaded or saved, and forget the draft."""
        self.set_values(self._baseline)
        self.discard_draft()

    def confirm_leave(self) -> bool:
        """Ask what to do with unsaved changes; True when the form may be left."""
        if not self.dirty:
            return True
        choice = prompts.ask_unsaved(self, self.title or self.tr("This form"))
        if choice is prompts.Leave.SAVE:
            return self.save()
        if choice is prompts.Leave.DISCARD:
            self.revert()
            return True
        return False

    # --- state --------------------------------------------------------------------------

    def _on_changed(self, *_args: object) -> None:
        if self._loading:
            return
        dirty = self.values() != self._baseline
        if dirty != self._dirty:
            self._dirty = dirty
            self.setProperty(UNSAVED, dirty)
            self.dirty_changed.emit(dirty)
            self._update_state()
        if self.form_key:
            self._draft_timer.start()
        self.changed.emit()

    def _update_state(self) -> None:
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(self._dirty)
        if self._dirty:
            self.state_label.setText(self.tr("Unsaved changes"))
        else:
            is_new = self.form_key.endswith("/new")
            self.state_label.setText("" if is_new else self.tr("All changes saved"))


def fit_width(widget: QWidget, characters: int) -> None:
    """Make a short input (a code, a number) about ``characters`` wide instead of full width."""
    widget.setMaximumWidth(widget.fontMetrics().horizontalAdvance("M" * characters) + 24)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
