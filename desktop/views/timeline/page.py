"""The Timeline page: all communities at a glance, and one community's cycles in detail.

The office timeline comes first (filters by district, facilitator and partnership status;
sorting puts the longest without a meeting, or the most overdue, on top). Double-click or
Enter on a row shows that community's timeline; a click or Enter on anything there opens
the record through the navigator. Export writes the same view as a PDF (landscape, split
over pages, with a legend) or as a PNG picture.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QAction, QActionGroup, QColor, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import ngettext
from desktop.reports.options import Paper, paper_label
from desktop.services.framework.changes import Changes
from desktop.services.queries.timeline import (
    TIMELINE_KINDS,
    CommunityTimeline,
    OfficeQuery,
    OfficeTimeline,
)
from desktop.views.shell.context import AppContext
from desktop.views.timeline.community_view import CommunityTimelineView
from desktop.views.timeline.drawing import Zoom
from desktop.views.timeline.filters import OfficeFilters
from desktop.views.timeline.legend import Legend
from desktop.views.timeline.office_view import OfficeTimelineView
from desktop.views.timeline.order import sorted_rows
from desktop.views.timeline.summary import community_summary
from desktop.views.timeline.table_view import (
    community_table,
    community_table_rows,
    office_table,
    office_table_rows,
)


class TimelinePage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.office: OfficeTimeline | None = None
        self.community: CommunityTimeline | None = None
        self.title = QLabel()
        # the arrow points back the way a reader came: left, or right in a right-to-left window
        arrow = "→" if self.isRightToLeft() else "←"
        everyone = self.tr("All communities")
        self.back = QPushButton(f"{arrow} {everyone}")
        self.open_page = QPushButton(self.tr("Open community page"))
        self.summary = QLabel()
        self.filters = OfficeFilters(context, self.summary)
        # the filters by name, as tests and the screenshot tour set them
        self.district, self.sort = self.filters.district, self.filters.sort
        self.zoom_buttons = QButtonGroup(self)
        self.export_button = QToolButton()
        self.office_view = OfficeTimelineView()
        self.community_view = CommunityTimelineView()
        self.office_table = office_table()
        self.community_table = community_table()
        self.as_table = QPushButton(self.tr("Show as table"))
        self.office_stack = QStackedWidget()
        self.community_stack = QStackedWidget()
        self.office_legend = Legend(office=True)
        self.community_legend = Legend(office=False)
        self.stack = QStackedWidget()
        self.legends = QStackedWidget()
        self._build()
        self.refresh()

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.back.clicked.connect(self.show_office)
        self.open_page.clicked.connect(self._open_community_page)
        self.filters.changed.connect(self.refresh)
        top = self._build_top()
        self._build_export_menu()
        top.addWidget(self.export_button)
        self._build_stacks()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.legends)
        self._show_mode(office=True)

    def _build_top(self) -> QHBoxLayout:
        """Back, the title, Open community page, zoom, Today and Show as table."""
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.open_page)
        for zoom, text in (
            (Zoom.MONTH, self.tr("Month")),
            (Zoom.QUARTER, self.tr("Quarter")),
            (Zoom.YEAR, self.tr("Year")),
        ):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setChecked(zoom is Zoom.QUARTER)
            button.setToolTip(self.tr("Zoom (Ctrl+mouse wheel, + and - keys)"))
            button.clicked.connect(lambda _checked=False, z=zoom: self.set_zoom(z.value))
            self.zoom_buttons.addButton(button)
            top.addWidget(button)
        today = QToolButton()
        today.setText(self.tr("Today"))
        today.clicked.connect(self.scroll_to_today)
        top.addWidget(today)
        self.as_table.setCheckable(True)
        self.as_table.setToolTip(self.tr("The timeline as rows of text (Ctrl+Shift+T)"))
        self.as_table.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.as_table.toggled.connect(self._show_table)
        top.addWidget(self.as_table)
        return top

    def _build_export_menu(self) -> None:
        """Export as PDF or PNG, and the paper size for the PDF."""
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_pdf_action = QAction(self.tr("Save as PDF…"), self)
        self.export_pdf_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_pdf_action.triggered.connect(lambda: self._ask_and_export("pdf"))
        self.export_png_action = QAction(self.tr("Save as picture (PNG)…"), self)
        self.export_png_action.triggered.connect(lambda: self._ask_and_export("png"))
        menu.addActions([self.export_pdf_action, self.export_png_action])
        menu.addSeparator()
        self.paper_actions = self._paper_menu(menu.addMenu(self.tr("Paper size for PDF")))
        self.addActions([self.export_pdf_action])
        self.export_button.setMenu(menu)

    def _build_stacks(self) -> None:
        """The office and community timelines, each as a picture or a table, and legends."""
        self.office_stack.addWidget(self.office_view)
        self.office_stack.addWidget(self.office_table)
        self.community_stack.addWidget(self.community_view)
        self.community_stack.addWidget(self.community_table)
        self.stack.addWidget(self.office_stack)
        self.stack.addWidget(self.community_stack)
        self.office_table.activated.connect(lambda key: self.show_community(str(key)))
        self.community_table.activated.connect(
            lambda key: self.context.navigator.open_record.emit(*key)
        )
        self.legends.addWidget(self.office_legend)
        self.legends.addWidget(self.community_legend)
        self.office_view.community_activated.connect(self.show_community)
        self.community_view.record_activated.connect(self.context.navigator.open_record)
        self.context.navigator.changes_made.connect(self._on_changes)

    def _paper_menu(self, menu: QMenu) -> QActionGroup:
        """One checkable entry per paper size; A4 until the person picks another."""
        group = QActionGroup(menu)
        for paper in Paper:
            action = group.addAction(paper_label(paper))
            action.setCheckable(True)
            action.setChecked(paper is Paper.A4)
            action.setData(paper.value)
        menu.addActions(group.actions())
        return group

    def _show_table(self, table: bool) -> None:
        """Swap both timelines between the picture and the table; focus follows."""
        self.office_stack.setCurrentIndex(1 if table else 0)
        self.community_stack.setCurrentIndex(1 if table else 0)
        self.as_table.setText(self.tr("Show as picture") if table else self.tr("Show as table"))
        self._focus_shown()

    def _focus_shown(self) -> None:
        """Focus the picture or the table now shown, so the keys act on what is seen."""
        current = self.stack.currentWidget()
        shown = current.currentWidget() if isinstance(current, QStackedWidget) else None
        if shown is not None:
            shown.setFocus()

    def paper(self) -> Paper:
        chosen = self.paper_actions.checkedAction()
        return Paper(chosen.data()) if chosen is not None else Paper.A4

    def _show_mode(self, *, office: bool) -> None:
        self.stack.setCurrentIndex(0 if office else 1)
        self.legends.setCurrentIndex(0 if office else 1)
        self.filters.setVisible(office)
        self.back.setVisible(not office)
        self.open_page.setVisible(not office)
        if office:
            self.title.setText(self.tr("Timeline of all communities"))
        elif self.community is not None:
            self.title.setText(self.community.name)

    # --- what is shown ----------------------------------------------------------------

    def query(self) -> OfficeQuery:
        return self.filters.query()

    def _on_changes(self, changes: Changes) -> None:  # bound: Qt disconnects it on deletion
        if changes.touches(*TIMELINE_KINDS):
            self.refresh()

    def refresh(self) -> None:
        today = self.context.today()
        self.office = self.context.services.reads.office_timeline(self.query(), today)
        rows = sorted_rows(self.office.rows, self.filters.sort_key(), today)
        first_load = not self.office_view.rows
        self.office_view.set_rows(rows, today)
        self.office_table.set_rows(office_table_rows(rows, today))
        self.office_table.setAccessibleDescription(self.office_view.accessibleDescription())
        if first_load:
            self.office_view.scroll_to_day(today)
        gaps = sum(row.meeting_gap() for row in rows)
        late = sum(row.overdue_actions > 0 for row in rows)
        flagged = sum(bool(row.flags) for row in rows)
        days = self.office.thresholds.no_meeting_days
        self.summary.setText(
            " · ".join(
                (
                    ngettext("{n} community", "{n} communities", len(rows)).format(n=len(rows)),
                    self.tr("%1 need attention").replace("%1", str(flagged)),
                    self.tr("%1 with no meeting in %2 days")
                    .replace("%1", str(gaps))
                    .replace("%2", str(days)),
                    self.tr("%1 with overdue actions").replace("%1", str(late)),
                )
            )
        )
        if self.community is not None:
            try:
                self.community = self.context.services.reads.community_timeline(
                    self.community.community_id, today
                )
            except LookupError:  # deleted meanwhile
                self.community = None
                self.show_office()
                return
            self.community_view.timeline = self.community
            self.community_view.set_pixels_per_day(self.community_view.pixels_per_day)
            self._fill_community_table()

    def show_community(self, community_id: str) -> None:
        self.community = self.context.services.reads.community_timeline(
            uuid.UUID(community_id), self.context.today()
        )
        self.community_view.pixels_per_day = self.office_view.pixels_per_day
        self.community_view.set_timeline(self.community)
        self._fill_community_table()
        self._show_mode(office=False)
        self.community_view.scroll_to_day(self.context.today())  # now that it has its size
        self._focus_shown()

    def _fill_community_table(self) -> None:
        if self.community is not None:
            self.community_table.set_rows(community_table_rows(self.community))
            words = community_summary(self.community)
            self.community_table.setAccessibleDescription(words)
            self.community_view.setAccessibleDescription(words)  # after a refresh too

    def show_office(self) -> None:
        self.community = None
        self._show_mode(office=True)
        self._focus_shown()

    def set_zoom(self, pixels_per_day: float) -> None:
        self.office_view.set_pixels_per_day(pixels_per_day)
        self.community_view.set_pixels_per_day(pixels_per_day)

    def scroll_to_today(self) -> None:
        today = self.context.today()
        if self.stack.currentIndex() == 0:
            self.office_view.scroll_to_day(today)
        else:
            self.community_view.scroll_to_day(today)

    def _open_community_page(self) -> None:
        if self.community is not None:
            self.context.navigator.open_community.emit(str(self.community.community_id))

    # --- export -----------------------------------------------------------------------

    def _ask_and_export(self, kind: str) -> None:
        name = (self.community.name if self.community else self.tr("all-communities")) + f".{kind}"
        filters = self.tr("PDF files (*.pdf)") if kind == "pdf" else self.tr("Pictures (*.png)")
        path, _selected = QFileDialog.getSaveFileName(
            self, self.tr("Export timeline"), name, filters
        )
        if not path:
            return
        try:
            self.export_to(Path(path))
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Export timeline"),
                self.tr("Could not save: %1").replace("%1", error.strerror or str(error)),
            )

    def export_to(self, path: Path) -> Path:
        """Write what is shown to ``path``: a PDF (by its suffix) or else a PNG picture."""
        if path.suffix.lower() == ".pdf":
            return self._export_pdf(path)
        image = self._picture()
        if not image.save(str(path)):
            raise OSError(0, self.tr("the picture could not be written"), str(path))
        return path

    def _export_pdf(self, path: Path) -> Path:
        from desktop.reports.document import save_pdf
        from desktop.reports.timeline_pdf import community_timeline_job, office_timeline_job

        services = self.context.services
        if self.community is not None and self.stack.currentIndex() == 1:
            job = community_timeline_job(services, self.community, paper=self.paper())
        else:
            assert self.office is not None
            shown = OfficeTimeline(self.office.today, tuple(self.office_view.rows))
            district = self.query().district
            title = (
                self.tr("Timeline: district %1").replace("%1", district)
                if district
                else self.tr("Timeline of all communities")
            )
            job = office_timeline_job(services, shown, title=title, paper=self.paper())
        save_pdf(path, lambda out: job.write(out, None, None))
        job.record_export(str(path))
        return path

    def _picture(self) -> QImage:
        """The community timeline in full, or the office timeline as it is on screen."""
        if self.stack.currentIndex() == 1:
            scene = self.community_view.timeline_scene
            rect = scene.sceneRect()
            image = QImage(
                int(rect.width()) + 1, int(rect.height()) + 1, QImage.Format.Format_RGB32
            )
            image.fill(QColor("white"))
            scene.pin_titles(rect.left(), rect.right())  # the whole picture is "in view"
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            scene.render(painter, QRectF(image.rect()), rect)
            painter.end()
            self.community_view.pin_titles()
            return image
        return self.office_view.grab().toImage()
