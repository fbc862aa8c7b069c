"""Cycle numbers: one more than the community's highest live cycle, unique among live
cycles, and read as a number even when a form hands them over as text."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import Cycle


def next_number(session: Session, community_id: uuid.UUID) -> int:
    """One more than the highest number among the community's live cycles."""
    highest = session.scalar(
        select(func.max(Cycle.number)).where(
            Cycle.community_id == community_id, Cycle.deleted_at.is_(None)
        )
    )
    return (highest or 0) + 1


def number_taken(session: Session, row: Cycle) -> bool:
    """Whether another live cycle of the community has ``row``'s number."""
    clash = select(Cycle.id).where(
        Cycle.community_id == row.community_id,
        Cycle.number == row.number,
        Cycle.deleted_at.is_(None),
        Cycle.id != row.id,
    )
    return session.scalars(clash.limit(1)).first() is not None


def typed_number(number: object) -> Any:
    """A number typed as text ("3", " 3 ", "") becomes a number (or None); anything else
    is left as it came for ``check`` to refuse with a message instead of failing a
    comparison."""
    if not isinstance(number, str):
        return number
    text = number.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    return number
