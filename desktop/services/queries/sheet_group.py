"""A participant group as a printed form heads its columns: its code and its name.

Apart from :mod:`desktop.services.queries.reporting` so that a blank form, which prints
the default groups, loads no database layer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    code: str
    name: str
