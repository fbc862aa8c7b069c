"""Building blocks of printed forms: grids, labelled fields, writing space, tick boxes.

Every cell holds a wrapping flowable and every table may split inside a row, so long
text continues on the next page instead of running out of its cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from desktop.i18n import _
from desktop.reports.bidi_text import has_rtl
from desktop.reports.fonts import SANS
from desktop.reports.pictograms import pictogram
from desktop.reports.styles import INK, RULE, SHADE, STYLES, text

CELL_PADDING = 8.0  # left + right padding of a grid cell, in points

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
    table = Table([[tick_box(checked), text(label, STYLES.cell)]], colWidths=[13, None])
    table.setStyle(_plain())
    return table


def _cell(value: Cell, style: ParagraphStyle, room: float | None = None) -> Cell:
    """A cell's content. Text that surely fits on one line of ``room`` points stays a plain
    string, which the table draws directly in the same font (many times faster than a
    paragraph: figures of a thousand-page report); anything longer wraps as a paragraph."""
    if value is None:
        return ""
    if isinstance(value, str):
        if room is not None and _fits_one_line(value, style, room):
            return value
        return text(value, style)
    return value


def _fits_one_line(value: str, style: ParagraphStyle, room: float) -> bool:
    if len(value) > 60 or "\n" in value or has_rtl(value) or style.alignment != TA_LEFT:
        return False
    if len(value) * style.fontSize <= room:  # no glyph is wider than the font size
        return True
    return bool(stringWidth(value, style.fontName, style.fontSize) <= room)


def _string_cells(
    style: ParagraphStyle, start: tuple[int, int], stop: tuple[int, int] = (-1, -1)
) -> list[tuple[object, ...]]:
    """Table styles that draw plain-string cells like ``style`` draws a paragraph."""
    return [
        ("FONTNAME", start, stop, style.fontName),
        ("FONTSIZE", start, stop, style.fontSize),
        ("LEADING", start, stop, style.leading),
        ("TEXTCOLOR", start, stop, style.textColor),
    ]


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
    """A ruled table whose header repeats on every page; ``row_height`` leaves writing room."""
    if not header:
        header_rows = 0
    rooms = [w - CELL_PADDING for w in widths]
    data = [[_cell(h, STYLES.cell_bold, r) for h, r in zip(header, rooms, strict=False)]]
    data = data if header else []
    data += [[_cell(c, STYLES.cell, r) for c, r in zip(row, rooms, strict=False)] for row in rows]
    heights = [None] * header_rows + [row_height] * (len(data) - header_rows)
    table = Table(
        data,
        colWidths=list(widths),
        rowHeights=heights if row_height else None,
        repeatRows=header_rows,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                *_string_cells(STYLES.cell, (0, 0)),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *(
                    [
                        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
                        ("FONTNAME", (0, 0), (-1, header_rows - 1), STYLES.cell_bold.fontName),
                        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
                    ]
                    if header_rows
                    else []
                ),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *extra,
            ]
        )
    )
    return table


def fields(
    pairs: Sequence[tuple[str, Cell]],
    width: float,
    *,
    label_width: float = 120,
    blank_height: float = 22,
) -> Table:
    """Labelled fields, one per row: the value, or empty room to write when it is ""."""
    value_room = width - label_width - 12
    rows = [
        [_cell(label, STYLES.label, label_width - 12), _cell(value, STYLES.cell, value_room)]
        for label, value in pairs
    ]
    heights = [blank_height if value == "" else None for _label, value in pairs]
    table = Table(
        rows,
        colWidths=[label_width, width - label_width],
        rowHeights=heights,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                *_string_cells(STYLES.cell, (1, 0)),
                *_string_cells(STYLES.label, (0, 0), (0, -1)),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def writing_space(label: str, width: float, lines: int = 4) -> Flowable:
    """A labelled box with ruled lines to write on."""
    d = Drawing(width, lines * 20 + 4)
    for i in range(lines):
        y = 4 + i * 20
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
    return KeepTogether([box, Spacer(1, 6)])


def group_heading(code: str, name: str) -> Table:
    """A participant group's pictogram above its name (for a column heading)."""
    table = Table([[pictogram(code, 18)], [text(name, STYLES.cell_center)]])
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
    return [text(f"• {value}", STYLES.body) for value in values]
