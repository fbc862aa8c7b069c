"""Readable columns beside the stored codes: a status's words, a group's name, a harm's
name in the chosen language. They help the person reading the sheet and are never read
back by an import (their names end in ``_label``)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from desktop.labels import label
from desktop.models import Harm, HarmName, ParticipantGroup
from desktop.services.facade import Services

from .collect import SheetRows

# Columns holding a code of a closed vocabulary (see desktop/labels.py).
_CODED = (
    "kind",
    "status",
    "type",
    "level",
    "role",
    "benchmark",
    "rating",
    "partnership_status",
    "signed_off_phase",
)


def add_labels(services: Services, sheets: list[SheetRows], language: str) -> None:
    """Add ``<column>_label`` after each coded column, group and harm of every sheet."""
    groups, harms = _names(services, language)
    for sheet in sheets:
        extra: list[str] = []
        for column in sheet.columns:
            names: dict[Any, str] | None = None
            if column in _CODED:
                names = None
            elif column == "group_code":
                names = groups
            elif column == "harm_id":
                names = harms
            else:
                continue
            extra.append(f"{column}_label")
            for row in sheet.rows:
                value = row.get(column)
                if names is None:
                    row[f"{column}_label"] = label(value) if value else ""
                else:
                    row[f"{column}_label"] = names.get(value, "")
        sheet.columns.extend(extra)
        if any("community" in row for row in sheet.rows):
            sheet.columns.append("community")


def _names(services: Services, language: str) -> tuple[dict[Any, str], dict[Any, str]]:
    with services.db.session() as session:
        groups = dict(session.execute(select(ParticipantGroup.code, ParticipantGroup.name)).all())
        harms: dict[uuid.UUID, str] = dict(session.execute(select(Harm.id, Harm.name)).all())
        translated = session.execute(
            select(HarmName.harm_id, HarmName.name).where(
                HarmName.language == language, HarmName.deleted_at.is_(None)
            )
        ).all()
    harms.update(dict(translated))
    return groups, harms
