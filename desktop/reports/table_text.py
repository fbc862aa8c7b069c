"""Tables that write their plain-text cells cheaply: the same text at the same places.

ReportLab draws each line of a plain-text cell with ``drawString``, which makes a text
object per line, measures the line (to return a width nobody uses on the left) and
writes the font and size again each time. A report of a thousand pages has a hundred
thousand such lines. :class:`TextTable` writes the lines of consecutive plain-text cells
into one text object instead: each line still placed at the very point ``drawString``
would place it, with the very operators ``drawString`` writes for it, in the same font,
size and colour, so the printed page is the same. A line's operators are worked out once
per document (figures such as "0" or "2 of 3" recur on every page). Cells holding
flowables, and the table's rules, are drawn by ReportLab as before (the text object is
closed first, as text objects cannot hold other drawing).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Table

#: Cell alignments whose lines this table places itself (the others go to ReportLab).
_ALIGNED = frozenset({"LEFT", "RIGHT"})


class TextTable(Table):  # type: ignore[misc]
    """A :class:`Table` whose plain-text cells share one text object per run of cells."""

    _text: list[str] | None = None  # the open text object's operators, if any
    _subset: tuple[str, int] | None = None  # the font subset the text object is set to
    _curcellstyle: Any  # the cell style the canvas is set for (ReportLab's own)

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        if not _plain(cellval, cellstyle):
            self._close_text()
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        self._take_style(cellstyle)
        colpos, rowpos = pos
        colwidth, rowheight = size
        lines = cellval.split("\n")
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        valign = cellstyle.valign
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - fontsize
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:  # MIDDLE, as ReportLab places it
            y = (
                rowpos
                + (
                    cellstyle.bottomPadding
                    + rowheight
                    - cellstyle.topPadding
                    + len(lines) * leading
                )
                / 2.0
                - fontsize
            )
        right = cellstyle.alignment == "RIGHT"
        x = colpos + colwidth - cellstyle.rightPadding if right else colpos + cellstyle.leftPadding
        code = self._text
        if code is None:
            code = self._text = ["BT", "1 0 0 1 0 0 Tm"]  # as a new text object starts
            self._subset = None
        pieces = _pieces(self.canv)
        font, size_and_leading = cellstyle.fontname, _size_and_leading(fontsize, leading)
        for line in lines:
            start = x - stringWidth(line, font, fontsize) if right else x
            code.append(f"1 0 0 1 {_number(start)} {_number(y)} Tm")
            known = pieces.get((font, line))
            if known is None:
                known = pieces[(font, line)] = _split(self.canv, font, line)
            for subset, name, escaped in known:
                if self._subset != (font, subset):
                    code.append(f"{name} {size_and_leading}")
                    self._subset = (font, subset)
                code.append(f"({escaped}) Tj")
            code.append("T*")
            y -= leading

    def _take_style(self, cellstyle: Any) -> None:
        """Set the canvas's colour and font for ``cellstyle`` as ReportLab does (outside
        any text object)."""
        current = self._curcellstyle
        if current is cellstyle:
            return
        colour = current is None or cellstyle.color != current.color
        font = current is None or (
            cellstyle.leading != current.leading
            or cellstyle.fontname != current.fontname
            or cellstyle.fontsize != current.fontsize
        )
        if colour or font:
            self._close_text()
        if colour:
            self.canv.setFillColor(cellstyle.color)
        if font:
            self.canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
        self._curcellstyle = cellstyle

    def _close_text(self) -> None:
        if self._text is not None:
            self._text.append("ET")
            self.canv._code.append(" ".join(self._text))
            self._text = None

    def _drawLines(self) -> None:
        self._close_text()  # the rules are drawn over the text, as before
        super()._drawLines()


@lru_cache(maxsize=1 << 16)
def _number(value: float) -> str:
    """A coordinate as ReportLab writes it (column and row positions recur on every page)."""
    return str(fp_str(value))


@lru_cache(maxsize=64)
def _size_and_leading(size: float, leading: float) -> str:
    return f"{fp_str(size)} Tf {fp_str(leading)} TL"


@lru_cache(maxsize=1 << 16)
def _word_width(word: str, font: str, size: float) -> float:
    return float(stringWidth(word, font, size))


def split_lines(value: str, font: str, size: float, room: float) -> list[str]:
    """``value`` in lines of at most ``room`` points, exactly as ReportLab's
    ``simpleSplit`` breaks it (words joined by one space, a word too long for a line on
    a line of its own), each word measured once per font and size, not once per cell."""
    space = _word_width(" ", font, size)
    lines: list[str] = []
    for block in value.split("\n"):
        current: list[str] = []
        used = -space
        for word in block.split():
            wide = _word_width(word, font, size)
            if used + space + wide <= room or not current:
                current.append(word)
                used = used + space + wide
            else:
                lines.append(" ".join(current))
                current, used = [word], wide
        if current:
            lines.append(" ".join(current))
    return lines


Piece = tuple[int, str, str]  # a font subset, its name in the PDF, the escaped text


def _pieces(canvas: Any) -> dict[tuple[str, str], list[Piece]]:
    """The operators of each line written so far in the canvas's document, by font."""
    found: dict[tuple[str, str], list[Piece]] | None = getattr(canvas, "_line_pieces", None)
    if found is None:
        found = canvas._line_pieces = {}
    return found


def _split(canvas: Any, font_name: str, line: str) -> list[Piece]:
    """``line`` in the font's subsets, as ReportLab's text object splits and escapes it
    (which also asks the document to embed its glyphs)."""
    font, doc = getFont(font_name), canvas._doc
    return [
        (subset, font.getSubsetInternalName(subset, doc), canvas._escape(part))
        for subset, part in font.splitString(line, doc)
    ]


def _plain(cellval: Any, cellstyle: Any) -> bool:
    """Whether the table can place the cell's lines itself: a plain string in an embedded
    TrueType font, aligned left or right, with nothing else asked of it."""
    return (
        type(cellval) is str
        and cellstyle.alignment in _ALIGNED
        and not (cellstyle.direction or cellstyle.shaping)
        and not (cellstyle.href or cellstyle.destination)
        and getFont(cellstyle.fontname)._dynamicFont
    )
