"""Read a full export back into a new office database: the way out is also the way in.

Every sheet is checked before anything is written (its columns, each value's type), the
database is made beside its destination and renamed into place only once every record
is in, so a refused workbook leaves no file behind. Records keep their ids, versions and
timestamps: the new database holds the same records, not copies of them.

The new database is not encrypted (like ``clcp demo``): encrypt it with ``clcp encrypt``
before real work. Attached files are not in a workbook, so they do not come back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError

from desktop.i18n import _
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.storage import building, open_database
from desktop.storage import keyfile as kf

from .export import FORMAT_NAME
from .safe_read import BadFile, SheetData, read_sheets
from .sheets import ABOUT_SHEET, READABLE, SHEETS, SheetSpec, sql_kind

HXL_ROW = 2


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    rows: int


def import_workbook(source: Path, target: Path, *, actor: Actor | None = None) -> ImportSummary:
    """Make the database ``target`` from the full export ``source``; BadFile (nothing
    written) if the workbook is not one or a value does not fit its column."""
    if (target.exists() and target.stat().st_size > 0) or kf.has_key_file(target):
        raise BadFile(_("{path} already exists: import into a new database").format(path=target))
    if not target.parent.is_dir():
        raise BadFile(_("folder {folder} does not exist").format(folder=target.parent))
    sheets = read_sheets(source, first_data_row=HXL_ROW + 1)
    _check_about(sheets)
    records = {spec.name: _records(spec, sheets) for spec in SHEETS}
    total = sum(len(rows) for rows in records.values())
    _write_database(target, records, actor or Actor.from_environment(), source.name, total)
    return ImportSummary(target, total)


def _check_about(sheets: dict[str, SheetData]) -> None:
    about = sheets.get(ABOUT_SHEET)
    facts = {str(row[0]): row[1] for row in about.rows if len(row) >= 2} if about else {}
    if facts.get("format") != FORMAT_NAME:
        raise BadFile(_("this workbook is not a CLCP export (no 'about' sheet naming it)"))
    if facts.get("profile") != "full" or facts.get("district") or facts.get("from"):
        raise BadFile(
            _(
                "only a full export of the whole office can make a database (this one is {what})"
            ).format(what=facts.get("profile"))
        )


def _records(spec: SheetSpec, sheets: dict[str, SheetData]) -> list[dict[str, Any]]:
    sheet = sheets.get(spec.name)
    if sheet is None:
        raise BadFile(_("the workbook has no sheet {sheet}").format(sheet=spec.name))
    wanted = spec.columns()
    missing = [column for column in wanted if column not in sheet.headers]
    unknown = [
        header
        for header in sheet.headers
        if header and header not in wanted and not _readable(header)
    ]
    if missing or unknown:
        raise BadFile(
            _("sheet {sheet} has wrong columns (missing: {missing}; unknown: {unknown})").format(
                sheet=spec.name,
                missing=", ".join(missing) or "-",
                unknown=", ".join(unknown) or "-",
            )
        )
    where = {column: sheet.headers.index(column) for column in wanted}
    kinds = {column: sql_kind(spec.model, column) for column in wanted}
    records = []
    for offset, row in enumerate(sheet.rows):
        record = {}
        for column, index in where.items():
            value = row[index] if index < len(row) else None
            try:
                record[column] = convert(value, kinds[column])
            except (TypeError, ValueError):
                raise BadFile(
                    _(
                        "sheet {sheet}, row {row}, column {column}: {value!r} is not a {kind}"
                    ).format(
                        sheet=spec.name,
                        row=sheet.first_row + offset,
                        column=column,
                        value=value,
                        kind=kinds[column],
                    )
                ) from None
        records.append(record)
    return records


def _readable(header: str) -> bool:
    return header.endswith("_label") or header in READABLE


def convert(value: Any, kind: str) -> Any:
    """A cell's value as the column stores it; ValueError or TypeError if it cannot be."""
    if value is None or value == "":
        return "" if kind == "text" else None
    converters: dict[str, Callable[[Any], Any]] = {
        "uuid": lambda v: uuid.UUID(str(v)),
        "date": _as_date,
        "timestamp": _as_timestamp,
        "bool": _as_bool,
        "int": _as_int,
        "float": _as_float,
        "text": lambda v: v if isinstance(v, str) else str(v),
    }
    return converters[kind](value)


def _as_float(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError(value)
    return float(value)


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise ValueError(value)
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _as_timestamp(value: Any) -> datetime:
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError(value)
    return moment


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no"}:
        return False
    raise ValueError(value)


def _as_int(value: Any) -> int:
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise TypeError(value)
    return int(value)


def _write_database(
    target: Path, records: dict[str, list[dict[str, Any]]], actor: Actor, source: str, total: int
) -> None:
    """Build the database beside ``target`` (see :mod:`desktop.storage.building`): an import
    stopped half-way leaves nothing the next one does not remove."""
    build = building.start(target, empty_ok=True)
    try:
        db = open_database(build)
        try:
            with db.sessions.begin() as session:
                for spec in reversed(SHEETS):  # the new file's own catalogue and groups
                    session.execute(delete(spec.model))
                for spec in SHEETS:
                    if records[spec.name]:
                        session.execute(insert(spec.model.__table__), records[spec.name])
                audit.record(
                    session,
                    actor=actor,
                    action="import",
                    device_id=db.device_id,
                    entity_type="workbook",
                    changes={"file": source, "rows": total},
                )
        except IntegrityError as error:
            raise BadFile(
                _("the workbook's records do not fit together ({reason})").format(
                    reason=str(error.orig).splitlines()[0]
                )
            ) from None
        finally:
            db.close()
        building.put_in_place(build, target, empty_ok=True)
    except BaseException:
        building.clear(build)
        raise
