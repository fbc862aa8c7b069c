"""The Communities page: every community the person may see, searchable, filtered and sorted.

Typing in the search box waits ~200 ms for a pause before querying, so a fast typist
causes one query, not one per key. The drop-downs filter at once. Enter or a
double-click opens the community; Ctrl+N (in the main window) adds one.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import ngettext
from desktop.labels import labels
from desktop.models.enums import PartnershipStatus, PhaseKind
from desktop.services.framework.changes import Changes
from desktop.views.communities.form import create_community
from desktop.views.communities.table_model import (
    COMMUNITY_ID_ROLE,
    SORT_KEYS,
    Column,
    CommunityTableModel,
    SelectedRowDelegate,
)
from desktop.views.shell.context import AppContext
from desktop.views.shell.permission_gate import gate

SEARCH_DELAY_MS = 200
# Widest a column gets when sized to its contents; the person can still drag it wider.
MAX_COLUMN_WIDTH = {
    Column.NAME: 320,
    Column.DISTRICT: 200,
    Column.FACILITATOR: 220,
    Column.ATTENTION: 320,
}


class CommunityTable(QTableView):
    """The list itself: Enter opens the selected community, like a double-click."""

    activated_row = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class CommunityListPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = CommunityTableModel(context.services, today=context.today(), parent=self)
        self.search = QLineEdit()
        self.district_filter = QComboBox()
        self.status_filter = QComboBox()
        self.phase_filter = QComboBox()
        self.facilitator_filter = QComboBox()
        self.table = CommunityTable()
        self.empty_label = QLabel()
        self.count_label = QLabel()
        self.new_button = QPushButton(self.tr("&New community…"))
        self._stack = QStackedWidget()
        self._search_timer = QTimer(self)
        self._all = 0

        self._build_filters()
        self._build_table()
        self._build_layout()
        self.model.loaded.connect(self._on_loaded)
        context.navigator.changes_made.connect(self._on_changes)
        self.refresh_total()
        self._on_loaded()

    # --- building -----------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search.setPlaceholderText(self.tr("Search names, other names, districts, places…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search communities"))
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._open_first_on_enter)
        self._fill_choices()
        for combo in self._filters():
            # Narrow enough to fit 1366 pixels at 150 % scaling; the open list shows full names.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            # ... but wide enough for "Any partnership" and the like, never clipped.
            combo.setMinimumContentsLength(max(9, len(combo.itemText(0))))
            combo.currentIndexChanged.connect(self.apply_filters)
        self.new_button.clicked.connect(self.new_community)
        # The same rule as File > New community: greyed, with the reason, for a role
        # that may not add one (never a whole form filled in for a refusal at the end).
        gate(self.new_button, self.context.services, "create", "community")

    def _filters(self) -> tuple[QComboBox, ...]:
        return (
            self.district_filter,
            self.status_filter,
            self.phase_filter,
            self.facilitator_filter,
        )

    def _fill_choices(self) -> None:
        self.district_filter.addItem(self.tr("All districts"), "")
        for district in self.context.services.list_districts():
            self.district_filter.addItem(district, district)
        self.status_filter.addItem(self.tr("Any partnership"), "")
        for code, text in labels(PartnershipStatus).items():
            self.status_filter.addItem(text, code)
        self.phase_filter.addItem(self.tr("Any phase"), "")
        for code, text in labels(PhaseKind).items():
            self.phase_filter.addItem(text, code)
        self.facilitator_filter.addItem(self.tr("Any facilitator"), "")
        for username, name in self.context.services.reads.facilitators():
            self.facilitator_filter.addItem(name, username)

    def _build_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setItemDelegate(SelectedRowDelegate(table))
        table.setAccessibleName(self.tr("Communities"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Columns are sized to the first rows, not to every loaded one (fast at 10,000).
        header.setResizeContentsPrecision(40)
        # Every column, the name included, is as wide as its words (up to a limit) and the last
        # one takes the room left: a name left to take only the spare room was squeezed to
        # "K..." when the other columns' words ran longer, as they do in Arabic.
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        # What needs attention next to the name, where the eye is (the model keeps it last).
        header.moveSection(header.visualIndex(Column.ATTENTION), 1)
        # Set the indicator before enabling sorting: enabling sorts once, by name, ascending.
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        self._sorted_by = (int(Column.NAME), Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        table.setSortingEnabled(True)
        table.doubleClicked.connect(self.open_index)
        table.activated_row.connect(self.open_index)
        self._fit_columns()

    def _build_layout(self) -> None:
        filters = QGridLayout()
        filters.setHorizontalSpacing(6)
        filters.addWidget(self.search, 0, 0, 1, 6)
        filters.addWidget(self.new_button, 0, 6, 1, 2)
        # Alt+F, Alt+G and Alt+H open the window's menus: no caption here may take them.
        captions = (
            (self.tr("&District:"), self.district_filter),
            (self.tr("P&artnership:"), self.status_filter),
            (self.tr("Pha&se:"), self.phase_filter),
            (self.tr("Fac&ilitator:"), self.facilitator_filter),
        )
        for n, (text, combo) in enumerate(captions):
            caption = QLabel(text)
            caption.setBuddy(combo)
            combo.setAccessibleName(text.replace("&", "").rstrip(":"))
            filters.addWidget(caption, 1, n * 2, Qt.AlignmentFlag.AlignRight)
            filters.addWidget(combo, 1, n * 2 + 1)
        filters.setColumnStretch(7, 1)

        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self._stack, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.search, self.new_button)
        self.setTabOrder(self.new_button, self.district_filter)
        self.setTabOrder(self.district_filter, self.status_filter)
        self.setTabOrder(self.status_filter, self.phase_filter)
        self.setTabOrder(self.phase_filter, self.facilitator_filter)
        self.setTabOrder(self.facilitator_filter, self.table)

    # --- behaviour ----------------------------------------------------------------------

    def apply_filters(self) -> None:
        """Query with what the search box and drop-downs say now."""
        self._search_timer.stop()
        self.model.set_filters(
            text=self.search.text(),
            district=str(self.district_filter.currentData() or ""),
            partnership_status=str(self.status_filter.currentData() or ""),
            phase=str(self.phase_filter.currentData() or ""),
            facilitator=str(self.facilitator_filter.currentData() or ""),
        )

    def refresh_total(self) -> None:
        query = self.model.query
        self._all = self.context.services.list_communities(
            type(query)(limit=0, today=query.today)
        ).total

    def _on_loaded(self) -> None:
        shown = self.model.total
        if shown == self._all:
            text = ngettext("{n} community", "{n} communities", shown).format(n=shown)
        else:
            text = ngettext(
                "{n} of {all} communities", "{n} of {all} communities", self._all
            ).format(n=shown, all=self._all)
        self.count_label.setText(text)
        if shown:
            self._stack.setCurrentWidget(self.table)
            return
        self.empty_label.setText(
            self.tr("No communities match the search and filters.")
            if self._all
            else self._nothing_yet()
        )
        self._stack.setCurrentWidget(self.empty_label)

    def _nothing_yet(self) -> str:
        if self.new_button.isEnabled():
            return self.tr(
                "No communities yet.\n\nAdd the first one with “New community” (Ctrl+N)."
            )
        return self.tr(
            "No communities to show yet.\n\nAn administrator or manager adds communities "
            "and assigns people to them."
        )

    def _on_changes(self, changes: Changes) -> None:
        """Read the list again when anything it shows changed: a community, its cycle and
        phase, the latest activity (meetings, actions, reviews), or who works there."""
        if changes.touches(
            "community",
            "cycle",
            "phase",
            "meeting",
            "action",
            "reflection",
            "follow_up",
            "mentor_review",
            "community_assignment",
            "indicator",
            "observation",
            "office_setting",
        ):
            self.refresh_total()
            self.model.reload()

    def _sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        """The list sorts by the columns the service sorts on; a click on another (what
        needs attention) leaves the order, and its arrow, where they were."""
        if section in SORT_KEYS:
            self._sorted_by = (section, order)
            return
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self._sorted_by)
        header.blockSignals(False)

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, widest in MAX_COLUMN_WIDTH.items():
            if header.sectionSize(column) > widest:
                header.resizeSection(column, widest)
        for column in Column:
            header.resizeSection(column, header.sectionSize(column) + 16)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _open_first_on_enter(self) -> None:
        self.apply_filters()
        if self.model.rowCount() == 1:
            self.open_index(self.model.index(0, 0))
        elif self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def open_index(self, index: QModelIndex) -> None:
        community_id = index.data(COMMUNITY_ID_ROLE)
        if isinstance(community_id, uuid.UUID):
            self.context.navigator.open_community.emit(str(community_id))

    def new_community(self) -> None:
        community_id = create_community(self.context, self)
        if community_id is not None:
            self.context.navigator.open_community.emit(str(community_id))
