"""Communities and their partnership history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import Community, PartnershipChange
from desktop.models.enums import CommunityKind, PartnershipStatus
from desktop.services.entity import EntityService, Errors
from desktop.services.text import fold


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


@dataclass(frozen=True)
class PartnershipEntry:
    status: str
    changed_on: date
    reason: str
    changed_by: str


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
        base = super().snapshot(session, row)
        latest = self._latest_change(session, row.id)
        reason = latest.reason if latest is not None else ""
        return replace(base, partnership_reason=reason)

    def after_write(
        self,
        session: Session,
        row: Community,
        before: CommunityData | None,
        data: CommunityData,
    ) -> None:
        """Every change of partnership status (and the first one) is kept with its reason."""
        if before is not None and before.partnership_status == data.partnership_status:
            latest = self._latest_change(session, row.id)
            if latest is not None and latest.reason != data.partnership_reason:
                latest.reason = data.partnership_reason
                self.stamp(latest)
            return
        change = PartnershipChange(
            id=uuid.uuid4(),
            community_id=row.id,
            status=data.partnership_status,
            changed_on=data.partnership_since or date.today(),
            reason=data.partnership_reason,
        )
        self.stamp(change)
        session.add(change)

    def partnership_history(self, community_id: uuid.UUID) -> list[PartnershipEntry]:
        """The community's partnership decisions, oldest first."""
        with self.db.session() as session:
            self._load(session, community_id, include_deleted=True)
            rows = session.scalars(
                select(PartnershipChange)
                .where(
                    PartnershipChange.community_id == community_id,
                    PartnershipChange.deleted_at.is_(None),
                )
                .order_by(PartnershipChange.changed_on, PartnershipChange.created_at)
            )
            return [PartnershipEntry(r.status, r.changed_on, r.reason, r.updated_by) for r in rows]

    @staticmethod
    def _latest_change(session: Session, community_id: uuid.UUID) -> PartnershipChange | None:
        return session.scalars(
            select(PartnershipChange)
            .where(
                PartnershipChange.community_id == community_id,
                PartnershipChange.deleted_at.is_(None),
            )
            .order_by(PartnershipChange.changed_on.desc(), PartnershipChange.created_at.desc())
            .limit(1)
        ).first()
