"""Paragraph styles of every printed page, and one way to turn any text into a flowable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from xml.sax.saxutils import escape, unescape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from desktop.i18n import RIGHT_TO_LEFT_LANGUAGES, using_language
from desktop.reports.bidi_text import BidiText, has_rtl
from desktop.reports.fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e4e7eb")
ACCENT = colors.HexColor("#1d5b79")


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    label: ParagraphStyle


def _style(name: str, font: str, size: float, **extra: object) -> ParagraphStyle:
    options: dict[str, object] = {"textColor": INK, "leading": size * 1.3}
    options.update(extra)
    return ParagraphStyle(name, fontName=font, fontSize=size, **options)


def make_styles() -> Styles:
    register_fonts()
    return Styles(
        cover_title=_style("cover", SANS_BOLD, 22, spaceAfter=10, textColor=ACCENT),
        title=_style("title", SANS_BOLD, 15, spaceAfter=4, textColor=ACCENT),
        h1=_style("h1", SANS_BOLD, 12.5, spaceBefore=10, spaceAfter=4, textColor=ACCENT),
        h2=_style("h2", SANS_BOLD, 10.5, spaceBefore=8, spaceAfter=3),
        body=_style("body", SANS, 9.5, spaceAfter=4),
        muted=_style("muted", SANS_ITALIC, 8.5, textColor=MUTED, spaceAfter=4),
        cell=_style("cell", SANS, 8.5),
        cell_bold=_style("cell_bold", SANS_BOLD, 8.5),
        cell_center=_style("cell_center", SANS, 8.5, alignment=TA_CENTER),
        label=_style("label", SANS_BOLD, 8, textColor=MUTED),
    )


STYLES = make_styles()

_RIGHT_TO_LEFT: ContextVar[bool] = ContextVar("right_to_left", default=False)
_LANGUAGE: ContextVar[str] = ContextVar("page_language", default="en")
_RIGHT_ALIGNED: dict[str, ParagraphStyle] = {}


@contextmanager
def page_direction(language: str) -> Iterator[None]:
    """Lay out what is built inside for ``language``: for a right-to-left language,
    tables mirror their columns and text and headings align right."""
    token = _RIGHT_TO_LEFT.set(language in RIGHT_TO_LEFT_LANGUAGES)
    language_token = _LANGUAGE.set(language)
    try:
        with using_language(language):
            yield
    finally:
        _LANGUAGE.reset(language_token)
        _RIGHT_TO_LEFT.reset(token)


def page_language() -> str:
    """The language of the page being built (a BCP 47 code), written into the PDF so a
    screen reader reads it with the right voice."""
    return _LANGUAGE.get()


def right_to_left() -> bool:
    """Whether the page being built reads from right to left."""
    return _RIGHT_TO_LEFT.get()


def directed(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` as the page direction wants it: left-aligned text aligns right on a
    right-to-left page."""
    if not right_to_left() or style.alignment != TA_LEFT:
        return style
    if style.name not in _RIGHT_ALIGNED:
        _RIGHT_ALIGNED[style.name] = style.clone(f"{style.name}_rtl", alignment=TA_RIGHT)
    return _RIGHT_ALIGNED[style.name]


def text(value: object, style: ParagraphStyle | None = None) -> Flowable:
    """Any text as a wrapping flowable: escaped, line breaks kept, Arabic shaped and reordered."""
    chosen = directed(style or STYLES.body)
    plain = "" if value is None else str(value)
    if has_rtl(plain):
        return BidiText(plain, chosen)
    return Paragraph(escape(plain).replace("\n", "<br/>"), chosen)


class HeadingLine(Flowable):  # type: ignore[misc]
    """A short heading of plain text, drawn as one line of text when it fits: a paragraph
    costs far more to parse, lay out and draw, and a long report has thousands of them.
    Text that does not fit the width becomes a wrapping paragraph after all."""

    def __init__(self, value: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.value, self.style = value, directed(style)
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._paragraph: Flowable | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.style
        if (
            self._paragraph is None
            and not has_rtl(self.value)  # Arabic is shaped, in its own font, by text()
            and stringWidth(self.value, style.fontName, style.fontSize) <= availWidth
        ):
            self.width, self.height = availWidth, style.leading
            return self.width, self.height
        if self._paragraph is None:
            self._paragraph = text(self.value, style)
        self.width, self.height = self._paragraph.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._paragraph is None:
            return []
        return list(self._paragraph.split(availWidth, availHeight))

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        canvas, style = self.canv, self.style
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        if style.alignment == TA_RIGHT:
            canvas.drawRightString(self.width, self.height - style.fontSize, self.value)
        else:
            canvas.drawString(0, self.height - style.fontSize, self.value)


def heading(value: str, style: ParagraphStyle) -> Flowable:
    """A heading (one line when it fits); Arabic and multi-line text go through :func:`text`."""
    if has_rtl(value) or "\n" in value:
        return text(value, style)
    return HeadingLine(value, style)


def rich(markup: str, style: ParagraphStyle | None = None) -> Flowable:
    """A paragraph of the app's own wording, which may use <b>/<i> markup (never user text).
    Translated into Arabic it is shaped and ordered in the Arabic font, without the markup
    (Arabic has no italic, and a Latin font's boxes are worse than plain words)."""
    if has_rtl(markup):
        plain = re.sub(r"<[^>]+>", "", markup)
        return BidiText(unescape(plain), directed(style or STYLES.body))
    return Paragraph(markup, directed(style or STYLES.body))
