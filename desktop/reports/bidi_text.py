"""Text with right-to-left script (Arabic): shaped, reordered line by line, wrapped, split.

ReportLab's own paragraph lays text out left to right. For text holding Arabic letters
this flowable takes over: the letters are joined into their contextual forms
(``arabic_reshaper``), the words are wrapped into lines in reading order, and then each
line - not the whole paragraph, or a long paragraph's lines would come out in reverse
order - is put into display order with the Unicode bidirectional algorithm
(``python-bidi``). Runs of Arabic script are drawn with the Arabic font, other runs with
the Latin one. Lines split over pages and table rows like a paragraph's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desktop.reports.fonts import arabic_font

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ARABIC_RUN = re.compile("([\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+)")
# Unicode's directional isolates (FSI, LRI, RLI, PDI): they order a name inside a sentence
# of the other direction, and are left out of what is drawn (the fonts have no glyph).
_NO_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))
_NO_EMBEDDINGS = dict.fromkeys(range(0x202A, 0x202F))
_STRONG_LTR = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u04ff]")


def has_rtl(text: str) -> bool:
    """Whether the text holds right-to-left letters (and needs this flowable)."""
    return _RTL.search(text) is not None


def _starts_rtl(text: str) -> bool:
    """Whether the first strong letter is right-to-left (the paragraph's direction)."""
    rtl, ltr = _RTL.search(text), _STRONG_LTR.search(text)
    return rtl is not None and (ltr is None or rtl.start() < ltr.start())


def _in_runs(visual: str, latin: str, arabic: str) -> Iterator[tuple[str, str]]:
    """The runs of ``visual`` in one script each, with the font that draws them."""
    for part in _ARABIC_RUN.split(visual):
        if part:
            yield part, arabic if _ARABIC_RUN.fullmatch(part) else latin


@lru_cache(maxsize=1 << 14)
def _measure(visual: str, latin: str, arabic: str, size: float) -> float:
    """The width of ``visual``, each run in its font."""
    return float(
        sum(stringWidth(part, font, size) for part, font in _in_runs(visual, latin, arabic))
    )


@lru_cache(maxsize=1 << 12)
def _wrapped(text: str, latin: str, arabic: str, size: float, width: float) -> tuple[str, ...]:
    """``text`` in lines of at most ``width`` points (:meth:`BidiText._wrap_anew`)."""
    style = ParagraphStyle("measure", fontName=latin, fontSize=size)
    return tuple(BidiText(text, style)._wrap_anew(width))


class BidiText(Flowable):  # type: ignore[misc]
    """A paragraph of plain text that may hold Arabic; aligned to its reading direction."""

    def __init__(self, text: str, style: ParagraphStyle, *, lines: list[str] | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self.rtl = _starts_rtl(text)
        self._fixed = lines is not None  # lines made by split(): already wrapped
        self._lines: list[str] = lines or []
        self._wrapped_for: float | None = None
        self._width = 0.0

    # ------------------------------------------------------------------ layout
    def _fonts(self) -> tuple[str, str]:
        return self.style.fontName, arabic_font(self.style.fontName)

    def _runs(self, visual: str) -> Iterator[tuple[str, str]]:
        latin, arabic = self._fonts()
        return _in_runs(visual, latin, arabic)

    def natural_width(self) -> float:
        """The width of the longest line if nothing had to wrap."""
        return max((self.measure(line) for line in self._wrap_lines(float("inf"))), default=0.0)

    def measure(self, visual: str) -> float:
        latin, arabic = self._fonts()
        return _measure(visual, latin, arabic, self.style.fontSize)

    def _wrap_lines(self, width: float) -> list[str]:
        """The shaped text in lines of at most ``width`` (the same text recurs in a
        report, a community's name on its page and in the lists: it is wrapped once)."""
        latin, arabic = self._fonts()
        return list(_wrapped(self.text, latin, arabic, self.style.fontSize, width))

    def _wrap_anew(self, width: float) -> list[str]:
        """The shaped text in lines of at most ``width``, each word measured once (a line
        is as wide as its words and the spaces between them)."""
        space = self.measure(" ")
        lines: list[str] = []
        for block in self.text.split("\n"):
            shaped = arabic_reshaper.reshape(block)
            current: list[str] = []
            used = 0.0
            for word in shaped.split():
                wide = self.measure(word)
                if current and used + space + wide > width:
                    lines.append(_displayed(" ".join(current)))
                    current, used = [word], wide
                else:
                    used += (space if current else 0.0) + wide
                    current.append(word)
            lines.append(_displayed(" ".join(current)))
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if not self._fixed and self._wrapped_for != availWidth:
            self._lines = self._wrap_lines(availWidth)
            self._wrapped_for = availWidth
        self.width = self._width = availWidth
        self.height = len(self._lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fits = int(availHeight // self.style.leading)
        if fits < 1 or fits >= len(self._lines):
            return [] if fits < 1 else [self]
        head = BidiText(self.text, self.style, lines=self._lines[:fits])
        tail = BidiText(self.text, self.style, lines=self._lines[fits:])
        return [head, tail]

    def draw(self) -> None:
        """Every line in one text object: each run in its font, one after the other (a
        text object per run costs far more in a report of a thousand pages)."""
        size, leading = self.style.fontSize, self.style.leading
        text = self.canv.beginText()
        text.setFillColor(self.style.textColor)
        y = self.height - size
        for line in self._lines:
            line_width = self.measure(line)
            if self.style.alignment == TA_CENTER:
                x = (self._width - line_width) / 2
            elif self.rtl or self.style.alignment == TA_RIGHT:
                x = self._width - line_width
            else:
                x = 0.0
            text.setTextOrigin(x, y)
            for part, font in self._runs(line):
                text.setFont(font, size)
                text.textOut(part)
            y -= leading
        self.canv.drawText(text)


_ISOLATED = re.compile("\u2068([^\u2068\u2069]*)\u2069")


def _embedded(match: re.Match[str]) -> str:
    """An isolated run as an embedding, which python-bidi knows (it refuses isolates):
    left to right or right to left after its first strong letter, as FSI would."""
    inner = match.group(1)
    return ("\u202b" if _starts_rtl(inner) else "\u202a") + inner + "\u202c"


def _displayed(logical: str) -> str:
    """A line in display order, the isolates having done their work."""
    embedded = _ISOLATED.sub(_embedded, logical).translate(_NO_ISOLATES)
    return str(get_display(embedded)).translate(_NO_EMBEDDINGS)


def visual_runs(text: str, latin_font: str) -> list[tuple[str, str]]:
    """One line of text as drawn: shaped and put in display order when it holds Arabic,
    in runs each with the font that has its letters."""
    if not has_rtl(text):
        return [(text.translate(_NO_ISOLATES), latin_font)]
    visual = _displayed(arabic_reshaper.reshape(text))
    arabic = arabic_font(latin_font)
    return [
        (part, arabic if _ARABIC_RUN.fullmatch(part) else latin_font)
        for part in _ARABIC_RUN.split(visual)
        if part
    ]


def line_width(text: str, font: str, size: float) -> float:
    """How wide :func:`draw_line` draws ``text``."""
    return float(sum(stringWidth(part, face, size) for part, face in visual_runs(text, font)))


def draw_line(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, anchor: str = "start"
) -> float:
    """Draw one line of text on a canvas, Arabic shaped and ordered and in a font that has
    it (a bare ``drawString`` in the Latin font prints empty boxes for Arabic). ``anchor``:
    x is where the text starts ("start"), ends ("end") or its middle ("middle"). The width
    drawn."""
    runs = visual_runs(text, font)
    width = float(sum(stringWidth(part, face, size) for part, face in runs))
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    out = canvas.beginText()
    out.setTextOrigin(left, y)
    for part, face in runs:
        out.setFont(face, size)
        out.textOut(part)
    canvas.drawText(out)
    return width
