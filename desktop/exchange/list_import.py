"""Bring in an office's existing list of communities or stakeholders (a CSV file or a
workbook).

Columns are matched to the record's fields by name ("District", "district", "population
estimate"), or as ``--map COLUMN=field`` says. A coded field (a community's kind, a
stakeholder's type) takes the code or its words in any case. Each row becomes a record
through the services (their rules, the person's rights), all in one transaction. A row
that looks like an existing record or an earlier row (the same name, ignoring accents,
case and spacing, in the same district; for a stakeholder, of the same type too: the
rule of ``likeness_key``, which the office server applies to laptops' new records) is a
likely duplicate: it is refused unless the person says to skip such rows or to add them
anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop.i18n import _
from desktop.labels import labels
from desktop.models.enums import CommunityKind, StakeholderLevel, StakeholderType
from desktop.services.facade import Services
from desktop.services.framework.errors import PermissionDenied, ValidationError
from desktop.services.framework.text import fold
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.duplicates import likeness_key
from desktop.services.usecases.linkages import StakeholderData

from .safe_read import BadFile, SheetData
from .tabular import read_rows
from .workbook_import import convert

_TEXT = "text"


@dataclass(frozen=True)
class ListKind:
    """One kind of list: its fields (name -> value kind), coded fields and service."""

    name: str
    fields: dict[str, str]
    coded: dict[str, type[StrEnum]]
    data_type: type[Any]
    service: str  # the attribute of Services


COMMUNITIES = ListKind(
    "communities",
    {
        **dict.fromkeys(("name", "other_names", "kind", "country", "region", "district"), _TEXT),
        "locality": _TEXT,
        "latitude": "float",
        "longitude": "float",
        "population_estimate": "int",
        "languages": _TEXT,
        "notes": _TEXT,
    },
    {"kind": CommunityKind},
    CommunityData,
    "communities",
)
STAKEHOLDERS = ListKind(
    "stakeholders",
    dict.fromkeys(
        (
            "name",
            "type",
            "level",
            "district",
            "contact_person",
            "phone",
            "email",
            "address",
            "notes",
        ),
        _TEXT,
    ),
    {"type": StakeholderType, "level": StakeholderLevel},
    StakeholderData,
    "stakeholders",
)
KINDS = {kind.name: kind for kind in (COMMUNITIES, STAKEHOLDERS)}


class Duplicates(StrEnum):
    REFUSE = "refuse"
    SKIP = "skip"
    ADD = "add"


@dataclass
class ListSummary:
    rows: int
    created: int
    skipped: list[str] = field(default_factory=list)
    unused_columns: list[str] = field(default_factory=list)
    dry_run: bool = False


def column_map(kind: ListKind, headers: list[str], overrides: dict[str, str]) -> dict[str, int]:
    """Field -> column index: ``overrides`` (column -> field) first, then same names."""
    unknown = [name for name in overrides.values() if name and name not in kind.fields]
    if unknown:
        raise BadFile(
            _("no field {field!r} in {kind}; fields: {fields}").format(
                field=unknown[0], kind=kind.name, fields=", ".join(kind.fields)
            )
        )
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        if overrides.get(header):  # a column mapped to "" is not read
            mapping[overrides[header]] = index
    for index, header in enumerate(headers):
        name = "_".join(header.lower().split())
        if name in kind.fields and name not in mapping and header not in overrides:
            mapping[name] = index
    missing = [column for column in overrides if column not in headers]
    if missing:
        raise BadFile(_("the file has no column {column!r}").format(column=missing[0]))
    if "name" not in mapping:
        raise BadFile(_("no column gives the name (map one with --map COLUMN=name)"))
    return mapping


def import_list(
    services: Services,
    kind: ListKind,
    path: Path,
    *,
    overrides: dict[str, str],
    duplicates: Duplicates = Duplicates.REFUSE,
    dry_run: bool = False,
) -> ListSummary:
    sheet = read_rows(path)
    mapping = column_map(kind, sheet.headers, overrides)
    used = set(mapping.values())
    summary = ListSummary(len(sheet.rows), 0, dry_run=dry_run)
    summary.unused_columns = [h for i, h in enumerate(sheet.headers) if h and i not in used]
    service: Any = getattr(services, kind.service)
    known = {likeness_key(service.entity, r.data): r.data.name for r in service.list().items}
    try:
        with services.db.sessions.begin() as session:
            for offset, values in enumerate(sheet.rows):
                number = sheet.first_row + offset
                data = _data(kind, number, values, mapping)
                if data is None:
                    continue
                key = likeness_key(service.entity, data)
                if key in known and duplicates is not Duplicates.ADD:
                    if duplicates is Duplicates.SKIP:
                        summary.skipped.append(data.name)
                        continue
                    raise BadFile(
                        _(
                            "row {row}: {name!r} in {district!r} looks like {known!r}; "
                            "use --skip-duplicates or --add-duplicates"
                        ).format(
                            row=number, name=data.name, district=data.district, known=known[key]
                        )
                    )
                known[key] = data.name
                _create(service, session, number, data)
                summary.created += 1
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


@dataclass(frozen=True)
class PreviewRow:
    """A row of the list as the import would read it: its fields' values, the existing
    record (or earlier row) it looks like, or what is wrong with it."""

    number: int
    values: dict[str, str]
    duplicate_of: str = ""
    problem: str = ""


def preview_list(
    services: Services, kind: ListKind, sheet: SheetData, overrides: dict[str, str], limit: int
) -> list[PreviewRow]:
    """The first ``limit`` rows of ``sheet`` read with ``overrides`` (nothing written);
    BadFile when no column gives the name or a mapping names no field."""
    mapping = column_map(kind, sheet.headers, overrides)
    service: Any = getattr(services, kind.service)
    known = {likeness_key(service.entity, r.data): r.data.name for r in service.list().items}
    rows = []
    for offset, values in enumerate(sheet.rows[:limit]):
        number = sheet.first_row + offset
        shown = {
            name: "" if index >= len(values) or values[index] is None else str(values[index])
            for name, index in mapping.items()
        }
        try:
            data = _data(kind, number, values, mapping)
        except BadFile as problem:
            rows.append(PreviewRow(number, shown, problem=str(problem)))
            continue
        if data is None:
            continue
        key = likeness_key(service.entity, data)
        rows.append(PreviewRow(number, shown, known.get(key, "")))
        known.setdefault(key, data.name)
    return rows


class _DryRun(Exception):
    """Ends a dry run's transaction, so everything checked is rolled back."""


