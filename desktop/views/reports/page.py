"""The Reports screen: pick a template or report, set its filter, preview, save, print.

The PDF is built in a background thread (a report over many communities takes a while)
with a progress bar and a Cancel button, so the window stays responsive.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QThread
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES
from desktop.reports.document import save_pdf
from desktop.reports.job import ReportJob
from desktop.reports.jobs import cycle_job, monitoring_job, template_job
from desktop.reports.options import Paper, paper_label
from desktop.reports.registry import TEMPLATES
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.queries.reporting_monitoring import MonitoringFilter
from desktop.views.reports.builder import PdfBuilder
from desktop.views.reports.period import PeriodChooser
from desktop.views.reports.preview import PreviewPane, page_count, print_pdf
from desktop.views.shell.context import AppContext

CYCLE_REPORT = "cycle"
MONITORING_REPORT = "monitoring"


class ReportsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.pdf: bytes | None = None
        self.job: ReportJob | None = None
        self._thread: QThread | None = None
        self._builder: PdfBuilder | None = None

        self._build_choices()
        self.form = self._build_options()
        self._build_buttons()
        self._arrange()

        self._load_choices()
        self._set_busy(False)
        self._update_filters()

    # ------------------------------------------------------------------ building
    def _build_choices(self) -> None:
        """The list of what can be printed: every template, then the two reports."""
        self.choices = QListWidget()
        for spec in TEMPLATES:
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.id)
            item.setToolTip(spec.purpose)
            self.choices.addItem(item)
        for key, title in (
            (CYCLE_REPORT, self.tr("Community cycle report")),
            (MONITORING_REPORT, self.tr("Monitoring report (managers)")),
        ):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.choices.addItem(item)
        self.choices.setAccessibleName(self.tr("What to print"))
        self.choices.setCurrentRow(0)
        self.choices.currentRowChanged.connect(self._update_filters)

    def _build_options(self) -> QFormLayout:
        """Paper, language and the filters that say which records fill the report."""
        self.paper = QComboBox()
        for paper in Paper:
            self.paper.addItem(paper_label(paper), paper.value)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        office_language = self.context.services.settings.default_language()
        self.language.setCurrentIndex(max(0, self.language.findData(office_language)))
        self.language.setToolTip(
            self.tr("Language and writing direction of the printed labels and layout")
        )
        self.fill = QCheckBox(self.tr("Fill &in from a community's records"))
        self.fill.toggled.connect(self._update_filters)
        self.community = QComboBox()
        self.community.setEditable(True)
        self.community.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.community.currentIndexChanged.connect(self._load_cycles)
        self.cycle = QComboBox()
        self.district = QComboBox()
        self.facilitator = QComboBox()
        self.period = PeriodChooser(self.context.today())

        form = QFormLayout()
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.fill)
        form.addRow(self.tr("Community"), self.community)
        form.addRow(self.tr("Cycle"), self.cycle)
        form.addRow(self.tr("&District"), self.district)
        form.addRow(self.tr("Facilitator"), self.facilitator)
        form.addRow(self.tr("Pe&riod"), self.period)
        return form

    def _build_buttons(self) -> None:
        """Build, Cancel, Save and Print, with the progress bar and the status line."""
        self.build_button = QPushButton(self.tr("&Build preview"))
        self.build_button.clicked.connect(self.build)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        keep_place = self.progress.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(keep_place)
        self.progress.hide()
        self.status = QLabel(self.tr("Choose what to print, then press Build preview."))
        self.status.setWordWrap(True)

    def _arrange(self) -> None:
        """The choices and options on the left, the preview filling the rest."""
        buttons = QHBoxLayout()
        for button in (self.build_button, self.cancel_button):
            buttons.addWidget(button)
        outputs = QHBoxLayout()
        for button in (self.save_button, self.print_button):
            outputs.addWidget(button)
        left = QWidget()
        column = QVBoxLayout(left)
        choices_label = QLabel(self.tr("&What to print"))
        choices_label.setBuddy(self.choices)
        column.addWidget(choices_label)
        column.addWidget(self.choices, 1)
        column.addLayout(self.form)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addWidget(self.status)
        column.addLayout(outputs)
        self.preview = PreviewPane()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # ------------------------------------------------------------------ choices
    def _load_choices(self) -> None:
        services = self.context.services
        rows = services.list_communities(CommunityQuery(limit=None)).items
        for row in rows:
            self.community.addItem(row.name, row.id)
        self.district.addItem(self.tr("All districts"), "")
        for district in services.list_districts():
            self.district.addItem(district, district)
        self.facilitator.addItem(self.tr("All facilitators"), "")
        for user in services.users.list(
            where={"role": "facilitator"}, order_by="display_name"
        ).items:
            self.facilitator.addItem(
                user.data.display_name or user.data.username, user.data.username
            )
        self._load_cycles()

    def _load_cycles(self) -> None:
        self.cycle.clear()
        community_id = self.community.currentData()
        if community_id is None:
            return
        cycles = self.context.services.cycles.list(
            where={"community_id": community_id}, order_by="number"
        ).items
        for cycle in reversed(cycles):
            title = f" - {cycle.data.title}" if cycle.data.title else ""
            self.cycle.addItem(self.tr("Cycle {n}").format(n=cycle.data.number) + title, cycle.id)

    def chosen(self) -> str:
        item = self.choices.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _programme_form(self, kind: str) -> bool:
        """A template filled for a district or the programme and a period, not a cycle."""
        spec = next((s for s in TEMPLATES if s.id == kind), None)
        return spec is not None and not spec.one_community

    def _update_filters(self) -> None:
        kind = self.chosen()
        template = kind not in (CYCLE_REPORT, MONITORING_REPORT)
        filled = template and self.fill.isChecked()
        programme = filled and self._programme_form(kind)
        monitoring = kind == MONITORING_REPORT
        needs_cycle = kind == CYCLE_REPORT or (filled and not programme)
        self.fill.setText(
            self.tr("Fill &in for a district or the programme")
            if template and self._programme_form(kind)
            else self.tr("Fill &in from a community's records")
        )
        visible = {
            self.fill: template,
            self.community: needs_cycle,
            self.cycle: needs_cycle,
            self.district: monitoring or programme,
            self.facilitator: monitoring,
            self.period: monitoring or programme,
        }
        for widget, shown in visible.items():
            self.form.setRowVisible(widget, shown)

    # ------------------------------------------------------------------- build
    def current_job(self) -> ReportJob | None:
        kind, services = self.chosen(), self.context.services
        paper = Paper(self.paper.currentData())
        language = str(self.language.currentData())
        first, last = self.period.period()
        programme = self.fill.isChecked() and self._programme_form(kind)
        if first is not None and last is not None and first > last:
            self.status.setText(self.tr("The From date is after the To date."))
            return None
        if programme and first is None:
            self.status.setText(self.tr("Choose the quarter (or the period) the summary covers."))
            return None
        if kind == MONITORING_REPORT:
            selection = MonitoringFilter(
                district=self.district.currentData() or "",
                facilitator=self.facilitator.currentData() or "",
                date_from=first,
                date_to=last,
            )
            return monitoring_job(
                services, selection, paper=paper, today=self.context.today(), language=language
            )
        if programme:
            selection = MonitoringFilter(
                district=self.district.currentData() or "", date_from=first, date_to=last
            )
            return template_job(
                kind,
                paper=paper,
                services=services,
                selection=selection,
                language=language,
                today=self.context.today(),
            )
        cycle_id = self.cycle.currentData()
        if kind == CYCLE_REPORT or self.fill.isChecked():
            if cycle_id is None:
                self.status.setText(self.tr("Choose a community that has a cycle."))
                return None
            if kind == CYCLE_REPORT:
                return cycle_job(services, cycle_id, paper=paper, language=language)
            return template_job(
                kind,
                paper=paper,
                services=services,
                cycle_id=cycle_id,
                language=language,
                today=self.context.today(),
            )
        return template_job(kind, paper=paper, services=services, language=language)

    def build(self) -> None:
        if self._thread is not None:
            return
        job = self.current_job()
        if job is None:
            return
        self.job, self.pdf = job, None
        self.preview.clear()
        self.progress.setValue(0)
        self.status.setText(self.tr("Building…"))
        builder = PdfBuilder(job)
        thread = QThread(self)
        builder.moveToThread(thread)
        thread.started.connect(builder.run)
        builder.progress.connect(self.progress.setValue)
        builder.finished.connect(self._built)
        builder.failed.connect(self._failed)
        builder.cancelled.connect(self._cancelled)
        for signal in (builder.finished, builder.failed, builder.cancelled):
            signal.connect(thread.quit)
        thread.finished.connect(self._thread_done)
        self._thread, self._builder = thread, builder
        self._set_busy(True)
        thread.start()

    def cancel(self) -> None:
        if self._builder is not None:
            self._builder.stop.set()
            self.status.setText(self.tr("Cancelling…"))

    def is_busy(self) -> bool:
        return self._thread is not None

    def _thread_done(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread, self._builder = None, None
        self._set_busy(False)

    def _built(self, data: bytes) -> None:
        self.pdf = data
        self.progress.setValue(100)
        pages = page_count(data)
        self.preview.show_pdf(data)
        shown = len(self.preview.pages)
        note = self.tr("Pages: {pages}.").format(pages=pages)
        if shown < pages:
            note += " " + self.tr("The preview shows the first {n}.").format(n=shown)
        self.status.setText(note)

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Could not build it: {reason}").format(reason=message))

    def _cancelled(self) -> None:
        self.progress.setValue(0)
        self.status.setText(self.tr("Cancelled. Nothing was made."))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.build_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.choices.setEnabled(not busy)
        ready = not busy and self.pdf is not None
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)
        # A disabled button says why it cannot be pressed now.
        waiting = self.tr("Wait until the preview is built, or cancel it.")
        no_preview = self.tr("Build a preview first.")
        self.build_button.setToolTip(waiting if busy else "")
        self.choices.setToolTip(waiting if busy else "")
        self.cancel_button.setToolTip("" if busy else self.tr("Nothing is being built."))
        for button in (self.save_button, self.print_button):
            button.setToolTip("" if ready else waiting if busy else no_preview)

    # ------------------------------------------------------------ save, print
    def save(self) -> None:
        if self.pdf is None or self.job is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), self.job.suggested_file_name(), self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> bool:
        data, job = self.pdf, self.job
        if data is None or job is None:
            return False
        try:
            save_pdf(path, lambda out: out.write(data))
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("The PDF could not be saved: {reason}").format(
                    reason=error.strerror or error
                ),
            )
            return False
        job.record_export(path)
        self.status.setText(self.tr("Saved to {path}").format(path=path))
        return True

    def print_(self) -> None:
        if self.pdf is None or self.job is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.pdf, printer)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Not printed"), str(error))
            return
        self.job.record_export(self.tr("printer {name}").format(name=printer.printerName()))
        self.status.setText(self.tr("Sent to the printer."))
