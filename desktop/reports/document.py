"""Page decoration and PDF building shared by every template and report.

``render_pdf(story, decoration, paper=..., out=...)`` lays out a story of flowables on
pages that all carry the office name (and logo), the document's id and version, a
confidentiality footer and "page X of Y". Sections made with :func:`section` become
PDF bookmarks, and a :class:`Contents` list shows their page numbers. Page totals and
contents numbers are written when the document is saved (pages are kept until then),
so one layout pass is enough. ``save_pdf`` writes a file atomically: a failed or
cancelled build leaves no partial file.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A3, A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Paragraph

from desktop import APP_NAME
from desktop.i18n import _
from desktop.reports.bidi_text import draw_line, has_rtl
from desktop.reports.fonts import SANS, SANS_BOLD
from desktop.reports.keeping import keep_headings
from desktop.reports.options import Paper
from desktop.reports.page_identity import draw_line_text as _draw_line_text
from desktop.reports.page_identity import page_templates
from desktop.reports.styles import (
    MUTED,
    RULE,
    STYLES,
    directed,
    heading,
    page_language,
    right_to_left,
    text,
)

MARGIN = 15 * mm
HEADER = 14 * mm
FOOTER = 13 * mm

Progress = Callable[[float], None]

# Page streams are compressed; wrapping them in ASCII85 as well would only make files a
# quarter larger and cost time on every page.
rl_config.useA85 = 0
Cancelled = Callable[[], bool]


PAPER_SIZES: dict[Paper, tuple[float, float]] = {Paper.A4: A4, Paper.A3: A3, Paper.LETTER: LETTER}


class BuildCancelled(Exception):
    """The person cancelled the build; nothing was written."""


@dataclass(frozen=True)
class PageDecoration:
    """What every page of one document shows around its content."""

    office_name: str
    doc_id: str
    version: str
    title: str
    logo: bytes | None = None
    confidentiality: str = ""
    #: community, cycle and date on every page after the first (``page_identity``)
    identity: tuple[tuple[str, str], ...] = ()

    def subject(self) -> str:
        """What the document is, for the PDF's properties (read by screen readers and
        file managers): its title, id and version."""
        return _("{title} ({id}, version {version})").format(
            title=self.title, id=self.doc_id, version=self.version
        )

    def footer_note(self) -> str:
        return self.confidentiality or _(
            "Confidential: information about children and their community. Keep it locked "
            "away, share it only with people who work on this programme, destroy spare copies."
        )


def page_size(paper: Paper | str, *, wide: bool = False) -> tuple[float, float]:
    size = PAPER_SIZES[Paper(paper)]
    return landscape(size) if wide else size


# --- sections, bookmarks and contents ----------------------------------------------------


def section(title: str, key: str, level: int = 0) -> Flowable:
    """A heading that becomes a PDF bookmark and an entry of the contents."""
    flowable = heading(title, STYLES.h1 if level == 0 else STYLES.h2)
    flowable.bookmark = (key, title, level)
    return flowable


class Contents(Flowable):  # type: ignore[misc]
    """A table of contents for sections known in advance; page numbers filled in at save."""

    ROW = 15.0

    def __init__(self, entries: Sequence[tuple[str, str, int]]) -> None:
        super().__init__()
        self.entries = list(entries)  # (key, title, level)
        self.rtl = right_to_left()  # titles on the right, page numbers on the left

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.ROW * len(self.entries)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fits = int(availHeight // self.ROW)
        if fits >= len(self.entries):
            return [self]
        if fits < 1:
            return []
        head, tail = Contents(self.entries[:fits]), Contents(self.entries[fits:])
        head.rtl = tail.rtl = self.rtl
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height - self.ROW + 4
        slots = getattr(canvas, "contents_slots", None)
        for key, title, level in self.entries:
            indent = 14.0 * level
            font = SANS_BOLD if level == 0 else SANS
            size = 9.5 if level == 0 else 9
            canvas.setFillColor(STYLES.body.textColor)
            shown = _shorten(title, 90)
            canvas.setStrokeColor(RULE)
            canvas.setDash(1, 2)
            if self.rtl:
                length = draw_line(canvas, self.width - indent, y, shown, font, size, "end")
                canvas.line(30, y, self.width - indent - length - 4, y)
            else:
                length = draw_line(canvas, indent, y, shown, font, size)
                canvas.line(indent + length + 4, y, self.width - 30, y)
            canvas.setDash()
            if slots is not None:
                x, y_abs = canvas.absolutePosition(20 if self.rtl else self.width, y)
                slots.append((canvas.getPageNumber(), key, x, y_abs))
            y -= self.ROW


def _shorten(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- the canvas that keeps pages until it knows how many there are --------------------


class _DeferredCanvas(Canvas):  # type: ignore[misc]
    decoration: PageDecoration

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Start pages in the embedded font, not ReportLab's default (unembedded Helvetica).
        kwargs.setdefault("initialFontName", SANS)
        super().__init__(*args, **kwargs)
        self._kept: list[dict[str, Any]] = []
        self.contents_slots: list[tuple[int, str, float, float]] = []
        self.section_pages: dict[str, int] = {}
        self._bookmarks: list[tuple[int, str]] = []

    def bookmarkPage(self, key: str, **options: Any) -> None:
        """Remember the bookmark; it is made when its page is written (in :meth:`save`),
        so that it points at that page and not at the first one."""
        self._bookmarks.append((self.getPageNumber(), key))

    def showPage(self) -> None:
        self._kept.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._kept)
        slots, pages = self.contents_slots, self.section_pages
        bookmarks: dict[int, list[str]] = {}  # by page: a thousand pages, a thousand marks
        for page, key in self._bookmarks:
            bookmarks.setdefault(page, []).append(key)
        for state in self._kept:
            self.__dict__.update(state)
            number = self.getPageNumber()
            for key in bookmarks.get(number, ()):
                Canvas.bookmarkPage(self, key, fit="XYZ")
            self._page_total(number, total)
            for page, key, x, y in slots:
                if page == number and key in pages:
                    self.setFont(SANS, 9)
                    self.drawRightString(x, y, str(pages[key]))
            Canvas.showPage(self)
        Canvas.save(self)

    def _page_total(self, number: int, total: int) -> None:
        width, _height = self._pagesize
        self.setFillColor(MUTED)
        label = _("Page {page} of {total}").format(page=number, total=total)
        # the page number on the side a reader turns the page: right, or left in Arabic
        if right_to_left():
            draw_line(self, MARGIN, MARGIN - 3 * mm, label, SANS, 7.5)
        else:
            draw_line(self, width - MARGIN, MARGIN - 3 * mm, label, SANS, 7.5, "end")


DECORATION_FORM = "clcp-page-decoration"


def _draw_decoration(canvas: Canvas, doc: _Document) -> None:
    """Every page shows the same decoration: it is drawn once, as a reusable form, and
    each page only refers to it (the page number is added when the document is saved)."""
    if not doc.decoration_drawn:
        canvas.beginForm(DECORATION_FORM)
        _draw_decoration_once(canvas, doc)
        canvas.endForm()
        doc.decoration_drawn = True
    canvas.doForm(DECORATION_FORM)


def _draw_decoration_once(canvas: Canvas, doc: _Document) -> None:
    decoration: PageDecoration = doc.decoration
    width, height = doc.pagesize
    canvas.saveState()
    top = height - MARGIN
    rtl = right_to_left()  # the office on the reading side: left, or right
    start, end = (width - MARGIN, MARGIN) if rtl else (MARGIN, width - MARGIN)
    x = start
    if decoration.logo:
        try:
            image = ImageReader(io.BytesIO(decoration.logo))
            iw, ih = image.getSize()
            h = 9 * mm
            w = h * iw / ih if ih else h
            left = x - w if rtl else x
            canvas.drawImage(image, left, top - h + 2 * mm, width=w, height=h, mask="auto")
            x += -(w + 3 * mm) if rtl else w + 3 * mm
        except (OSError, ValueError):
            pass  # an unreadable logo is left out, the page still prints
    office = decoration.office_name or _("Field office")
    _draw_line_text(canvas, office, SANS_BOLD, 9, x, top - 3 * mm, right=rtl)
    _draw_line_text(canvas, decoration.title, SANS, 8, end, top - 3 * mm, right=not rtl)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, top - HEADER + 6 * mm, width - MARGIN, top - HEADER + 6 * mm)
    canvas.line(MARGIN, MARGIN + FOOTER - 5 * mm, width - MARGIN, MARGIN + FOOTER - 5 * mm)
    ident = f"{decoration.doc_id} · v{decoration.version}"
    canvas.setFillColor(MUTED)
    if rtl:
        draw_line(canvas, width - MARGIN, MARGIN - 3 * mm, ident, SANS_BOLD, 7.5, "end")
    else:
        draw_line(canvas, MARGIN, MARGIN - 3 * mm, ident, SANS_BOLD, 7.5)
    note, note_height = doc.footer_note()
    note.drawOn(canvas, MARGIN, MARGIN + FOOTER - 5.5 * mm - note_height)
    canvas.restoreState()


class _Document(BaseDocTemplate):  # type: ignore[misc]
    def __init__(
        self,
        out: BinaryIO,
        decoration: PageDecoration,
        size: tuple[float, float],
        progress: Progress | None,
        cancelled: Cancelled | None,
        steps: int,
    ) -> None:
        super().__init__(
            out,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER,
            bottomMargin=MARGIN + FOOTER,
            title=decoration.title,
            author=decoration.office_name or APP_NAME,
            subject=decoration.subject(),
            creator=APP_NAME,
            lang=page_language(),
            initialFontName=SANS,
            initialFontSize=9,
        )
        self.decoration = decoration
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(page_templates(frame, decoration.identity, _draw_decoration))
        self._progress, self._cancelled = progress, cancelled
        self._steps, self._done = max(1, steps), 0
        self._footer: tuple[Flowable, float] | None = None
        self.decoration_drawn = False

    def footer_note(self) -> tuple[Flowable, float]:
        """The confidentiality note and its height, laid out once for every page."""
        if self._footer is None:
            style = STYLES.muted.clone("footer", fontSize=7.5, leading=9)
            words = self.decoration.footer_note()
            note = (
                text(words, directed(style)) if has_rtl(words) else Paragraph(_escape(words), style)
            )
            _width, height = note.wrap(self.pagesize[0] - 2 * MARGIN, FOOTER)
            self._footer = (note, height)
        return self._footer

    def afterFlowable(self, flowable: Flowable) -> None:
        bookmark = getattr(flowable, "bookmark", None)
        if bookmark is not None:
            key, title, level = bookmark
            canvas = self.canv
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(title, key, level=level, closed=level > 0)
            canvas.section_pages[key] = canvas.getPageNumber()
        self._done += 1
        if self._cancelled is not None and self._cancelled():
            raise BuildCancelled
        if self._progress is not None and self._done % 20 == 0:
            self._progress(min(1.0, self._done / self._steps))


def render_pdf(
    story: list[Flowable],
    decoration: PageDecoration,
    out: BinaryIO,
    *,
    paper: Paper | str = Paper.A4,
    wide: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Lay ``story`` out on decorated pages and write the PDF to ``out``; no heading is
    left at the foot of a page (:func:`keep_headings`)."""
    size = page_size(paper, wide=wide)
    story = keep_headings(story, size[0] - 2 * MARGIN)
    doc = _Document(out, decoration, size, progress, cancelled, len(story))
    doc.build(story, canvasmaker=_DeferredCanvas)
    if progress is not None:
        progress(1.0)


def save_pdf(path: Path | str, write: Callable[[BinaryIO], object]) -> Path:
    """Run ``write`` into a temporary file beside ``path``, then move it into place.

    If ``write`` fails (or is cancelled) the temporary file is removed and an existing
    file at ``path`` is left as it was.
    """
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=".clcp-", suffix=".pdf.part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def pdf_bytes(write: Callable[[BinaryIO], None]) -> bytes:
    """The PDF ``write`` produces, in memory (for the preview and for printing)."""
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()