def _data(kind: ListKind, number: int, values: tuple[Any, ...], mapping: dict[str, int]) -> Any:
    if not any(str(value or "").strip() for value in values):
        return None
    found: dict[str, Any] = {}
    for name, index in mapping.items():
        value = values[index] if index < len(values) else None
        if isinstance(value, str):
            value = value.strip()
        try:
            found[name] = convert(value, kind.fields[name])
        except (TypeError, ValueError):
            raise BadFile(
                _("row {row}, {field}: {value!r} is not a {kind}").format(
                    row=number, field=name, value=value, kind=kind.fields[name]
                )
            ) from None
    for name, vocabulary in kind.coded.items():
        if found.get(name):
            codes = {fold(words): code for code, words in labels(vocabulary).items()}
            codes.update({fold(code): code for code in labels(vocabulary)})
            found[name] = codes.get(fold(found[name]), found[name])
        else:
            found.pop(name, None)  # the service's default, or its "required"
    if "type" in kind.fields and "type" not in found:
        found["type"] = ""
    return kind.data_type(**found)


def _create(service: Any, session: Any, number: int, data: Any) -> None:
    try:
        service.create_in(session, data)
    except ValidationError as error:
        name, message = next(iter(error.errors.items()))
        raise BadFile(
            _("row {row}, {field}: {message}").format(row=number, field=name, message=message)
        ) from None
    except PermissionDenied as error:
        raise BadFile(_("row {row}: {message}").format(row=number, message=error)) from None
