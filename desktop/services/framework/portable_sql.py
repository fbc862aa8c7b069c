"""SQL that reads the same on a laptop's SQLite file and the office's PostgreSQL.

The services build their queries once; the few functions the two databases spell
differently are named here and spelled per dialect when the query is compiled.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction


class greatest(GenericFunction[Any]):
    """The larger of its arguments: ``greatest()`` on PostgreSQL, scalar ``max()`` on
    SQLite. Callers pass no NULLs (the two treat them differently: coalesce first)."""

    inherit_cache = True


@compiles(greatest, "sqlite")
def _greatest_on_sqlite(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


class joined_text(GenericFunction[str]):
    """The group's values as one comma-separated text, in no particular order:
    ``string_agg`` on PostgreSQL, ``group_concat`` on SQLite."""

    inherit_cache = True


@compiles(joined_text)
def _joined_text(element: joined_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"string_agg(CAST({compiler.process(element.clauses, **kw)} AS TEXT), ',')"


@compiles(joined_text, "sqlite")
def _joined_text_on_sqlite(element: joined_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)})"


class id_text(GenericFunction[str]):
    """An id column read as the 32 hex digits ``UUID.hex`` gives, making no UUID object a
    row: SQLite's 16 bytes and PostgreSQL's native uuid are each spelled out."""

    type = String()
    inherit_cache = True


@compiles(id_text)
def _id_text(element: id_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"replace(CAST({compiler.process(element.clauses, **kw)} AS TEXT), '-', '')"


@compiles(id_text, "sqlite")
def _id_text_on_sqlite(element: id_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower(hex({compiler.process(element.clauses, **kw)}))"
