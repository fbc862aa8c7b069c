"""People who use the app, and their assignments to communities as facilitator or mentor."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.labels import label
from desktop.models import Community, CommunityAssignment, ServerAccount, User, utcnow
from desktop.models.enums import AssignmentRole, Role
from desktop.services.framework.entity import EntityService
from desktop.services.framework.errors import ValidationError
from desktop.services.framework.records import Record
from desktop.services.framework.rules import dates_in_order
from desktop.services.framework.schema_rules import Errors
from desktop.services.security import permissions

USERNAME_PATTERN = re.compile(r"^[a-z0-9._-]{2,40}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class UserData:
    """An account. The username is stored in lowercase."""

    username: str
    role: str
    display_name: str = ""
    language: str = "en"
    active: bool = True


class UserService(EntityService[User, UserData]):
    """A username stays taken after the account is deleted (old records name it)."""

    model: ClassVar[type[Any]] = User
    data_type: ClassVar[type[Any]] = UserData
    entity: ClassVar[str] = "user"
    required = ("username", "role", "language")
    choices = {"role": Role}
    search_fields = ("username", "display_name")
    default_order = "username"

    def fill_in(self, session: Session, data: UserData, current: User | None) -> UserData:
        return replace(data, username=data.username.lower())

    def check(self, session: Session, data: UserData, current: User | None) -> Errors:
        errors: Errors = {}
        if data.username and not USERNAME_PATTERN.match(data.username):
            errors["username"] = _("2 to 40 letters a-z, digits, dots, dashes or underscores.")
        if data.language and not LANGUAGE_PATTERN.match(data.language):
            errors["language"] = _("Not a language code (such as en, fr, ar).")
        role_changes = current is not None and current.role != data.role
        if (
            current is not None
            and role_changes
            and current.role in set(AssignmentRole)
            and _current_assignments(session, current.id, role=current.role)
        ):
            errors["role"] = _("End this person's assignments as {role} first.").format(
                role=label(current.role)
            )
        return errors

    def after_write(
        self, session: Session, row: User, before: UserData | None, data: UserData
    ) -> None:
        """Disabling an account ends its sign-ins on the office server too: a token issued
        before now is refused there, even if the account is enabled again soon after."""
        if before is not None and before.active and not data.active:
            account = session.get(ServerAccount, row.username)
            if account is not None:
                account.valid_after = utcnow()

    def check_delete(self, session: Session, row: User) -> Errors:
        if _current_assignments(session, row.id):
            return {"active": _("This person is assigned to communities: end that first.")}
        return {}


def _current_assignments(
    session: Session, user_id: uuid.UUID, *, role: str | None = None
) -> list[uuid.UUID]:
    query = select(CommunityAssignment.id).where(
        CommunityAssignment.user_id == user_id,
        CommunityAssignment.deleted_at.is_(None),
        or_(CommunityAssignment.to_on.is_(None), CommunityAssignment.to_on >= date.today()),
    )
    if role is not None:
        query = query.where(CommunityAssignment.role == role)
    return list(session.scalars(query))


@dataclass(frozen=True)
class AssignmentData:
    """A person assigned to a community; no ``to_on`` means "until further notice"."""

    community_id: uuid.UUID
    user_id: uuid.UUID
    role: str
    from_on: date | None = None
    to_on: date | None = None


@dataclass(frozen=True)
class AssignmentRow:
    """One of a person's assignments, with the community's name for showing it."""

    id: uuid.UUID
    version: int
    community_name: str
    district: str
    data: AssignmentData

    def current(self, today: date) -> bool:
        starts, ends = self.data.from_on, self.data.to_on
        return (starts is None or starts <= today) and (ends is None or ends >= today)


class AssignmentService(EntityService[CommunityAssignment, AssignmentData]):
    """A facilitator assignment needs a facilitator's account, a mentor assignment a
    mentor's. The same person may be assigned to a community in the same role again
    later, but not for overlapping periods (that would be a duplicate)."""

    model: ClassVar[type[Any]] = CommunityAssignment
    data_type: ClassVar[type[Any]] = AssignmentData
    entity: ClassVar[str] = "community_assignment"
    required = ("community_id", "user_id", "role")
    choices = {"role": AssignmentRole}
    default_order = "from_on"

    def check(
        self, session: Session, data: AssignmentData, current: CommunityAssignment | None
    ) -> Errors:
        errors: Errors = {}
        dates_in_order(errors, "to_on", data.from_on, data.to_on)
        user = session.get(User, data.user_id) if data.user_id is not None else None
        if user is None or user.deleted_at is not None:
            return errors
        if data.role in set(AssignmentRole) and user.role != data.role:
            errors["user_id"] = _("This person's account is not a {role} account.").format(
                role=label(data.role)
            )
        elif not user.active and (current is None or current.user_id != data.user_id):
            errors["user_id"] = _("This account is not active.")
        elif self._overlaps(session, data, current):
            errors["user_id"] = _("This person is already assigned here for that period.")
        return errors

    def assign_many(
        self,
        user_id: uuid.UUID,
        role: str,
        community_ids: Sequence[uuid.UUID],
        from_on: date | None = None,
        to_on: date | None = None,
    ) -> list[Record[AssignmentData]]:
        """Assign one person to several communities at once: all of them, or (on a
        refusal, whose message names the community) none."""
        if not community_ids:
            raise ValidationError({"community_id": _("Choose at least one community.")})
        made: list[Record[AssignmentData]] = []
        with self.db.sessions.begin() as session:
            for community_id in community_ids:
                data = AssignmentData(community_id, user_id, role, from_on, to_on)
                try:
                    made.append(self.create_in(session, data))
                except ValidationError as refused:
                    name = session.scalar(
                        select(Community.name).where(Community.id == community_id)
                    )
                    raise ValidationError(
                        {
                            field: f"{name or community_id}: {message}"
                            for field, message in refused.errors.items()
                        }
                    ) from None
        return made

    def of_person(self, user_id: uuid.UUID) -> list[AssignmentRow]:
        """The person's assignments (ended ones too), by community name then start."""
        with self.db.session() as session:
            rows = session.execute(
                select(CommunityAssignment, Community.name, Community.district)
                .join(Community, Community.id == CommunityAssignment.community_id)
                .where(
                    CommunityAssignment.user_id == user_id,
                    CommunityAssignment.deleted_at.is_(None),
                    permissions.readable_condition(session, self.actor, CommunityAssignment),
                    permissions.readable_condition(session, self.actor, Community),
                )
                .order_by(Community.name, CommunityAssignment.from_on)
            ).all()
            return [
                AssignmentRow(row.id, row.version, name, district, self.snapshot(session, row))
                for row, name, district in rows
            ]

    @staticmethod
    def _overlaps(
        session: Session, data: AssignmentData, current: CommunityAssignment | None
    ) -> bool:
        query = select(CommunityAssignment).where(
            CommunityAssignment.community_id == data.community_id,
            CommunityAssignment.user_id == data.user_id,
            CommunityAssignment.role == data.role,
            CommunityAssignment.deleted_at.is_(None),
        )
        if current is not None:
            query = query.where(CommunityAssignment.id != current.id)
        for other in session.scalars(query):
            starts_before_other_ends = (
                data.from_on is None or other.to_on is None or data.from_on <= other.to_on
            )
            other_starts_before_end = (
                other.from_on is None or data.to_on is None or other.from_on <= data.to_on
            )
            if starts_before_other_ends and other_starts_before_end:
                return True
        return False
