"""Communities and their partnership history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import Community, PartnershipChange
from desktop.models.enums import CommunityKind, PartnershipStatus
from desktop.services.framework.entity import EntityService
from desktop.services.framework.schema_rules import Errors
from desktop.services.framework.status_history import StatusEntry, StatusHistory
from desktop.services.framework.text import fold
from desktop.services.security import permissions


@dataclass(frozen=True)
class CommunityData:
    """The community profile form. ``partnership_reason`` goes into the status history."""

    name: str
    district: str = ""
    kind: str = CommunityKind.VILLAGE.value
    other_names: str = ""
    country: str = ""
    region: str = ""
    locality: str = ""
    latitude: float | None = None
    longitude: float | None = None
    population_estimate: int | None = None
    languages: str = ""
    notes: str = ""
    partnership_status: str = PartnershipStatus.EXPLORING.value
    partnership_since: date | None = None
    partnership_reason: str = ""


PARTNERSHIP_HISTORY = StatusHistory(PartnershipChange, "community_id", "reason")


class CommunityService(EntityService[Community, CommunityData]):
    model: ClassVar[type[Any]] = Community
    data_type: ClassVar[type[Any]] = CommunityData
    entity: ClassVar[str] = "community"
    required = ("name",)
    choices = {"kind": CommunityKind, "partnership_status": PartnershipStatus}
    search_fields = ("search_text",)
    default_order = "name"
    search_is_folded = True

    def check(self, session: Session, data: CommunityData, current: Community | None) -> Errors:
        errors: Errors = {}
        if data.latitude is not None and not -90 <= data.latitude <= 90:
            errors["latitude"] = _("Between -90 and 90.")
        if data.longitude is not None and not -180 <= data.longitude <= 180:
            errors["longitude"] = _("Between -180 and 180.")
        if data.population_estimate is not None and data.population_estimate < 0:
            errors["population_estimate"] = _("Cannot be negative.")
        if data.partnership_since is not None and data.partnership_since > date.today():
            errors["partnership_since"] = _("Cannot be in the future.")
        status_changes = current is None or current.partnership_status != data.partnership_status
        if (
            status_changes
            and data.partnership_status == PartnershipStatus.DECLINED
            and not data.partnership_reason
        ):
            errors["partnership_reason"] = _("Say why the community declined, as they put it.")
        return errors

    def apply(self, session: Session, row: Community, data: CommunityData) -> None:
        super().apply(session, row, data)
        row.search_text = fold(data.name, data.other_names, data.district, data.locality)

    def snapshot(self, session: Session, row: Community) -> CommunityData:
        reason = PARTNERSHIP_HISTORY.latest_note(session, row.id)
        return replace(super().snapshot(session, row), partnership_reason=reason)

    def after_write(
        self,
        session: Session,
        row: Community,
        before: CommunityData | None,
        data: CommunityData,
    ) -> None:
        """Every change of partnership status (and the first one) is kept with its reason."""
        PARTNERSHIP_HISTORY.record(
            session,
            self.stamp,
            row.id,
            status_before=before.partnership_status if before is not None else None,
            status=data.partnership_status,
            note=data.partnership_reason,
            changed_on=data.partnership_since or date.today(),
        )

    def partnership_history(self, community_id: uuid.UUID) -> list[StatusEntry]:
        """The community's partnership decisions, oldest first (``note`` is the reason)."""
        with self.db.session() as session:
            row = self._load(session, community_id, include_deleted=True)
            self.authorize(session, permissions.READ, permissions.row_values(row))
            return PARTNERSHIP_HISTORY.entries(session, community_id)
