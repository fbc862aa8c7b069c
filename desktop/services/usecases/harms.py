"""The harm catalogue (with names in other languages) and the harms a cycle considered."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import (
    Action,
    Cycle,
    Harm,
    HarmName,
    HarmPriority,
    HarmRank,
    Indicator,
    LearningFinding,
    Meeting,
)
from desktop.services.framework.entity import EntityService
from desktop.services.framework.rules import check_group_codes, in_same_cycle
from desktop.services.framework.schema_rules import Errors
from desktop.services.framework.text import fold
from desktop.services.security import permissions

CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
NAME_LENGTH: int | None = getattr(HarmName.__table__.columns["name"].type, "length", None)


@dataclass(frozen=True)
class HarmData:
    """A harm. ``code`` left empty is made from the name; ``names`` maps a language code
    ("fr", "ar", "pt-BR") to the harm's name in that language (an empty name removes it)."""

    name: str
    code: str = ""
    description: str = ""
    community_id: uuid.UUID | None = None
    retired: bool = False
    names: Mapping[str, str] = field(default_factory=dict)


class HarmService(EntityService[Harm, HarmData]):
    """Harms in use are retired, never deleted, so old records keep their meaning."""

    model: ClassVar[type[Any]] = Harm
    data_type: ClassVar[type[Any]] = HarmData
    entity: ClassVar[str] = "harm"
    required = ("code", "name")
    search_fields = ("name", "code", "description")
    default_order = "name"

    def fill_in(self, session: Session, data: HarmData, current: Harm | None) -> HarmData:
        names = {lang.strip(): name.strip() for lang, name in data.names.items() if name.strip()}
        code = data.code or _free_code(session, data.name, current)
        return replace(data, code=code, names=names)

    def check(self, session: Session, data: HarmData, current: Harm | None) -> Errors:
        errors: Errors = {}
        if data.code and not CODE_PATTERN.match(data.code):
            errors["code"] = _("Use lowercase letters, digits, - and _ only.")
        elif data.code and _code_taken(session, data.code, current):
            errors["code"] = _("Another harm has this code.")
        bad_languages = [lang for lang in data.names if not LANGUAGE_PATTERN.match(lang)]
        if bad_languages:
            errors["names"] = _("Not a language code: {codes}.").format(
                codes=", ".join(bad_languages) or '""'
            )
        elif NAME_LENGTH and any(len(name) > NAME_LENGTH for name in data.names.values()):
            errors["names"] = _("A name has at most {n} characters.").format(n=NAME_LENGTH)
        return errors

    def check_delete(self, session: Session, row: Harm) -> Errors:
        for model in (HarmPriority, Action, Indicator, LearningFinding):
            used = select(model.id).where(model.harm_id == row.id, model.deleted_at.is_(None))
            if session.scalars(used.limit(1)).first() is not None:
                return {"retired": _("This harm is used in cycles: retire it instead.")}
        return {}

    def snapshot(self, session: Session, row: Harm) -> HarmData:
        rows = self.live_children(session, HarmName, ("harm_id", row.id))
        names = {r.language: r.name for r in rows}
        return replace(super().snapshot(session, row), names=names)

    def after_write(
        self, session: Session, row: Harm, before: HarmData | None, data: HarmData
    ) -> None:
        wanted = {lang: {"name": name} for lang, name in data.names.items()}
        self.sync_children(session, HarmName, ("harm_id", row.id), "language", wanted)

    def display_name(self, harm_id: uuid.UUID, language: str) -> str:
        """The harm's name in ``language`` ("fr-CA" falls back to "fr"), else its own name."""
        with self.db.session() as session:
            harm = self._load(session, harm_id, include_deleted=True)
            names = {
                r.language.lower(): r.name
                for r in self.live_children(session, HarmName, ("harm_id", harm.id))
            }
        wanted = language.strip().lower().replace("_", "-")
        return names.get(wanted) or names.get(wanted.split("-")[0]) or harm.name


def _code_taken(session: Session, code: str, current: Harm | None) -> bool:
    clash = select(Harm.id).where(Harm.code == code, Harm.deleted_at.is_(None))
    if current is not None:
        clash = clash.where(Harm.id != current.id)
    return session.scalars(clash.limit(1)).first() is not None


def _free_code(session: Session, name: str, current: Harm | None) -> str:
    """A code made from the name ("Early marriage" -> "early_marriage"), unused so far."""
    if current is not None:
        return current.code
    stem = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")[:50] or "harm"
    code, n = stem, 1
    while _code_taken(session, code, None):
        n += 1
        code = f"{stem}_{n}"
    return code


