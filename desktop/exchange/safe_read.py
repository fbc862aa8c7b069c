"""Open a workbook someone sent, refusing what could harm the machine or the data: a file
that is not a workbook, a zip bomb, formulas. Every refusal is one sentence."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.i18n import _
from desktop.refusal import Refusal

MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""More than this once unpacked is refused: no honest export of an office comes near it."""
MAX_RATIO = 200
"""A part that unpacks to more than this many times its packed size is a zip bomb."""
MAX_ROWS = 1_000_000


class BadFile(Refusal):
    """A file that cannot be imported; nothing was changed."""


@dataclass
class SheetData:
    """A sheet's header row and the rows below it, as plain values."""

    name: str
    headers: list[str]
    rows: list[tuple[Any, ...]]
    first_row: int  # the sheet's row number of rows[0], for messages


def check_zip(path: Path) -> None:
    """Refuse a file that is not a zip archive, or one that unpacks to far more than it is."""
    if not path.is_file():
        raise BadFile(_("no file at {path}").format(path=path))
    if not zipfile.is_zipfile(path):
        raise BadFile(_("{path} is not a workbook (.xlsx): it is not a zip file").format(path=path))
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        reason = _("{path} is a damaged workbook: {error}").format(path=path, error=error)
        raise BadFile(reason) from None
    total = sum(part.file_size for part in parts)
    bomb = any(
        part.file_size > 1_000_000 and part.file_size > MAX_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if total > MAX_UNPACKED_BYTES or bomb:
        raise BadFile(
            _("{path} unpacks to {size} MB: refused as a possible zip bomb").format(
                path=path, size=total // 1_000_000
            )
        )


def read_sheets(path: Path, *, first_data_row: int) -> dict[str, SheetData]:
    """Every sheet of the workbook at ``path``: headers from row 1, data from
    ``first_data_row``. Refuses formulas (an import takes values, never computes)."""
    from openpyxl import load_workbook

    check_zip(path)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise BadFile(
            _("{path} cannot be read as a workbook: {error}").format(path=path, error=error)
        ) from None
    try:
        return {sheet.title: _read(sheet, first_data_row) for sheet in book.worksheets}
    finally:
        book.close()


def _read(sheet: Any, first_data_row: int) -> SheetData:
    headers: list[str] = []
    rows: list[tuple[Any, ...]] = []
    for number, row in enumerate(sheet.iter_rows(), start=1):
        if number > MAX_ROWS:
            raise BadFile(
                _("sheet {sheet} has more than {n} rows").format(sheet=sheet.title, n=MAX_ROWS)
            )
        values = []
        for cell in row:
            if getattr(cell, "data_type", "") == "f":
                raise BadFile(
                    _("sheet {sheet}, cell {cell} holds a formula: import values only").format(
                        sheet=sheet.title, cell=cell.coordinate
                    )
                )
            values.append(cell.value)
        if number == 1:
            headers = ["" if value is None else str(value).strip() for value in values]
        elif number >= first_data_row:
            rows.append(tuple(values))
    while rows and all(value in (None, "") for value in rows[-1]):
        rows.pop()
    return SheetData(sheet.title, headers, rows, first_data_row)
