"""A sheet ready to write, whatever the file format."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Table:
    """A sheet's name, its headers, their HXL hashtags and its rows of cell values."""

    name: str
    headers: list[str]
    tags: list[str]
    rows: list[list[Any]]


def cell_value(value: Any) -> Any:
    """A stored value as a spreadsheet cell holds it: ids as text, timestamps as ISO text
    (exact to the microsecond), dates, numbers and booleans as themselves."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value
