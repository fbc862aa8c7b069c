"""The rules every entity gets without writing them: what its table's schema says.

A required field left empty, a value outside its list of choices, text longer than its
column, a reference to a record that does not exist (or was deleted), a unique value
already used by another record. Each entity adds only its own rules on top
(``EntityService.check``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from sqlalchemy import String, select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import Base

Errors = dict[str, str]


def schema_errors(
    session: Session,
    model: Any,
    data: object,
    *,
    required: Iterable[str],
    choices: Mapping[str, type[StrEnum]],
    fields: Iterable[str],
    current_id: uuid.UUID | None,
) -> Errors:
    """Field -> message for every schema rule ``data`` breaks (``current_id``: the record
    being updated, which may keep its own unique values)."""
    errors: Errors = {}
    for name in required:
        value = getattr(data, name)
        if value is None or (isinstance(value, str) and not value):
            errors[name] = _("Required.")
    for name, enum in choices.items():
        value = getattr(data, name)
        if name not in errors and value not in {member.value for member in enum}:
            errors[name] = _("Not a valid choice.")
    for name in fields:
        if name not in errors:
            problem = _column_problem(session, model, name, getattr(data, name), current_id)
            if problem:
                errors[name] = problem
    return errors


def _column_problem(
    session: Session, model: Any, name: str, value: Any, current_id: uuid.UUID | None
) -> str | None:
    column = model.__table__.columns[name]
    limit = column.type.length if isinstance(column.type, String) else None
    if limit and isinstance(value, str) and len(value) > limit:
        return _("At most {n} characters.").format(n=limit)
    if column.foreign_keys and value is not None:
        target = mapped_class(next(iter(column.foreign_keys)).column.table.name)
        referenced = session.get(target, value) if target is not None else None
        if referenced is None or getattr(referenced, "deleted_at", None) is not None:
            return _("Not found (it may have been deleted).")
    elif column.unique and value not in (None, ""):
        clash = select(model.id).where(getattr(model, name) == value)
        if current_id is not None:
            clash = clash.where(model.id != current_id)
        if session.scalars(clash.limit(1)).first() is not None:
            return _("Already used.")
    return None


def mapped_class(table_name: str) -> type[Any] | None:
    """The ORM class of a table, by the table's name."""
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table_name:
            return mapper.class_
    return None
