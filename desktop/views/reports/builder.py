"""Building a report's PDF off the GUI thread, so the window stays responsive while a
report over many communities is written: progress as it goes, Cancel between steps."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from desktop.reports.document import BuildCancelled, pdf_bytes
from desktop.reports.job import ReportJob


class PdfBuilder(QObject):
    """Runs one job in a worker thread; reports progress, the PDF, or why it failed."""

    progress = Signal(int)
    finished = Signal(bytes)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: ReportJob) -> None:
        super().__init__()
        self.job = job
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            data = pdf_bytes(
                lambda out: self.job.write(
                    out, lambda f: self.progress.emit(int(f * 100)), self.stop.is_set
                )
            )
        except BuildCancelled:
            self.cancelled.emit()
        except Exception as error:  # shown to the person; the app keeps running
            self.failed.emit(str(error) or type(error).__name__)
        else:
            self.finished.emit(data)
