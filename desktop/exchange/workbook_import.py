"""Read a full export back into a new office database: the way out is also the way in.

Every sheet is checked before anything is written (its columns, each value's type), the
database is made beside its destination and renamed into place only once every record
is in, so a refused workbook leaves no file behind. Records keep their ids, versions and
timestamps: the new database holds the same records, not copies of them.

The new database is encrypted from its first byte: the administrator named for it (one
of the workbook's active administrators, or its first one if the workbook has none) opens
it with a new password, and a recovery key is made, as when an office is set up. The
other accounts come back without a password (passwords are never exported); the
administrator gives them one. Attached files are not in a workbook, so they do not come
back.
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
from desktop.models.enums import Role
from desktop.services.facade import Services
from desktop.services.framework import audit
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.framework.errors import ValidationError
from desktop.services.security.passwords import check_password_rules, password_problems
from desktop.services.security.users import USERNAME_PATTERN, UserData
from desktop.storage import Database, building, open_database
from desktop.storage import keyfile as kf
from desktop.storage.keyslots import new_master_key, new_recovery_key

from .export import FORMAT_NAME
from .safe_read import BadFile, SheetData, read_sheets
from .sheets import ABOUT_SHEET, READABLE, SHEETS, SheetSpec, sql_kind

HXL_ROW = 2


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    rows: int
    recovery_key: str = ""
    without_password: tuple[str, ...] = ()  # accounts the administrator must give one


@dataclass(frozen=True)
class Administrator:
    """Who opens the new database, and with what."""

    username: str
    password: str


def check_new_database(target: Path, admin: Administrator) -> None:
    """BadFile or ValidationError for a database that cannot be made: run before the
    workbook is read, and before a password is asked for where it can be."""
    if (target.exists() and target.stat().st_size > 0) or kf.has_key_file(target):
        raise BadFile(_("{path} already exists: import into a new database").format(path=target))
    if not target.parent.is_dir():
        raise BadFile(_("folder {folder} does not exist").format(folder=target.parent))
    errors = dict(password_problems(admin.password)) if admin.password else {}
    if not USERNAME_PATTERN.match(admin.username):
        errors["username"] = _("2 to 40 letters a-z, digits, dots, dashes or underscores.")
    if errors:
        raise ValidationError(errors)


def import_workbook(source: Path, target: Path, admin: Administrator) -> ImportSummary:
    """Make the encrypted database ``target`` from the full export ``source``; BadFile
    (nothing written) if the workbook is not one or a value does not fit its column."""
    admin = Administrator(admin.username.strip().lower(), admin.password)
    check_new_database(target, admin)
    check_password_rules(admin.password)
    sheets = read_sheets(source, first_data_row=HXL_ROW + 1)
    _check_about(sheets)
    records = {spec.name: _records(spec, sheets) for spec in SHEETS}
    others = _accounts(records["users"], admin.username)
    total = sum(len(rows) for rows in records.values())
    recovery_key = _write_database(target, records, admin, source.name, total)
    return ImportSummary(target, total, recovery_key, tuple(others))


def _accounts(users: list[dict[str, Any]], username: str) -> list[str]:
    """The other active accounts; ValidationError unless ``username`` is an active
    administrator of the workbook (or it has none, and ``username`` becomes its first)."""
    alive = [user for user in users if user["deleted_at"] is None]
    named = next((user for user in alive if user["username"] == username), None)
    admins = [u for u in alive if u["role"] == Role.ADMIN.value and u["active"]]
    if named is None and admins:
        raise ValidationError(
            {"username": _("The workbook has no administrator named {name}.").format(name=username)}
        )
    if named is not None and named not in admins:
        raise ValidationError(
            {"username": _("{name} is not an active administrator.").format(name=username)}
        )
    return sorted(u["username"] for u in alive if u["active"] and u["username"] != username)


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
    target: Path,
    records: dict[str, list[dict[str, Any]]],
    admin: Administrator,
    source: str,
    total: int,
) -> str:
    """Build the encrypted database beside ``target`` (see :mod:`desktop.storage.building`):
    an import stopped half-way leaves nothing the next one does not remove. Its recovery
    key."""
    master_key, recovery_key = new_master_key(), new_recovery_key()
    actor = Actor(admin.username, Role.ADMIN.value)
    build = building.start(target, empty_ok=True)
    try:
        kf.create(build, master_key, recovery_key, {admin.username: admin.password})
        db = open_database(build, key=master_key)
        try:
            with db.sessions.begin() as session:
                for spec in reversed(SHEETS):  # the new file's own catalogue and groups
                    session.execute(delete(spec.model))
                for spec in SHEETS:
                    if records[spec.name]:
                        session.execute(insert(spec.model.__table__), records[spec.name])
            if not any(user["username"] == admin.username for user in records["users"]):
                _first_administrator(db, admin.username)
            with db.sessions.begin() as session:
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
    return recovery_key


def _first_administrator(db: Database, username: str) -> None:
    """A workbook without an administrator gets the named one (its key slot is made)."""
    Services(db, SYSTEM).users.create(UserData(username=username, role=Role.ADMIN.value))
