"""Flags on paper: the attention mark (a disc with "!", as on the screens) beside the words
of :func:`desktop.services.queries.attention.flag_words`, never a colour alone.

``FlagNote`` is one flag (or one overdue item) as a line of words after the mark;
``attention_rows`` makes the rows of a "Needs attention" table (community, why, since),
used by the monitoring report's first page and after the printed office timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desktop.i18n import _
from desktop.reports.bidi_text import has_rtl
from desktop.reports.fonts import SANS_BOLD
from desktop.reports.styles import STYLES, right_to_left, text
from desktop.services.queries.attention import (
    MARK,
    CommunityAttention,
    Flag,
    flag_words,
    short_words,
)
from desktop.services.queries.palette import OVERDUE_COLOUR

MARK_SIZE = 8.0  # the disc's diameter, in points
MARK_ROOM = 12.0  # the disc and the gap before the words


def draw_mark(c: Canvas, x: float, y: float, size: float = MARK_SIZE) -> None:
    """The attention mark centred on (x, y): a red disc with a white "!" (the "!" and the
    disc's shape carry the meaning for anyone who cannot tell the red)."""
    c.saveState()
    c.setFillColor(colors.HexColor(OVERDUE_COLOUR))
    c.setStrokeColor(colors.white)
    c.circle(x, y, size / 2, fill=1, stroke=0)
    c.setFillColor(colors.white)
    c.setFont(SANS_BOLD, size * 0.82)
    c.drawCentredString(x, y - size * 0.29, MARK)
    c.restoreState()


class FlagNote(Flowable):  # type: ignore[misc]
    """The mark, then words that wrap beside it (on the right-hand side on a right-to-left
    page). Cheap enough for a thousand-page report: one paragraph and one small disc."""

    def __init__(self, words: str, style: ParagraphStyle | None = None) -> None:
        super().__init__()
        self.style = style or STYLES.cell
        self.text = words
        self.words: Flowable | None = None  # a paragraph, made only when the words wrap
        self.rtl = right_to_left()
        self._one_line = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.style
        # words that fit one line, left to right, are drawn as a string: no paragraph
        self._one_line = (
            not self.rtl
            and not has_rtl(self.text)
            and stringWidth(self.text, style.fontName, style.fontSize) <= availWidth - MARK_ROOM
        )
        if self._one_line:
            height = style.leading
        else:
            self.words = self.words or text(self.text, style)
            height = self.words.wrap(availWidth - MARK_ROOM, availHeight)[1]
        self.width, self.height = availWidth, max(height, MARK_SIZE + 2)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # a flag's words are short: they move to the next page whole

    def draw(self) -> None:
        leading = float(self.style.leading)
        centre_y = self.height - leading / 2 - 0.5
        words_x = 0.0 if self.rtl else MARK_ROOM
        mark_x = self.width - MARK_SIZE / 2 - 1 if self.rtl else MARK_SIZE / 2 + 1
        draw_mark(self.canv, mark_x, centre_y)
        if self._one_line:
            self.canv.setFont(self.style.fontName, self.style.fontSize)
            self.canv.setFillColor(self.style.textColor)
            self.canv.drawString(words_x, self.height - self.style.fontSize, self.text)
        elif self.words is not None:
            self.words.drawOn(self.canv, words_x, self.height - self.words.height)


def flag_notes(
    flags: Sequence[Flag], today: date, *, names: bool = False, style: ParagraphStyle | None = None
) -> list[Flowable]:
    """One :class:`FlagNote` per flag, in the order the flags come."""
    return [FlagNote(flag_words(flag, today, names=names), style) for flag in flags]


def attention_header() -> list[str]:
    return [_("Community"), _("Why it needs attention"), _("Since")]


def attention_rows(
    items: Sequence[CommunityAttention], today: date, *, short: bool = False
) -> list[list[object]]:
    """Community (and district), each flag with its mark (or, ``short``, the flags in a
    few words after one mark), and since when: one row each."""
    return [
        [
            f"{item.name}\n{item.district}" if item.district else item.name,
            [FlagNote("; ".join(short_words(f, today) for f in item.flags))]
            if short
            else flag_notes(item.flags, today),
            item.since.isoformat(),
        ]
        for item in items
    ]


def attention_widths(width: float) -> list[float]:
    return [width * 0.3, width * 0.56, width * 0.14]
