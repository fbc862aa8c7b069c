"""Read a sheet of rows someone exported elsewhere (a CSV file or the first sheet of a
workbook): headers from the first row, whatever the CSV's encoding. Spreadsheet programs
write CSV as UTF-8 (with or without a byte order mark), UTF-16 or Windows-1252; the byte
order mark decides, then UTF-8 is tried, then Windows-1252."""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path
from typing import Any

from desktop.i18n import _

from .safe_read import MAX_ROWS, BadFile, SheetData, read_sheets

MAX_CSV_BYTES = 200 * 1024 * 1024


def read_rows(path: Path) -> SheetData:
    """The file's header row and its rows (formulas refused, as in every workbook read)."""
    if path.suffix.lower() == ".xlsx":
        sheets = read_sheets(path, first_data_row=2)
        if not sheets:
            raise BadFile(_("{path} has no sheet").format(path=path))
        return next(iter(sheets.values()))
    if path.suffix.lower() not in (".csv", ".json"):
        raise BadFile(_("{path}: give a .csv, .json or .xlsx file").format(path=path))
    if not path.is_file():
        raise BadFile(_("no file at {path}").format(path=path))
    if path.stat().st_size > MAX_CSV_BYTES:
        raise BadFile(_("{path} is larger than 200 MB").format(path=path))
    if path.suffix.lower() == ".json":
        return read_json(path)
    reader = csv.reader(io.StringIO(decode(path.read_bytes()), newline=""))
    rows = []
    for number, row in enumerate(reader, start=1):
        if number > MAX_ROWS:
            raise BadFile(_("{path} has more than {n} rows").format(path=path, n=MAX_ROWS))
        rows.append(tuple(row))
    if not rows:
        raise BadFile(_("{path} is empty").format(path=path))
    headers = [str(value).strip() for value in rows[0]]
    return SheetData(path.name, headers, rows[1:], 2)


def decode(data: bytes) -> str:
    for mark, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(mark):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_json(path: Path) -> SheetData:
    """Submissions as the servers' APIs give them: a list of objects, or one under
    ``value`` (ODK Central's OData) or ``results`` (KoboToolbox); groups nested as objects
    become ``group/field`` columns."""
    try:
        data = json.loads(decode(path.read_bytes()))
    except ValueError as error:
        raise BadFile(_("{path} is not JSON: {error}").format(path=path, error=error)) from None
    return json_rows(submission_list(data, path.name), path.name)


def submission_list(data: Any, name: str) -> list[dict[str, Any]]:
    """The submissions in an API's answer: a list of objects, or one under ``value``
    (ODK Central's OData) or ``results`` (KoboToolbox)."""
    if isinstance(data, dict):
        data = data.get("value", data.get("results"))
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise BadFile(_("{path} holds no list of submissions").format(path=name))
    return data


def json_rows(data: list[dict[str, Any]], name: str) -> SheetData:
    """Submissions as a sheet: groups nested as objects become ``group/field`` columns."""
    if len(data) > MAX_ROWS:
        raise BadFile(_("{path} has more than {n} rows").format(path=name, n=MAX_ROWS))
    flat = [_flatten(item) for item in data]
    headers = list(dict.fromkeys(key for item in flat for key in item))
    rows = [tuple(item.get(key) for key in headers) for item in flat]
    return SheetData(name, headers, rows, 1)


def _flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}/"))
        elif not isinstance(value, list):
            flat[f"{prefix}{key}"] = value
    return flat