@dataclass(frozen=True)
class HarmPriorityData:
    """A harm a cycle considered. ``ranks`` maps a participant group code to the rank that
    group gave the harm (1 = most serious); ``selected`` is the community's decision."""

    cycle_id: uuid.UUID
    harm_id: uuid.UUID
    selected: bool = False
    reasons: str = ""
    decided_at_meeting_id: uuid.UUID | None = None
    ranks: Mapping[str, int] = field(default_factory=dict)


class HarmPriorityService(EntityService[HarmPriority, HarmPriorityData]):
    """Each harm is considered at most once per cycle. A retired harm, or another
    community's own harm, cannot be newly considered."""

    model: ClassVar[type[Any]] = HarmPriority
    data_type: ClassVar[type[Any]] = HarmPriorityData
    entity: ClassVar[str] = "harm_priority"
    required = ("cycle_id", "harm_id")
    search_fields = ("reasons",)

    def fill_in(
        self, session: Session, data: HarmPriorityData, current: HarmPriority | None
    ) -> HarmPriorityData:
        return replace(data, ranks={code.strip(): rank for code, rank in data.ranks.items()})

    def check(
        self, session: Session, data: HarmPriorityData, current: HarmPriority | None
    ) -> Errors:
        errors: Errors = {}
        if data.selected and not data.reasons:
            errors["reasons"] = _("Say why the community selected this harm.")
        in_same_cycle(
            errors,
            session,
            "decided_at_meeting_id",
            Meeting,
            data.decided_at_meeting_id,
            data.cycle_id,
        )
        if any(not isinstance(r, int) or isinstance(r, bool) or r < 1 for r in data.ranks.values()):
            errors["ranks"] = _("Ranks are whole numbers from 1 (most serious).")
        check_group_codes(errors, session, "ranks", data.ranks)
        harm_changes = current is None or current.harm_id != data.harm_id
        harm = session.get(Harm, data.harm_id) if data.harm_id is not None else None
        cycle = session.get(Cycle, data.cycle_id) if data.cycle_id is not None else None
        if harm is not None and harm_changes and harm.retired:
            errors["harm_id"] = _("This harm is retired.")
        elif (
            harm is not None
            and cycle is not None
            and harm.community_id
            not in (
                None,
                cycle.community_id,
            )
        ):
            errors["harm_id"] = _("This harm belongs to another community.")
        elif harm is not None and cycle is not None:
            self._check_unique(errors, session, data, current)
        return errors

    @staticmethod
    def _check_unique(
        errors: Errors, session: Session, data: HarmPriorityData, current: HarmPriority | None
    ) -> None:
        query = select(HarmPriority).where(
            HarmPriority.cycle_id == data.cycle_id, HarmPriority.harm_id == data.harm_id
        )
        if current is not None:
            query = query.where(HarmPriority.id != current.id)
        other = session.scalars(query.limit(1)).first()
        if other is None:
            return
        if other.deleted_at is None:
            errors["harm_id"] = _("This harm is already considered in this cycle.")
        else:
            errors["harm_id"] = _(
                "This harm was considered in this cycle and deleted: restore that record."
            )

    def snapshot(self, session: Session, row: HarmPriority) -> HarmPriorityData:
        rows = self.live_children(session, HarmRank, ("priority_id", row.id))
        return replace(super().snapshot(session, row), ranks={r.group_code: r.rank for r in rows})

    def after_write(
        self,
        session: Session,
        row: HarmPriority,
        before: HarmPriorityData | None,
        data: HarmPriorityData,
    ) -> None:
        wanted = {code: {"rank": rank} for code, rank in data.ranks.items()}
        self.sync_children(session, HarmRank, ("priority_id", row.id), "group_code", wanted)

    def selected_harm_ids(self, cycle_id: uuid.UUID) -> set[uuid.UUID]:
        """The harms the community selected in a cycle (what actions may address)."""
        with self.db.session() as session:
            permissions.require_record(
                session, self.actor, permissions.READ, "harm_priority", {"cycle_id": cycle_id}
            )
            return set(
                session.scalars(
                    select(HarmPriority.harm_id).where(
                        HarmPriority.cycle_id == cycle_id,
                        HarmPriority.selected.is_(True),
                        HarmPriority.deleted_at.is_(None),
                    )
                )
            )
