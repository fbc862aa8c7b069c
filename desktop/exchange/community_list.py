"""Bring in an office's existing list of communities (a CSV file or a workbook).

Columns are matched to the community profile's fields by name ("District", "district",
"population estimate"), or as ``--map COLUMN=field`` says. Each row becomes a community
through the services (their rules, the person's rights), all in one transaction. A row
whose name, folded (case and accents ignored), matches an existing community or an
earlier row in the same district is a likely duplicate: it is refused unless the person
says to skip such rows or to add them anyway.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop.i18n import _
from desktop.labels import labels
from desktop.models.enums import CommunityKind
from desktop.services.facade import Services
from desktop.services.framework.errors import PermissionDenied, ValidationError
from desktop.services.framework.text import fold
from desktop.services.usecases.communities import CommunityData

from .safe_read import BadFile
from .tabular import read_rows
from .workbook_import import convert

_FIELDS: dict[str, str] = {
    "name": "text",
    "other_names": "text",
    "kind": "text",
    "country": "text",
    "region": "text",
    "district": "text",
    "locality": "text",
    "latitude": "float",
    "longitude": "float",
    "population_estimate": "int",
    "languages": "text",
    "notes": "text",
}
FIELDS = tuple(_FIELDS)


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


def column_map(headers: list[str], overrides: dict[str, str]) -> dict[str, int]:
    """Field -> column index: ``overrides`` (column -> field) first, then same names."""
    unknown = [name for name in overrides.values() if name not in _FIELDS]
    if unknown:
        raise BadFile(
            _("no community field {field!r}; fields: {fields}").format(
                field=unknown[0], fields=", ".join(FIELDS)
            )
        )
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        if header in overrides:
            mapping[overrides[header]] = index
    for index, header in enumerate(headers):
        name = "_".join(header.lower().split())
        if name in _FIELDS and name not in mapping and header not in overrides:
            mapping[name] = index
    missing = [column for column in overrides if column not in headers]
    if missing:
        raise BadFile(_("the file has no column {column!r}").format(column=missing[0]))
    if "name" not in mapping:
        raise BadFile(_("no column gives the name (map one with --map COLUMN=name)"))
    return mapping


def import_communities(
    services: Services,
    path: Path,
    *,
    overrides: dict[str, str],
    duplicates: Duplicates = Duplicates.REFUSE,
    dry_run: bool = False,
) -> ListSummary:
    sheet = read_rows(path)
    mapping = column_map(sheet.headers, overrides)
    used = set(mapping.values())
    summary = ListSummary(len(sheet.rows), 0, dry_run=dry_run)
    summary.unused_columns = [h for i, h in enumerate(sheet.headers) if h and i not in used]
    known = {
        (fold(c.data.name), fold(c.data.district)): c.data.name
        for c in services.communities.list().items
    }
    kinds = {fold(words): code for code, words in labels(CommunityKind).items()}
    try:
        with services.db.sessions.begin() as session:
            for offset, values in enumerate(sheet.rows):
                number = sheet.first_row + offset
                data = _data(number, values, mapping, kinds)
                if data is None:
                    continue
                key = (fold(data.name), fold(data.district))
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
                _create(services, session, number, data)
                summary.created += 1
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


class _DryRun(Exception):
    """Ends a dry run's transaction, so everything checked is rolled back."""


def _data(
    number: int, values: tuple[Any, ...], mapping: dict[str, int], kinds: dict[str, str]
) -> CommunityData | None:
    if not any(str(value or "").strip() for value in values):
        return None
    found: dict[str, Any] = {}
    for name, index in mapping.items():
        value = values[index] if index < len(values) else None
        if isinstance(value, str):
            value = value.strip()
        try:
            found[name] = convert(value, _FIELDS[name])
        except (TypeError, ValueError):
            raise BadFile(
                _("row {row}, {field}: {value!r} is not a {kind}").format(
                    row=number, field=name, value=value, kind=_FIELDS[name]
                )
            ) from None
    if "kind" in found:
        kind = found["kind"]
        found["kind"] = kinds.get(fold(kind), kind) or CommunityKind.VILLAGE.value
    defaults = {f.name for f in dataclasses.fields(CommunityData)}
    return CommunityData(**{k: v for k, v in found.items() if k in defaults})


def _create(services: Services, session: Any, number: int, data: CommunityData) -> None:
    try:
        services.communities.create_in(session, data)
    except ValidationError as error:
        name, message = next(iter(error.errors.items()))
        raise BadFile(
            _("row {row}, {field}: {message}").format(row=number, field=name, message=message)
        ) from None
    except PermissionDenied as error:
        raise BadFile(_("row {row}: {message}").format(row=number, message=error)) from None
