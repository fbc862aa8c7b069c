"""Alembic, driven from code: the migration scripts ship inside the package.

Opening a file only needs to know its revision and the newest one; that is read here
from the scripts' own ``revision``/``down_revision`` lines and the ``alembic_version``
table, without importing Alembic (about a second of every start-up on a slow laptop).
Alembic itself is loaded only when a file is actually upgraded.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _assigned(source: str, name: str) -> str | None:
    """The string a migration script assigns to ``name`` at module level (None if none)."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign):
            targets: list[ast.expr] = [node.target]
            value = node.value
        elif isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        else:
            continue
        if any(isinstance(target, ast.Name) and target.id == name for target in targets):
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
            return None
    return None


def revision_graph() -> dict[str, str | None]:
    """Each shipped revision and the one it revises, read from the scripts."""
    return _revision_graph(MIGRATIONS_DIR / "versions")


@cache
def _revision_graph(versions: Path) -> dict[str, str | None]:
    graph: dict[str, str | None] = {}
    for script in sorted(versions.glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision = _assigned(source, "revision")
        if revision is not None:
            graph[revision] = _assigned(source, "down_revision")
    return graph


def head_revision() -> str:
    """The newest revision: the one no other revision revises."""
    graph = revision_graph()
    heads = set(graph) - {down for down in graph.values() if down is not None}
    assert len(heads) == 1, f"the package ships one line of migrations, not {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(revision_graph())


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the file (None for a file Alembic never touched)."""
    if not connection.dialect.has_table(connection, "alembic_version"):
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def upgrade(connection: Connection, target: str = "head") -> None:
    """Apply migrations on ``connection`` inside its transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), target)
