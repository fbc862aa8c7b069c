"""A printout to make (``ReportJob``) and what every report's pages share: the office's
name and logo in the header, and the width of the text frame. The ready-made jobs for
templates, cycles and the monitoring report are in ``jobs.py``; reports of their own
(the timeline, the mentor's summary) build on this module too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from desktop.reports.document import (
    FOOTER,
    HEADER,
    MARGIN,
    Cancelled,
    PageDecoration,
    Progress,
    page_size,
)
from desktop.reports.options import Paper
from desktop.reports.styles import page_direction

if TYPE_CHECKING:  # a blank form loads no database layer
    from desktop.services.facade import Services

Write = Callable[[BinaryIO, Progress | None, Cancelled | None], None]


@dataclass(frozen=True)
class ReportJob:
    """One PDF to make: its title (for messages and file names) and how to write it."""

    title: str
    write: Write
    services: Services | None = None
    subject: str = ""
    #: the template or report id printed on every page (what the audit trail names)
    doc_id: str = ""

    def record_export(self, destination: str) -> None:
        """Note in the audit trail that this printout left the app (saved as a PDF file
        or sent to a printer). A blank template made without a database holds no data
        and has no trail to write to."""
        if self.services is None:
            return
        detail = {"title": self.title, "subject": self.subject, "destination": destination}
        self.services.audit_log.record_print(self.doc_id or self.title, detail)

    def suggested_file_name(self) -> str:
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in self.title.lower())
        return "-".join(part for part in safe.split("-") if part) + ".pdf"


def in_language(write: Write, language: str) -> Write:
    """``write`` laid out for ``language`` (right to left for Arabic)."""

    def written(out: BinaryIO, progress: Progress | None, cancelled: Cancelled | None) -> None:
        with page_direction(language):
            write(out, progress, cancelled)

    return written


def office_logo(services: Services | None) -> bytes | None:
    """The logo set in the office settings, for the page header (None for a blank form)."""
    return services.settings.office_logo() if services is not None else None


def decoration_for(
    services: Services | None, doc_id: str, version: str, title: str
) -> PageDecoration:
    office = services.settings.office_name() if services is not None else ""
    return PageDecoration(
        office_name=office, doc_id=doc_id, version=version, title=title, logo=office_logo(services)
    )


def frame_width(paper: Paper, wide: bool) -> float:
    return float(page_size(paper, wide=wide)[0] - 2 * MARGIN)


def frame_height(paper: Paper, wide: bool) -> float:
    """The height of a page's text frame (between the header and the footer)."""
    return float(page_size(paper, wide=wide)[1] - 2 * MARGIN - HEADER - FOOTER)
