"""Write an export: one workbook sheet (or one CSV file) per kind of record.

Row 1 holds the column names, row 2 their HXL hashtags, the records follow. Dates are
real dates; bookkeeping timestamps are ISO text in UTC (to the microsecond, so a full
export reads back exactly). The file is written beside its destination and renamed into
place only when complete, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

from desktop import __version__
from desktop.i18n import using_language
from desktop.models.base import utcnow
from desktop.services.facade import Services

from .collect import FULL, Selection, SheetRows, collect
from .readable import add_labels
from .sheets import ABOUT_SHEET, WIDE_ATTENDANCE_SHEET, hxl_tag
from .table import Table, cell_value
from .wide import wide_attendance

FORMAT_NAME = "clcp-export"
FORMAT_VERSION = "1"
XLSX, CSV = "xlsx", "csv"


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    sheets: int
    rows: int


def export(
    services: Services, out: Path, *, fmt: str, selection: Selection, language: str = "en"
) -> ExportSummary:
    """Write what ``services.actor`` may read, as ``selection`` chooses, to ``out``;
    note the export in the audit trail."""
    sheets = collect(services, selection)
    with using_language(language):  # the labels' words, in the language asked for
        add_labels(services, sheets, language)
    tables = [_about(services, selection, language)]
    tables += [_table(sheet) for sheet in sheets]
    tables.insert(1 + _index_of(tables, "attendance"), wide_attendance(services, sheets))
    if fmt == XLSX:
        replace_file(out, lambda path: write_xlsx(path, tables))
    else:
        _replace_folder(out, lambda path: write_csv(path, tables))
    rows = sum(len(table.rows) for table in tables[1:] if table.name != WIDE_ATTENDANCE_SHEET)
    services.audit_log.record_export(
        "workbook",
        {
            "file": out.name,
            "format": fmt,
            **{k: str(v) for k, v in asdict(selection).items() if v},
            "rows": rows,
        },
    )
    return ExportSummary(out, len(tables), rows)


def _index_of(tables: list[Table], name: str) -> int:
    return next(i for i, table in enumerate(tables) if table.name == name)


def _about(services: Services, selection: Selection, language: str) -> Table:
    facts = [
        ("format", FORMAT_NAME),
        ("format_version", FORMAT_VERSION),
        ("app_version", __version__),
        ("profile", selection.profile),
        ("language", language),
        ("district", selection.district),
        ("from", selection.date_from.isoformat() if selection.date_from else ""),
        ("to", selection.date_to.isoformat() if selection.date_to else ""),
        ("exported_at", utcnow().isoformat()),
        ("exported_by", services.actor.username if selection.profile == FULL else ""),
    ]
    return Table(ABOUT_SHEET, ["key", "value"], ["#meta+key", "#meta+value"], facts_rows(facts))


def facts_rows(facts: list[tuple[str, str]]) -> list[list[Any]]:
    return [[key, value] for key, value in facts]


def _table(sheet: SheetRows) -> Table:
    columns = sheet.columns
    return Table(
        sheet.spec.name,
        list(columns),
        [hxl_tag(sheet.spec.table, column) for column in columns],
        [[cell_value(row.get(column)) for column in columns] for row in sheet.rows],
    )


# ------------------------------------------------------------------ writing files
def write_xlsx(path: Path, tables: list[Table]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(table.name)
        sheet.append(table.headers)
        sheet.append(table.tags)
        for row in table.rows:
            cells: list[Any] = []
            for value in row:
                if isinstance(value, date):
                    cell = WriteOnlyCell(sheet, value=cast(Any, value))
                    cell.number_format = "yyyy-mm-dd"
                    cells.append(cell)
                elif isinstance(value, str) and value.startswith("="):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # text someone typed, never a formula
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    save_workbook(book, path)


def save_workbook(book: Any, path: Path) -> None:
    """``book.save(path)``, with everything closed even when writing fails (a full disk):
    openpyxl leaves its ZIP file and the sheets not yet written open then, and when they
    are collected later their closing fails again and prints tracebacks after the
    one-line message."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    if book.write_only and not book.worksheets:
        book.create_sheet()
    try:
        with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(book, archive).save()
    except BaseException:
        for sheet in book.worksheets if book.write_only else []:
            with contextlib.suppress(Exception):
                sheet.close()  # a sheet already written refuses; one not yet is finished
        raise


def write_csv(folder: Path, tables: list[Table]) -> None:
    """One UTF-8 file per sheet (with a byte order mark, so spreadsheet programs read
    accents and Arabic right)."""
    for table in tables:
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(table.headers)
            writer.writerow(table.tags)
            writer.writerows([_csv_cell(value) for value in row] for row in table.rows)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "@"):
        return "'" + value  # a spreadsheet program would run it as a formula
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return value


def replace_file(out: Path, write: Any) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)


def _replace_folder(out: Path, write: Any) -> None:
    temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    try:
        write(temporary)
        if out.exists():
            out.rmdir()  # only an empty folder is replaced (checked before)
        os.replace(temporary, out)
    finally:
        if temporary.exists():
            shutil.rmtree(temporary)
