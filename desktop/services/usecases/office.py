"""Office-wide configuration: the participant groups it tracks, and its settings."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import (
    HarmRank,
    MeetingAttendance,
    OfficeSetting,
    ParticipantGroup,
    PlanningGroupMember,
)
from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.services.framework.schema_rules import Errors
from desktop.services.usecases.office_keys import DEFAULTS, THRESHOLD_RANGES, SettingKey

CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_.]*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class ParticipantGroupData:
    """A group whose participation is counted; ``position`` orders the columns."""

    code: str
    name: str
    position: int = 0
    active: bool = True


class ParticipantGroupService(EntityService[ParticipantGroup, ParticipantGroupData]):
    """A group used in records keeps its code and is deactivated rather than deleted."""

    model: ClassVar[type[Any]] = ParticipantGroup
    data_type: ClassVar[type[Any]] = ParticipantGroupData
    entity: ClassVar[str] = "participant_group"
    required = ("code", "name")
    search_fields = ("code", "name")
    default_order = "position"

    def check(
        self, session: Session, data: ParticipantGroupData, current: ParticipantGroup | None
    ) -> Errors:
        errors: Errors = {}
        if data.code and not CODE_PATTERN.match(data.code):
            errors["code"] = _("Use lowercase letters, digits, - and _ only.")
        elif current is not None and current.code != data.code and _in_use(session, current.code):
            errors["code"] = _("This group is used in records: its code cannot change.")
        if data.position < 0:
            errors["position"] = _("Cannot be negative.")
        return errors

    def check_delete(self, session: Session, row: ParticipantGroup) -> Errors:
        if _in_use(session, row.code):
            return {"active": _("This group is used in records: deactivate it instead.")}
        return {}

    def participant_groups(self, active_only: bool = True) -> list[Record[ParticipantGroupData]]:
        """The groups in the order they are shown (by position, then name)."""
        where = {"active": True} if active_only else None
        groups = self.list(where=where, order_by="position").items
        return sorted(groups, key=lambda group: (group.data.position, group.data.name))


def _in_use(session: Session, code: str) -> bool:
    for model in (MeetingAttendance, HarmRank, PlanningGroupMember):
        used = select(model.id).where(model.group_code == code, model.deleted_at.is_(None))
        if session.scalars(used.limit(1)).first() is not None:
            return True
    return False


@dataclass(frozen=True)
class OfficeSettingData:
    key: str
    value: str = ""


class OfficeSettingService(EntityService[OfficeSetting, OfficeSettingData]):
    """Settings as records (audited, synced), with typed helpers for the known keys."""

    model: ClassVar[type[Any]] = OfficeSetting
    data_type: ClassVar[type[Any]] = OfficeSettingData
    entity: ClassVar[str] = "office_setting"
    required = ("key",)
    search_fields = ("key", "value")
    default_order = "key"

    def check(
        self, session: Session, data: OfficeSettingData, current: OfficeSetting | None
    ) -> Errors:
        errors: Errors = {}
        if data.key and not KEY_PATTERN.match(data.key):
            errors["key"] = _("Use lowercase letters, digits, dots and _ only.")
        if data.key == SettingKey.IDLE_LOCK_MINUTES:
            if not data.value.isdigit() or not 1 <= int(data.value) <= 1440:
                errors["value"] = _("A number of minutes from 1 to 1440.")
        elif data.key == SettingKey.DEFAULT_LANGUAGE and not LANGUAGE_PATTERN.match(data.value):
            errors["value"] = _("Not a language code (such as en, fr, ar).")
        elif data.key == SettingKey.OFFICE_LOGO and data.value:
            errors.update(_logo_errors(data.value))
        elif data.key in THRESHOLD_RANGES:
            low, high = THRESHOLD_RANGES[data.key]
            if (
                not data.value.isascii()
                or not data.value.isdigit()
                or not low <= int(data.value) <= high
            ):
                errors["value"] = _("A whole number from {low} to {high}.").format(
                    low=low, high=high
                )
        return errors

    def value(self, key: str, default: str | None = None) -> str:
        """The stored value, else ``default``, else the known default, else ""."""
        with self.db.session() as session:
            stored = session.scalars(
                select(OfficeSetting.value).where(
                    OfficeSetting.key == key, OfficeSetting.deleted_at.is_(None)
                )
            ).first()
        if stored is not None:
            return stored
        return default if default is not None else DEFAULTS.get(key, "")

    def int_value(self, key: str, default: int = 0) -> int:
        """The stored value as a whole number (``default`` if missing or not a number)."""
        text = self.value(key, "")
        try:
            return int(text)
        except ValueError:
            known = DEFAULTS.get(key, "")
            return int(known) if known.isdigit() else default

    def set_value(self, key: str, value: str | int) -> Record[OfficeSettingData]:
        """Store a setting, creating (or restoring) its record as needed."""
        data = self._normalise(OfficeSettingData(key=key, value=str(value)))
        with self.db.session() as session:
            row = session.scalars(
                select(OfficeSetting).where(OfficeSetting.key == data.key)
            ).first()
            if row is None:
                found, deleted = None, False
            else:
                found, deleted = row.id, row.deleted_at is not None
                if deleted:
                    # Check before restoring, so a refused value leaves the setting deleted.
                    self._raise_if_invalid(session, data, row)
        if found is None:
            return self.create(data)
        if deleted:
            self.restore(found)
        return self.update(found, data)

    def office_name(self) -> str:
        return self.value(SettingKey.OFFICE_NAME)

    def set_office_name(self, name: str) -> Record[OfficeSettingData]:
        return self.set_value(SettingKey.OFFICE_NAME, name)

    def default_language(self) -> str:
        return self.value(SettingKey.DEFAULT_LANGUAGE)

    def idle_lock_minutes(self) -> int:
        return self.int_value(SettingKey.IDLE_LOCK_MINUTES)

    def set_idle_lock_minutes(self, minutes: int) -> Record[OfficeSettingData]:
        return self.set_value(SettingKey.IDLE_LOCK_MINUTES, minutes)

    def office_logo(self) -> bytes | None:
        """The office's logo picture (PNG or JPEG bytes), or None.

        Stored as base64; a ``data:`` URL or the path of a picture file (as an office may
        have typed on the command line) is read too, and anything else gives None."""
        text = self.value(SettingKey.OFFICE_LOGO).strip()
        if not text:
            return None
        if text.startswith("data:") and "," in text:
            text = text.split(",", 1)[1]
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            path = Path(text).expanduser()
            return path.read_bytes() if path.is_file() else None

    def set_office_logo(self, picture: bytes | None) -> Record[OfficeSettingData]:
        """Store (or with None, remove) the logo printed on reports and shown in the app."""
        text = base64.b64encode(picture).decode("ascii") if picture else ""
        return self.set_value(SettingKey.OFFICE_LOGO, text)


MAX_LOGO_BYTES = 512 * 1024
_PICTURE_STARTS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def _logo_errors(text: str) -> Errors:
    try:
        picture = base64.b64decode(text, validate=True)
    except ValueError:
        return {"value": _("Not a picture.")}
    if not picture.startswith(_PICTURE_STARTS):
        return {"value": _("Choose a PNG or JPEG picture.")}
    if len(picture) > MAX_LOGO_BYTES:
        limit = MAX_LOGO_BYTES // 1024
        return {"value": _("The logo is too large: at most {n} KB.").format(n=limit)}
    return {}
