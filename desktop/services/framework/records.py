"""What services hand back: plain, immutable values that outlive the database session."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

D = TypeVar("D")
T = TypeVar("T")


@dataclass(frozen=True)
class Record(Generic[D]):
    """One stored entity: its identity and bookkeeping, and its editable ``data``."""

    id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime
    updated_by: str
    deleted_at: datetime | None
    data: D

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class Page(Generic[T]):
    """A slice of a longer list, and how long the whole list is."""

    items: Sequence[T]
    total: int
    offset: int = 0
