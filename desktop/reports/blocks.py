"""Building blocks of printed forms: grids, labelled fields, writing space, tick boxes.

Every cell holds a wrapping flowable and every table may split inside a row, so long
text continues on the next page instead of running out of its cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from desktop.i18n import _
from desktop.reports.bidi_text import has_rtl
from desktop.reports.fonts import SANS
from desktop.reports.grid_style import (
    CELL_PADDING,
    cell_styles,
    grid_commands,
    string_cells,
    table_commands,
)
from desktop.reports.keeping import SHORT_BLOCK, KeptTable, natural_height
from desktop.reports.pictograms import pictogram
from desktop.reports.styles import INK, RULE, SHADE, STYLES, right_to_left, text
from desktop.reports.table_text import TextTable, split_lines

LINE_GAP = 20.0  # points between the ruled lines of writing space
SIDES = ("LEFT", "RIGHT", "TOP", "BOTTOM")
BIG = 1e6  # room enough for anything: to measure a flowable's natural height
SHORT_TEXT = 160  # characters: a cell text the table draws itself, line by line

# A cell: text, a flowable, a list of flowables or None (ReportLab is untyped, hence Any).
Cell: TypeAlias = Any


def tick_box(checked: bool | None = None, size: float = 9.0) -> Drawing:
    """An empty box to tick by hand, or a ticked box when ``checked``."""
    d = Drawing(size + 2, size + 1)
    d.add(Rect(1, 0, size, size, fillColor=None, strokeColor=INK, strokeWidth=0.8))
    if checked:
        d.add(Line(2.6, size * 0.5, size * 0.45, 1.8, strokeColor=INK, strokeWidth=1.4))
        d.add(Line(size * 0.45, 1.8, size - 0.4, size - 1.2, strokeColor=INK, strokeWidth=1.4))
    return d


def ticked(label: str, checked: bool | None = None) -> Table:
    """A tick box followed by its label, as one cell."""
    rows, widths = _mirrored([[tick_box(checked), text(label, STYLES.cell)]], [13, None])
    table = Table(rows, colWidths=widths)
    table.setStyle(_plain())
    return table


def _cell(value: Cell, style: ParagraphStyle, room: float | None = None) -> Cell:
    """A cell's content. Short text stays a plain string, broken into lines of ``room``
    points, which the table draws directly in the same font (many times faster than a
    paragraph: figures of a thousand-page report); anything longer wraps as a paragraph."""
    if value is None:
        return ""
    if isinstance(value, str):
        if room is not None and _plain_text(value, style):
            return _lines_in(value, style, room)
        return text(value, style)
    return value


def _plain_text(value: str, style: ParagraphStyle) -> bool:
    """Whether the table can draw ``value`` itself: short, left to right, left-aligned
    (a long text keeps the paragraph, which can continue on the next page)."""
    return len(value) <= SHORT_TEXT and not has_rtl(value) and style.alignment == TA_LEFT


def _lines_in(value: str, style: ParagraphStyle, room: float) -> str:
    """``value`` broken into lines of at most ``room`` points, as a paragraph would."""
    if "\n" not in value and len(value) * style.fontSize <= room:
        return value  # no glyph is wider than the font size: surely one line
    return "\n".join(split_lines(value, style.fontName, style.fontSize, room))


def _mirrored(
    rows: Sequence[Sequence[Cell]], widths: Sequence[float | None] | None
) -> tuple[list[list[Cell]], list[float | None] | None]:
    """Rows and column widths in the page's reading order: on a right-to-left page the
    first column is on the right."""
    if not right_to_left():
        return [list(row) for row in rows], None if widths is None else list(widths)
    return [list(row)[::-1] for row in rows], None if widths is None else list(widths)[::-1]


def _start() -> str:
    """The side lines start from: left, or right on a right-to-left page."""
    return "RIGHT" if right_to_left() else "LEFT"


def _plain() -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )


def grid(
    header: Sequence[Cell],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    row_height: float | None = None,
    header_rows: int = 1,
    extra: Sequence[tuple[object, ...]] = (),
) -> Table:
    """A ruled table whose header repeats on every page and which never leaves one row
    alone on a page (:class:`KeptTable`); ``row_height`` leaves writing room."""
    if not header:
        header_rows = 0
    rooms = [w - CELL_PADDING for w in widths]
    data = [[_cell(h, STYLES.cell_bold, r) for h, r in zip(header, rooms, strict=False)]]
    data = data if header else []
    data += [[_cell(c, STYLES.cell, r) for c, r in zip(row, rooms, strict=False)] for row in rows]
    heights = [None] * header_rows + [row_height] * (len(data) - header_rows)
    data, columns = _mirrored(data, widths)
    commands = [*grid_commands(header_rows, _start()), *extra]
    shared = not extra  # extra commands may style some cells: each its own style then
    table = KeptTable(
        data,
        colWidths=columns,
        rowHeights=heights if row_height else None,
        repeatRows=header_rows,
        splitInRow=1,
        hAlign=_start(),
        cellStyles=(
            cell_styles(len(data), len(data[0]) if data else 0, header_rows, _start())
            if shared
            else None
        ),
    )
    table.setStyle(TableStyle(table_commands(commands) if shared else commands))
    return table


def fields(
    pairs: Sequence[tuple[str, Cell]],
    width: float,
    *,
    label_width: float = 120,
    blank_height: float = 22,
    blank_heights: Sequence[float] = (),
) -> Table:
    """Labelled fields, one per row: the value, or empty room to write when it is ""
    (``blank_height`` high, or row by row ``blank_heights``)."""
    value_room = width - label_width - 12
    rows = [
        [_cell(label, STYLES.label, label_width - 12), _cell(value, STYLES.cell, value_room)]
        for label, value in pairs
    ]
    room = list(blank_heights) or [blank_height] * len(pairs)
    heights = [h if value == "" else None for (_label, value), h in zip(pairs, room, strict=True)]
    rows, widths = _mirrored(rows, [label_width, width - label_width])
    labels = -1 if right_to_left() else 0  # the column of labels
    table = TextTable(rows, colWidths=widths, rowHeights=heights, splitInRow=1, hAlign=_start())
    table.setStyle(
        TableStyle(
            [
                *string_cells(STYLES.cell, (0, 0)),
                *string_cells(STYLES.label, (labels, 0), (labels, -1)),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("ALIGN", (0, 0), (-1, -1), _start()),
                ("BACKGROUND", (labels, 0), (labels, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def writing_space(label: str, width: float, lines: int = 4) -> Flowable:
    """A labelled box with ruled lines to write on."""
    return KeepTogether([writing_box(label, width, lines), Spacer(1, 6)])


def writing_box(label: str, width: float, lines: int) -> Table:
    """The box of :func:`writing_space` alone (to put inside another KeepTogether: one
    nested in another cannot be measured)."""
    d = Drawing(width, lines * LINE_GAP + 4)
    for i in range(lines):
        y = 4 + i * LINE_GAP
        d.add(Line(6, y, width - 6, y, strokeColor=RULE, strokeWidth=0.5, strokeDashArray=[1, 2]))
    box = Table([[text(label, STYLES.label)], [d]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (0, 0), SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box


# --- blank forms that fill their page ------------------------------------------------------


class FillRest(Flowable):  # type: ignore[misc]
    """Room to write, sized to what is left of the page: ``build(height)`` makes the
    content for a height. It takes ``share`` of the room left once the flowables ``after``
    it (which follow on the same page) have theirs, and never less than ``minimum`` (with
    less room left it starts the next page). A blank form so fills its pages on any paper
    instead of spilling one box onto a page of its own."""

    def __init__(
        self,
        build: Callable[[float], Flowable],
        *,
        share: float = 1.0,
        after: Sequence[Flowable] = (),
        minimum: float = 60.0,
    ) -> None:
        super().__init__()
        self.build, self.share, self.after, self.minimum = build, share, list(after), minimum
        self._content: Flowable | None = None
        self._built_for: float | None = None

    def _reserve(self, width: float) -> float:
        return sum(natural_height(f, width) for f in self.after)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        left = availHeight - self._reserve(availWidth) - self.getSpaceAfter()
        room = max(self.minimum, left * self.share - 1)
        if self._content is None or self._built_for != room:
            self._content, self._built_for = self.build(room), room
        self.width, self.height = self._content.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # never cut: on the next page it is sized to that page

    def getSpaceAfter(self) -> float:
        return 6.0

    def draw(self) -> None:
        if self._content is not None:
            self._content.drawOn(self.canv, 0, 0)


def together(flowables: Sequence[Flowable], width: float) -> list[Flowable]:
    """A block kept on one page when it is short (it starts a new page rather than break
    in the middle); a longer one flows on from where it is, over as many pages as it needs."""
    if sum(natural_height(f, width) for f in flowables) <= SHORT_BLOCK:
        return [KeepTogether(list(flowables))]
    return list(flowables)


def writing_space_to_fill(
    label: str, width: float, *, share: float = 1.0, after: Sequence[Flowable] = ()
) -> FillRest:
    """A :func:`writing_space` with as many lines as the rest of the page holds."""
    one_line = writing_box(label, width, 1).wrap(width, BIG)[1]

    def build(height: float) -> Flowable:
        return writing_box(label, width, 1 + max(1, int((height - one_line) // LINE_GAP)))

    return FillRest(build, share=share, after=after)


def rows_to_fill(
    header: Sequence[Cell],
    row: Callable[[], Sequence[Cell]],
    widths: Sequence[float],
    *,
    row_height: float,
    after: Sequence[Flowable] = (),
    minimum_rows: int = 2,
) -> FillRest:
    """A blank :func:`grid` with as many rows of at least ``row_height`` as the rest of
    the page holds."""
    width = sum(widths)
    head = grid(header, [], widths).wrap(width, BIG)[1] if header else 0.0
    one_row = grid(header, [row()], widths).wrap(width, BIG)[1] - head
    height_of_row = max(row_height, one_row)

    def build(height: float) -> Flowable:
        count = max(minimum_rows, int((height - head) // height_of_row))
        return grid(header, [row() for _i in range(count)], widths, row_height=height_of_row)

    return FillRest(build, after=after, minimum=head + minimum_rows * height_of_row)


def unruled(rows: Sequence[Sequence[Cell]], widths: Sequence[float] | None = None) -> Table:
    """Flowables arranged in rows and columns, without rules or padding, as one flowable."""
    mirrored, columns = _mirrored([list(row) for row in rows], widths)
    table = Table(mirrored, colWidths=columns, hAlign=_start())
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *[(f"{side}PADDING", (0, 0), (-1, -1), 0) for side in SIDES],
            ]
        )
    )
    return table


class WholeWords(Flowable):  # type: ignore[misc]
    """A short heading in a narrow column whose every word stays whole: the font shrinks
    (to 5.5 points at least) until the longest word fits, where a paragraph would break
    "handicapées" after its tenth letter."""

    def __init__(self, words: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.words, self.style = words, style
        self._inner: Flowable = text(words, style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        longest = max(
            (stringWidth(w, self.style.fontName, self.style.fontSize) for w in self.words.split()),
            default=0.0,
        )
        if longest > availWidth > 0:
            size = max(5.5, self.style.fontSize * availWidth / longest - 0.1)
            smaller = self.style.clone("whole", fontSize=size, leading=size * 1.2)
            self._inner = text(self.words, smaller)
        width, height = self._inner.wrap(availWidth, availHeight)
        return float(width), float(height)

    def draw(self) -> None:
        self._inner.drawOn(self.canv, 0, 0)


def group_heading(code: str, name: str) -> Table:
    """A participant group's pictogram above its name (for a column heading)."""
    table = Table([[pictogram(code, 18)], [WholeWords(name, STYLES.cell_center)]])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def bulleted(values: Sequence[str], empty: str | None = None) -> list[Flowable]:
    """One paragraph per value (nothing recorded -> a muted note)."""
    if not values:
        return [text(empty or _("Nothing recorded."), STYLES.muted)]
    if right_to_left():  # the bullet on the reading side
        return [text(f"{value} •", STYLES.body) for value in values]
    return [text(f"• {value}", STYLES.body) for value in values]
