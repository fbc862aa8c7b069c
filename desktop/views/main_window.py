"""The main window: the community list with search and filters.

Typing in the search box waits ~200 ms for a pause before querying, so a fast
typist causes one query, not one per key. The drop-downs filter at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.services.actor import Actor
from desktop.services.community_list import CommunityQuery, list_communities, list_districts
from desktop.storage import Database
from desktop.views.community_table_model import Column, CommunityTableModel
from desktop.views.labels import partnership_labels

SEARCH_DELAY_MS = 200
GEOMETRY_KEY = "main_window/geometry"
DEFAULT_SIZE = (1280, 760)
# Widest a column gets when sized to its contents; the person can still drag it wider.
MAX_COLUMN_WIDTH = {Column.DISTRICT: 200, Column.FACILITATOR: 220}


class MainWindow(QMainWindow):
    def __init__(
        self,
        db: Database,
        *,
        actor: Actor | None = None,
        demo: bool = False,
        settings: QSettings | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.actor = actor or Actor.from_environment()
        self.demo = demo
        self._settings = settings if settings is not None else QSettings()
        self._all_communities = list_communities(db, CommunityQuery(limit=0)).total

        name = db.path.name if db.path is not None else self.tr("in-memory database")
        title = f"{APP_NAME} — {name}"
        self.setWindowTitle(f"{title} — {self.tr('DEMO')}" if demo else title)

        self.model = CommunityTableModel(db, today=today, parent=self)
        self.search = QLineEdit()
        self.district_filter = QComboBox()
        self.status_filter = QComboBox()
        self.table = QTableView()
        self.empty_label = QLabel()
        self._pages = QStackedWidget()
        self.count_label = QLabel()
        self._search_timer = QTimer(self)

        self._build_filters()
        self._build_table()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self.model.loaded.connect(self._on_loaded)
        self._on_loaded()
        self._restore_geometry()
        self.search.setFocus()

    # --- building ---------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search.setPlaceholderText(self.tr("Search names, other names, districts, places…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)

        self.district_filter.addItem(self.tr("All districts"), "")
        for district in list_districts(self.db):
            self.district_filter.addItem(district, district)
        self.status_filter.addItem(self.tr("All partnership statuses"), "")
        for code, label in partnership_labels().items():
            self.status_filter.addItem(label, code)
        for combo in (self.district_filter, self.status_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.apply_filters)

    def _build_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The name takes the room the other columns leave, so the table always fills the window.
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        # Set the indicator before enabling sorting: enabling sorts once, by name, ascending.
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        self._fit_columns()

    def _build_central(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addSpacing(8)
        for text, combo in (
            (self.tr("&District:"), self.district_filter),
            (self.tr("&Partnership:"), self.status_filter),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)

        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._pages.addWidget(self.table)
        self._pages.addWidget(self.empty_label)

        layout = QVBoxLayout()
        layout.setContentsMargins(10, 10, 10, 4)
        layout.setSpacing(8)
        if self.demo:
            layout.addWidget(self._demo_banner())
        layout.addLayout(bar)
        layout.addWidget(self._pages, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

    def _demo_banner(self) -> QLabel:
        banner = QLabel(
            self.tr(
                "<b>Demo data.</b> These communities are made up, for practice and "
                "training. Your office's real records are in a different file."
            )
        )
        banner.setWordWrap(True)
        banner.setAutoFillBackground(True)
        banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        banner.setContentsMargins(10, 6, 10, 6)
        return banner

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        find = QAction(self.tr("&Find community"), self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self._focus_search)
        file_menu.addAction(find)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About {app}").format(app=APP_NAME), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        where = str(self.db.path) if self.db.path is not None else self.tr("in memory")
        path_label = QLabel(self.tr("Database: {path}").format(path=where))
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path_label.setToolTip(where)
        self.statusBar().addWidget(path_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

    # --- behaviour --------------------------------------------------------------------

    def apply_filters(self) -> None:
        """Query with what the search box and drop-downs say now."""
        self._search_timer.stop()
        self.model.set_filters(
            text=self.search.text(),
            district=str(self.district_filter.currentData() or ""),
            partnership_status=str(self.status_filter.currentData() or ""),
        )

    def _on_loaded(self) -> None:
        shown = self.model.total
        if shown == self._all_communities:
            text = self.tr("%n communities", "", shown)
        else:
            text = self.tr("%n of {all} communities", "", shown).format(all=self._all_communities)
        self.count_label.setText(text)
        if shown:
            self._pages.setCurrentWidget(self.table)
            return
        self.empty_label.setText(
            self.tr("No communities match the search and filters.")
            if self._all_communities
            else self.tr(
                "No communities yet.\n\n"
                "To try the app with made-up communities, start it with: clcp --demo"
            )
        )
        self._pages.setCurrentWidget(self.empty_label)

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, widest in MAX_COLUMN_WIDTH.items():
            if header.sectionSize(column) > widest:
                header.resizeSection(column, widest)
        for column in Column:
            header.resizeSection(column, header.sectionSize(column) + 16)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About {app}").format(app=APP_NAME),
            self.tr(
                "<h3>{app} {version}</h3>"
                "<p>Offline records for NGO field offices supporting "
                "community-led child protection.</p>"
                "<p>Free software under the GNU General Public License, "
                "version 3 or later.</p>"
            ).format(app=APP_NAME, version=__version__),
        )

    def _restore_geometry(self) -> None:
        saved = self._settings.value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        self.resize(*DEFAULT_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
