"""The look of a ruled grid (:func:`desktop.reports.blocks.grid`), set once for all of them.

ReportLab gives every cell of a table a style object of its own and applies each style
command to every cell it covers, table after table: the monitoring report of a thousand
communities has four thousand grids. A grid's body cells all look alike, as do its header
cells, so the cell styles are worked out once (per page direction) and the body's shared
by every grid; only the rules and the header's shade are set table by table.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Table
from reportlab.platypus.tables import CellStyle

from desktop.reports.styles import RULE, SHADE, STYLES

CELL_PADDING = 8.0  # left + right padding of a grid cell, in points
#: Commands that draw the table (not the cells' text): set on each table.
_TABLE_COMMANDS = frozenset({"GRID", "BACKGROUND"})

Command = tuple[Any, ...]


def string_cells(
    style: ParagraphStyle, start: tuple[int, int], stop: tuple[int, int] = (-1, -1)
) -> list[Command]:
    """Table styles that draw plain-string cells like ``style`` draws a paragraph."""
    return [
        ("FONTNAME", start, stop, style.fontName),
        ("FONTSIZE", start, stop, style.fontSize),
        ("LEADING", start, stop, style.leading),
        ("TEXTCOLOR", start, stop, style.textColor),
    ]


def grid_commands(header_rows: int, side: str) -> list[Command]:
    """Every style command of a grid whose first ``header_rows`` rows are its header and
    whose text starts on ``side`` (LEFT, or RIGHT on a right-to-left page)."""
    header: list[Command] = []
    if header_rows:
        last = header_rows - 1
        header = [
            ("BACKGROUND", (0, 0), (-1, last), SHADE),
            ("FONTNAME", (0, 0), (-1, last), STYLES.cell_bold.fontName),
            ("VALIGN", (0, 0), (-1, last), "MIDDLE"),
        ]
    return [
        *string_cells(STYLES.cell, (0, 0)),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *header,
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("ALIGN", (0, 0), (-1, -1), side),
    ]


def table_commands(commands: Sequence[Command]) -> list[Command]:
    """The commands that draw the table itself (rules, shade), set on each table."""
    return [c for c in commands if c[0] in _TABLE_COMMANDS]


@lru_cache(maxsize=8)
def _prototypes(header: bool, side: str) -> tuple[CellStyle, CellStyle]:
    """A header cell's and a body cell's style, as the grid's commands make them."""
    commands = grid_commands(1 if header else 0, side)
    sample = Table([[""], [""]])
    sample.setStyle([c for c in commands if c[0] not in _TABLE_COMMANDS])
    return sample._cellStyles[0][0], sample._cellStyles[1][0]


def cell_styles(rows: int, columns: int, header_rows: int, side: str) -> list[list[CellStyle]]:
    """The cells' styles of a grid: its own copies for the header, the one shared style
    for the body (ReportLab changes a cell's style only when it splits a cell whose text
    is centred upright, as the header's is; a body's text is at the top)."""
    head, body = _prototypes(bool(header_rows), side)
    styles: list[list[CellStyle]] = []
    for row in range(rows):
        if row < header_rows:
            styles.append([_copy(head) for _column in range(columns)])
        else:
            styles.append([body] * columns)
    return styles


def _copy(style: CellStyle) -> CellStyle:
    copied = CellStyle.__new__(CellStyle)
    copied.__dict__.update(style.__dict__)
    return copied
