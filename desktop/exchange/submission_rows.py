"""The submissions in a sheet an ODK Central or KoboToolbox export (or API) gave: each
one's instanceID, the one it edits, whether a reviewer refused it, and which form it is.

Column names are matched on their last part: ODK Central writes ``attendance-count_girls``
and ``meta-instanceID``, KoboToolbox ``attendance/count_girls`` and ``_uuid``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from desktop.i18n import _

from .safe_read import BadFile, SheetData

_INSTANCE_COLUMNS = ("instanceid", "__id", "key", "_uuid", "uuid")
# Where an edited submission names the one it replaces: its deprecatedID, or the first
# version's id, which ODK Central keeps as ``__id`` (and Kobo as ``meta/rootUuid``) while
# ``meta/instanceID`` changes with every edit.
_EARLIER_COLUMNS = ("deprecatedid", "rootuuid", "__id")
_NAMESPACE = uuid.UUID("6f1d3c1e-4b8a-4f3e-9b35-2b0f6f0c7a11")


@dataclass(frozen=True)
class Row:
    number: int
    key: str
    values: dict[str, Any]
    replaces: str = ""  # the key of the submission this one edits (its deprecatedID)


def _key(header: str) -> str:
    return re.split(r"[/-]", header.strip())[-1].lower()


def read_submissions(sheet: SheetData) -> tuple[list[Row], list[Row]]:
    """The submissions to bring in, and those the server's reviewers refused."""
    keys = [_key(header) for header in sheet.headers]
    instance = [keys.index(k) for k in _INSTANCE_COLUMNS if k in keys]
    if not instance:
        raise BadFile(_("{file} has no meta/instanceID column").format(file=sheet.name))
    earlier = [keys.index(k) for k in _EARLIER_COLUMNS if k in keys]
    review = [i for i, header in enumerate(sheet.headers) if _is_review(header)]
    rows: list[Row] = []
    rejected: list[Row] = []
    for offset, values in enumerate(sheet.rows):
        if not any(str(value or "").strip() for value in values):
            continue
        number = sheet.first_row + offset
        if any(_refused_on_server(values[i]) for i in review if i < len(values)):
            named = {key: value for key, value in zip(keys, values, strict=False) if key}
            rejected.append(Row(number, "", named))
            continue
        given = [str(values[i] or "").strip() for i in instance if i < len(values)]
        raw = next((text for text in given if text), "")
        if not raw:
            raise BadFile(_("row {row}: no instanceID").format(row=number))
        key = instance_key(raw)
        olds = [str(values[i] or "").strip() for i in earlier if i < len(values)]
        old = next((instance_key(text) for text in olds if text), key)
        named = {key: value for key, value in zip(keys, values, strict=False) if key}
        rows.append(Row(number, key, named, "" if old == key else old))
    return rows, rejected


def _is_review(header: str) -> bool:
    """ODK Central's review state (``__system/reviewState``, ``ReviewState`` in its CSV)
    or KoboToolbox's validation status (``_validation_status``, an object in its JSON)."""
    name = header.strip().lower()
    return _key(name) == "reviewstate" or name.startswith("_validation_status")


def _refused_on_server(value: Any) -> bool:
    """Rejected on Central, or "not approved" on Kobo. Every other state (received, has
    issues, edited, approved, on hold, none) is imported: only a reviewer's refusal keeps
    a submission out."""
    text = re.sub(r"[\s_]+", " ", str(value or "")).strip().lower()
    return text in ("rejected", "not approved", "validation status not approved")


def instance_key(raw: str) -> str:
    """A submission's instanceID as the audit trail keeps it (36 characters)."""
    text = raw.removeprefix("uuid:").strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return str(uuid.uuid5(_NAMESPACE, raw))


def form_of(values: dict[str, Any], sheet: SheetData) -> str:
    keys = set(values) or {_key(header) for header in sheet.headers}
    if {"held_on", "kind", "community_id"} <= keys:
        return "meeting"
    if {"indicator_id", "observed_on"} <= keys:
        return "observation"
    if {"action_id", "status"} <= keys:
        return "action"
    raise BadFile(
        _("{file} is not an export of the meeting, observation or action form").format(
            file=sheet.name
        )
    )
