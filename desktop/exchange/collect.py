"""What an export holds: the rows the signed-in person may read, chosen by district and
period, with personal columns left out of a shareable export.

Rows are read with the same permission condition every service list uses, so an export
never shows more than the screens do. Each row is placed in its community through its
parent (a meeting through its cycle), so a district or period choice carries down to
the rows below: a meeting outside the period takes its attendance with it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.sharing import is_shareable
from desktop.services.facade import Services
from desktop.services.security import permissions

from .sheets import SHEETS, SheetSpec

FULL, SHAREABLE = "full", "shareable"
PROFILES = (FULL, SHAREABLE)

# A column naming the parent a row hangs from, in the order they are looked for.
_PARENT_COLUMNS = (
    "community_id",
    "cycle_id",
    "meeting_id",
    "indicator_id",
    "review_id",
    "priority_id",
    "linkage_id",
    "action_id",
    "reflection_id",
    "comment_id",
    "harm_id",
)
# Office records about people and the app itself: never in a shareable export.
_OFFICE_ONLY = {"users", "assignments", "comments", "comment_reads", "office_settings"}
# The date that places a record in a period (records without one are not dated events).
_EVENT_DATES = {
    "meeting": "held_on",
    "observation": "observed_on",
    "reflection": "held_on",
    "mentor_review": "reviewed_on",
    "partnership_change": "changed_on",
    "linkage_change": "changed_on",
}


@dataclass(frozen=True)
class Selection:
    """Which records: the profile, and optionally one district and a period."""

    profile: str = FULL
    district: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class SheetRows:
    spec: SheetSpec
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Placing:
    """Where each read row belongs: id -> community id (None: office-wide), and the ids
    left out by the selection (their children are left out too)."""

    owner: dict[uuid.UUID, uuid.UUID | None] = field(default_factory=dict)
    left_out: set[uuid.UUID] = field(default_factory=set)
    names: dict[uuid.UUID, str] = field(default_factory=dict)


def collect(services: Services, selection: Selection) -> list[SheetRows]:
    """Every sheet's rows, as ``services.actor`` may read them."""
    placing = _Placing()
    sheets: list[SheetRows] = []
    with services.db.session() as session:
        permissions.require(session, services.actor, permissions.READ, "export")
        for spec in SHEETS:
            if selection.profile != FULL and spec.name in _OFFICE_ONLY:
                continue
            columns = [c for c in spec.columns() if _kept(spec, c, selection)]
            sheet = SheetRows(spec, columns)
            for row in _readable(session, services, spec, selection):
                values = {c: getattr(row, c) for c in spec.columns()}
                if _place(spec, values, selection, placing):
                    sheet.rows.append({c: values[c] for c in columns})
                    _name_community(spec, values, sheet.rows[-1], placing)
            sheets.append(sheet)
    return sheets


def _kept(spec: SheetSpec, column: str, selection: Selection) -> bool:
    if selection.profile == FULL:
        return True
    return is_shareable(spec.table, column) and column != "deleted_at"


def _readable(
    session: Session, services: Services, spec: SheetSpec, selection: Selection
) -> Iterator[Any]:
    model = spec.model
    query = select(model)
    if spec.table in permissions.MATRIX or spec.table == "app_user":
        query = query.where(permissions.readable_condition(session, services.actor, model))
    # else: a part of its parent record (a meeting's attendance), read with its parent
    if selection.profile != FULL:
        query = query.where(model.deleted_at.is_(None))  # a full export keeps tombstones
    yield from session.scalars(query.order_by(model.created_at, model.id))


def _place(
    spec: SheetSpec, values: dict[str, Any], selection: Selection, placing: _Placing
) -> bool:
    """Record where the row belongs; whether the selection keeps it."""
    row_id: uuid.UUID = values["id"]
    community: uuid.UUID | None = None
    kept = True
    if spec.table == "community":
        community = row_id
        kept = not selection.district or values["district"] == selection.district
        placing.names[row_id] = values["name"]
    else:
        for column in _PARENT_COLUMNS:
            parent = values.get(column)
            if column in values and parent is not None:
                community = parent if column == "community_id" else placing.owner.get(parent)
                # A parent not read (not readable, or not chosen) takes its rows with it.
                kept = parent in placing.owner and parent not in placing.left_out
                break
    kept = kept and _in_period(spec, values, selection)
    placing.owner[row_id] = community
    if not kept:
        placing.left_out.add(row_id)
    return kept


def _in_period(spec: SheetSpec, values: dict[str, Any], selection: Selection) -> bool:
    column = _EVENT_DATES.get(spec.table)
    if column is None:
        return True
    day: date = values[column]
    if selection.date_from is not None and day < selection.date_from:
        return False
    return selection.date_to is None or day <= selection.date_to


def _name_community(
    spec: SheetSpec, values: dict[str, Any], out: dict[str, Any], placing: _Placing
) -> None:
    """Add the readable name of the row's community (not stored, so never imported)."""
    community = placing.owner.get(values["id"])
    if spec.table != "community" and community is not None:
        out["community"] = placing.names.get(community, "")
