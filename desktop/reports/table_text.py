"""Tables that write their plain-text cells cheaply: the same text at the same places.

ReportLab draws each line of a plain-text cell with ``drawString``, which makes a text
object per line, measures the line (to return a width nobody uses on the left) and
writes the font and size again each time. A report of a thousand pages has a hundred
thousand such lines. :class:`TextTable` writes the lines of consecutive plain-text cells
into one text object instead: each line still placed at the very point ``drawString``
would place it, in the same font, size and colour, so the printed page is the same.
Cells holding flowables, and the table's rules, are drawn by ReportLab as before (the
text object is closed first, as text objects cannot hold other drawing).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Table

#: Cell alignments whose lines this table places itself (the others go to ReportLab).
_ALIGNED = frozenset({"LEFT", "RIGHT"})


class TextTable(Table):  # type: ignore[misc]
    """A :class:`Table` whose plain-text cells share one text object per run of cells."""

    _text: Any = None  # the open text object, if any
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
        text = self._text
        if text is None:
            text = self._text = self.canv.beginText()
        for line in lines:
            start = x - stringWidth(line, cellstyle.fontname, fontsize) if right else x
            text.setTextOrigin(start, y)
            text.textLine(line)
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
            self.canv.drawText(self._text)
            self._text = None

    def _drawLines(self) -> None:
        self._close_text()  # the rules are drawn over the text, as before
        super()._drawLines()


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
