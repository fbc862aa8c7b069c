"""Every dialog opens with its first field focused (typing lands in it) and fits a small
screen: 1366 x 768 at 150 % scaling (911 x 512 logical pixels, less the title bar and
taskbar) and 1024 x 700 at 100 %, with its buttons in view and its fields scrolling."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.storage import Database
from desktop.tour.base import WINDOW_SIZE, Shot, Tour
from desktop.tour.run import run_tour, samples, tour_actor
from desktop.views.forms import FormDialog
from tests.views.community_screens_support import ADMIN, TODAY, shown_window
from tests.views.dialog_catalogue import extra_openers, while_open

#: 1366 x 768 at 150 %, less a title bar and a taskbar of 32 pixels.
LAPTOP_150 = QSize(1366 * 2 // 3 - 16, 768 * 2 // 3 - 40)
#: 1024 x 700 at 100 %, the same allowance.
SMALL_100 = QSize(1024 - 16, 700 - 72)

TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit)


def _editable(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox | QCheckBox | QRadioButton)


def _read_only(widget: QWidget) -> bool:
    """Shown to be read (a cycle's number, say), so typing starts in the next field."""
    is_read_only = getattr(widget, "isReadOnly", None)
    return bool(is_read_only()) if callable(is_read_only) else False


def expected_first_field(dialog: QDialog) -> QWidget | None:
    """What a person types in first: a form's first enabled, editable field, else the topmost, then
    leftmost, field on screen."""
    if isinstance(dialog, FormDialog):
        form = dialog.form
        names = [
            n
            for n in form.field_names()
            if form.field(n).isEnabled() and not _read_only(form.field(n))
        ]
        refused = [n for n in names if form.error(n)]
        names = refused or names  # after a refused Save, the first field to fix
        return form.field(names[0]) if names else None
    fields = [
        w
        for w in dialog.findChildren(QWidget)
        if _editable(w)
        and w.isVisible()
        and w.isEnabled()
        and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
    ]
    fields.sort(
        key=lambda w: (w.mapTo(dialog, QPoint(0, 0)).y(), w.mapTo(dialog, QPoint(0, 0)).x())
    )
    return fields[0] if fields else None


class Checker:
    """Collects what is wrong with each dialog, by name."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.problems: dict[str, list[str]] = {}
        self.checked: list[str] = []
        self.typed: list[str] = []

    def _say(self, name: str, problem: str) -> None:
        self.problems.setdefault(name, []).append(problem)

    def focus(self, name: str, dialog: QDialog) -> None:
        self.checked.append(name)
        dialog.activateWindow()
        self.qtbot.waitUntil(dialog.isActiveWindow)
        expected = expected_first_field(dialog)
        focused = QApplication.focusWidget()
        if expected is None:
            return  # a question or a list: nothing to type into
        if focused is None or not (focused is expected or expected.isAncestorOf(focused)):
            got = f"{type(focused).__name__} {focused.accessibleName()!r}" if focused else None
            self._say(name, f"focus on {got}, not on {expected.accessibleName()!r}")
            return
        if isinstance(focused, TEXT_FIELDS):
            self.qtbot.keyClicks(QApplication.focusWidget(), "abc")
            text = focused.toPlainText() if not isinstance(focused, QLineEdit) else focused.text()
            if "abc" not in text:
                self._say(name, "typing did not land in the first field")
            else:
                self.typed.append(name)

    def fit(self, name: str, dialog: QDialog) -> None:
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        for room in (LAPTOP_150, SMALL_100):
            if least.width() > room.width() or least.height() > room.height():
                self._say(
                    name, f"needs at least {least.toTuple()}, the screen has {room.toTuple()}"
                )
        dialog.resize(LAPTOP_150.boundedTo(dialog.maximumSize()))
        QApplication.processEvents()
        inside = dialog.rect()
        for box in dialog.findChildren(QDialogButtonBox):
            for button in box.buttons():
                if button.isVisible() and not inside.contains(_rect_in(button, dialog)):
                    self._say(name, f"button {button.text()!r} off the dialog")
        if isinstance(dialog, FormDialog):
            scroll = dialog.form.findChild(QScrollArea)
            assert scroll is not None
            body = scroll.widget()
            taller = body.minimumSizeHint().height() > scroll.viewport().height()
            if taller and scroll.verticalScrollBar().maximum() == 0:
                self._say(name, "fields taller than the window but do not scroll")

    def mnemonics(self, name: str, dialog: QDialog) -> None:
        """Alt+letter reaches one thing: two labels or buttons with the same underlined
        letter make Alt jump to the first and a person types into the wrong field."""
        seen: dict[str, str] = {}
        shown = [w for w in dialog.findChildren(QLabel) if w.buddy() is not None]
        shown += dialog.findChildren(QAbstractButton)
        for widget in shown:
            if not widget.isVisibleTo(dialog):
                continue
            letter = mnemonic(widget.text())
            if not letter:
                continue
            if letter in seen:
                self._say(name, f"Alt+{letter} for both {seen[letter]!r} and {widget.text()!r}")
            seen[letter] = widget.text()

    def both(self, name: str, dialog: QDialog) -> None:
        self.focus(name, dialog)
        self.fit(name, dialog)
        self.mnemonics(name, dialog)


def mnemonic(text: str) -> str:
    """The letter after a single "&" ("S&tatus" gives "t"), or "" when there is none."""
    index = text.replace("&&", "\0\0").find("&")
    return text[index + 1].lower() if 0 <= index < len(text) - 1 else ""


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def test_every_dialog_of_the_tour_opens_on_its_first_field_and_fits(
    qtbot: QtBot, tour_db: Database, tmp_path: Path
) -> None:
    checker = Checker(qtbot)

    def visit(shot: Shot, widget: QWidget) -> None:
        window = widget.window()
        if isinstance(window, QDialog):
            checker.both(shot.name, window)

    run_tour(tour_db, tmp_path / "shots", actor=tour_actor(tour_db, None), today=TODAY, visit=visit)
    print(f"tour: {len(checker.checked)} dialogs, typed into {len(checker.typed)}", file=sys.stderr)
    assert len(checker.checked) >= 15
    assert {"community-new", "cycle-new"} <= set(checker.typed)
    assert "review-form" in checker.checked
    for dialog, problems in checker.problems.items():
        print(dialog, problems, file=sys.stderr)
    assert checker.problems == {}


def test_every_other_dialog_opens_on_its_first_field_and_fits(
    qtbot: QtBot, tour_db: Database, tour_demo_path: Path, tmp_path: Path
) -> None:
    window = shown_window(qtbot, tour_db, ADMIN, tmp_path)
    window.resize(*WINDOW_SIZE)
    community_id, cycle_id = samples(window, TODAY)
    tour = Tour(window, community_id, cycle_id)
    checker = Checker(qtbot)
    openers = extra_openers(tour, tour_demo_path)
    missing = [
        name
        for name, opener in openers.items()
        if not while_open(qtbot, name, opener, checker.both)
    ]
    print(f"others: {len(checker.checked)} dialogs, typed into {len(checker.typed)}",
          file=sys.stderr)  # fmt: skip
    assert missing == []
    assert len(checker.checked) >= 18
    for dialog, problems in checker.problems.items():
        print(dialog, problems, file=sys.stderr)
    assert checker.problems == {}


def test_the_main_window_fits_a_small_screen_on_every_page(
    qtbot: QtBot, tour_db: Database, tmp_path: Path
) -> None:
    window = shown_window(qtbot, tour_db, ADMIN, tmp_path)
    assert window.width() <= window.screen().availableGeometry().width()
    assert window.height() <= window.screen().availableGeometry().height()
    too_big = {}
    for entry in window.entries:
        window.show_page(entry.key)
        least = window.minimumSizeHint().expandedTo(window.minimumSize())
        if least.width() > LAPTOP_150.width() or least.height() > LAPTOP_150.height():
            too_big[entry.key] = least.toTuple()
    assert too_big == {}
