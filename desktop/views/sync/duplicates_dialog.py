"""File > Possible duplicates…: a community or stakeholder two laptops both added.

The office server keeps both records and raises the item; here a manager sees the two side
by side (name, district, who added each and when, what hangs on each) and decides: keep
both, or keep one and merge the other into it. Either is an ordinary change through the
write runner (``Services.duplicates``, as ``clcp duplicates resolve`` does), sent at the
next sync. A merge asks first, naming what moves; the buttons a role may not use stay
disabled and say why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import label
from desktop.services.framework.changes import Changes
from desktop.services.usecases.duplicate_review import DuplicateItem, DuplicateSide
from desktop.views.forms.tables import fill_table, record_table
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import run_write
from desktop.views.sync.words import by_when

#: The rows each side shows, in order: (key, label).
SIDE_ROWS = ("name", "district", "added", "holds")


class SidePanel(QGroupBox):
    """One of the two records: read-only lines a person can reach with Tab and a screen
    reader announces with their label."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.title_text = title
        self.fields: dict[str, QLineEdit] = {}
        layout = QFormLayout(self)
        labels = {
            "name": self.tr("Name"),
            "district": self.tr("District"),
            "added": self.tr("Added by, when"),
            "holds": self.tr("Holds"),
        }
        for key in SIDE_ROWS:
            field = QLineEdit()
            field.setReadOnly(True)
            field.setAccessibleName(f"{title}: {labels[key]}")
            layout.addRow(labels[key], field)
            self.fields[key] = field

    def show_side(self, side: DuplicateSide | None, today: date) -> None:
        if side is None:
            for field in self.fields.values():
                field.clear()
            return
        self.fields["name"].setText(side.name)
        self.fields["district"].setText(side.district)
        self.fields["added"].setText(by_when(side.added_by, side.added_at, today))
        self.fields["holds"].setText(side.holds_words())
        for field in self.fields.values():
            field.setCursorPosition(0)


class DuplicatesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.items: list[DuplicateItem] = []
        self.setObjectName("sync_duplicates")
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = record_table(
            [self.tr("Kind"), self.tr("First record"), self.tr("Second record")],
            self.tr("Possible duplicates"),
            stretch=2,
        )
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.first = SidePanel(self.tr("First record"))
        self.second = SidePanel(self.tr("Second record"))
        self.keep_both = QPushButton(self.tr("Keep &both"))
        self.merge_first = QPushButton(self.tr("Keep the &first, merge the second into it"))
        self.merge_second = QPushButton(self.tr("Keep the &second, merge the first into it"))
        self.keep_both.clicked.connect(self._keep_both)
        self.merge_first.clicked.connect(lambda: self._merge(0))
        self.merge_second.clicked.connect(lambda: self._merge(1))
        self._lay_out()
        context.navigator.changes_made.connect(self._on_changes)
        self.resize(1000, 520)
        self.refresh()

    def _lay_out(self) -> None:
        sides = QHBoxLayout()
        sides.addWidget(self.first, 1)
        sides.addWidget(self.second, 1)
        decide = QHBoxLayout()
        for button in (self.keep_both, self.merge_first, self.merge_second):
            button.setAutoDefault(False)
            decide.addWidget(button)
        decide.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(sides)
        layout.addLayout(decide)
        layout.addWidget(buttons)

    def _on_changes(self, changes: Changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.items = self.context.services.duplicates.items()
        fill_table(
            self.table,
            [
                (
                    str(item.id),
                    (label(item.kind), item.first.title, item.second.title),
                )
                for item in self.items
            ],
        )
        self.intro.setText(
            self.tr(
                "Two laptops added what may be the same record. Both are kept until you "
                "decide: keep both, or keep one and merge the other into it (what hangs on "
                "it moves). Your decision is sent at the next sync."
            )
            if self.items
            else self.tr("No possible duplicates: nothing to decide.")
        )
        self._show_selected()

    def selected(self) -> DuplicateItem | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_selected(self) -> None:
        item = self.selected()
        today = self.context.today()
        self.first.show_side(item.first if item else None, today)
        self.second.show_side(item.second if item else None, today)
        services = self.context.services
        may_decide = services.can("update", "possible_duplicate")
        may_merge = item is not None and may_decide and services.can("delete", item.kind)
        self.keep_both.setEnabled(item is not None and may_decide)
        for button in (self.merge_first, self.merge_second):
            button.setEnabled(may_merge)
        why = services.why_not("update", "possible_duplicate")
        if item is not None and not why and not may_merge:
            why = services.why_not("delete", item.kind)
        for button in (self.keep_both, self.merge_first, self.merge_second):
            button.setToolTip(why if not button.isEnabled() else "")

    def _keep_both(self) -> None:
        item = self.selected()
        if item is not None:
            self._decide(
                lambda services: services.duplicates.keep_both(
                    item.id, expected_version=item.version
                )
            )

    def _merge(self, which: int) -> None:
        item = self.selected()
        if item is None:
            return
        kept, given_up = (item.first, item.second) if which == 0 else (item.second, item.first)
        kept_words, given_up_words = (
            (self.tr("the first record"), self.tr("the second"))
            if which == 0
            else (self.tr("the second record"), self.tr("the first"))
        )
        answer = QMessageBox.question(
            self,
            self.tr("Merge"),
            self.tr(
                "Keep {kept}, {kept_title} added by {kept_by}, and merge {other}, "
                "{other_title} added by {other_by}, into it?\n\nWhat hangs on {other} "
                "({holds}) moves to the record kept, and {other} is deleted."
            ).format(
                kept=kept_words,
                kept_title=kept.title,
                kept_by=kept.added_by or "?",
                other=given_up_words,
                other_title=given_up.title,
                other_by=given_up.added_by or "?",
                holds=given_up.holds_words(),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._decide(
            lambda services: services.duplicates.merge_into(
                item.id, kept.id, expected_version=item.version
            )
        )

    def _decide(self, work: Callable[..., object]) -> None:
        run_write(self, self.context, work, failed=self.tr("Nothing was decided."))
