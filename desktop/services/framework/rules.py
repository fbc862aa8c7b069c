"""Small checks several services share: dates in order, not in the future, same cycle, ...

Each adds a message to an ``errors`` mapping (field -> message) and leaves fields
that already have a message alone, so the first problem found is the one shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import ParticipantGroup
from desktop.services.framework.schema_rules import Errors


def dates_in_order(errors: Errors, end_field: str, start: date | None, end: date | None) -> None:
    """An end (or due) date on or after its start."""
    if start is not None and end is not None and end < start and end_field not in errors:
        errors[end_field] = _("Cannot be before the start date.")


def not_in_future(
    errors: Errors, field: str, value: date | None, today: date | None = None
) -> None:
    """A date of something that already happened. The message names today, so a person
    whose typing slipped a year sees it, and so does one whose device clock is wrong."""
    today = today or date.today()
    if value is not None and value > today and field not in errors:
        errors[field] = _("Cannot be in the future (today is {today}).").format(
            today=today.isoformat()
        )


def cycle_of(session: Session, model: type[Any], record_id: uuid.UUID | None) -> uuid.UUID | None:
    """The cycle a live meeting, action, ... belongs to (None if there is no such record)."""
    if record_id is None:
        return None
    row = session.get(model, record_id)
    if row is None or row.deleted_at is not None:
        return None
    cycle_id: uuid.UUID = row.cycle_id
    return cycle_id


def in_same_cycle(
    errors: Errors,
    session: Session,
    field: str,
    model: type[Any],
    record_id: uuid.UUID | None,
    cycle_id: uuid.UUID | None,
) -> None:
    """A referenced meeting or action belongs to the record's own cycle."""
    if record_id is None or cycle_id is None or field in errors:
        return
    other = cycle_of(session, model, record_id)
    if other is not None and other != cycle_id:
        errors[field] = _("Belongs to another cycle.")


def known_group_codes(session: Session) -> set[str]:
    """Codes of the office's participant groups, active or not (older records use old ones)."""
    return set(
        session.scalars(
            select(ParticipantGroup.code).where(ParticipantGroup.deleted_at.is_(None))
        ).all()
    )


def check_group_codes(errors: Errors, session: Session, field: str, codes: Iterable[str]) -> None:
    """Every code names a participant group of the office."""
    unknown = sorted(set(codes) - known_group_codes(session))
    if unknown and field not in errors:
        errors[field] = _("Unknown participant group: {codes}.").format(
            codes=", ".join(code or '""' for code in unknown)
        )
