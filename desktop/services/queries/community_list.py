"""The community list: one query with the columns a field office scans all day.

Computed columns (current phase, facilitator, last activity, open follow-ups,
overdue actions) are correlated subqueries over indexed foreign keys, so a
page of 200 rows sorted by name touches only those rows. Those indexes cover
every column the subqueries read (deleted_at included; see migration 0004),
so sorting 10,000 communities by a computed column never reads a table row
of meetings, phases or actions. Counting rows (count(*), not count of an id)
keeps it so.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import ScalarSelect

from desktop.models import (
    Action,
    Community,
    CommunityAssignment,
    Cycle,
    FollowUp,
    Meeting,
    MentorReview,
    Phase,
    Reflection,
    User,
)
from desktop.models.enums import ActionStatus, AssignmentRole, FollowUpStatus
from desktop.services.framework.actor import Actor
from desktop.services.framework.portable_sql import greatest
from desktop.services.framework.records import Page
from desktop.services.framework.text import escape_like, fold
from desktop.services.security import permissions
from desktop.storage import Database

_ID_CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit


class SortKey(StrEnum):
    NAME = "name"
    DISTRICT = "district"
    PARTNERSHIP_STATUS = "partnership_status"
    CURRENT_PHASE = "current_phase"
    FACILITATOR = "facilitator"
    LAST_ACTIVITY = "last_activity"
    OPEN_FOLLOW_UPS = "open_follow_ups"
    OVERDUE_ACTIONS = "overdue_actions"


@dataclass(frozen=True)
class CommunityQuery:
    """Filters, sort and page of the community list. Empty filters mean "any"."""

    text: str = ""
    district: str = ""
    partnership_status: str = ""
    phase: str = ""
    facilitator: str = ""  # a username
    sort: SortKey = SortKey.NAME
    descending: bool = False
    offset: int = 0
    limit: int | None = 200
    today: date | None = None


@dataclass(frozen=True)
class CommunityRow:
    id: uuid.UUID
    name: str
    district: str
    partnership_status: str
    current_phase: str | None
    facilitator: str | None
    last_activity: date | None
    open_follow_ups: int
    overdue_actions: int


def _live_cycles() -> ColumnElement[bool]:
    return and_(Cycle.community_id == Community.id, Cycle.deleted_at.is_(None))


def _current_phase(today: date) -> ScalarSelect[Any]:
    return (
        select(Phase.kind)
        .join(Cycle, Phase.cycle_id == Cycle.id)
        .where(
            _live_cycles(),
            Phase.deleted_at.is_(None),
            Phase.start_on <= today,
            or_(Phase.end_on.is_(None), Phase.end_on >= today),
        )
        .order_by(Phase.start_on.desc(), Phase.id)
        .limit(1)
        .correlate(Community)
        .scalar_subquery()
    )


def _current_facilitator_assignment(today: date) -> list[ColumnElement[bool]]:
    return [
        CommunityAssignment.deleted_at.is_(None),
        CommunityAssignment.role == AssignmentRole.FACILITATOR.value,
        or_(CommunityAssignment.from_on.is_(None), CommunityAssignment.from_on <= today),
        or_(CommunityAssignment.to_on.is_(None), CommunityAssignment.to_on >= today),
    ]


def _active_facilitators(today: date) -> Select[str, str]:
    return (
        select(User.display_name, User.username)
        .join(CommunityAssignment, CommunityAssignment.user_id == User.id)
        .where(
            CommunityAssignment.community_id == Community.id,
            *_current_facilitator_assignment(today),
        )
        .correlate(Community)
    )


def _communities_facilitated_by(username: str, today: date) -> Select[uuid.UUID]:
    """Not correlated: SQLite builds the id set once instead of probing per community."""
    return (
        select(CommunityAssignment.community_id)
        .join(User, CommunityAssignment.user_id == User.id)
        .where(User.username == username, *_current_facilitator_assignment(today))
    )


def _facilitator(today: date) -> ScalarSelect[Any]:
    names = _active_facilitators(today).with_only_columns(
        func.coalesce(func.nullif(User.display_name, ""), User.username)
    )
    return names.order_by(CommunityAssignment.from_on.desc()).limit(1).scalar_subquery()


def _latest_day(model: type[Meeting] | type[Reflection]) -> ScalarSelect[Any]:
    """The day of the cycle's latest live meeting or reflection, read from its index."""
    return (
        select(func.max(model.held_on))
        .where(model.cycle_id == Cycle.id, model.deleted_at.is_(None))
        .correlate(Cycle)
        .scalar_subquery()
    )


def _last_activity() -> ScalarSelect[Any]:
    """The latest meeting or reflection of the community's live cycles, cycle by cycle.

    The two databases treat a NULL argument of ``greatest`` differently, hence coalesce
    both ways round.
    """
    meeting, reflection = _latest_day(Meeting), _latest_day(Reflection)
    latest = greatest(func.coalesce(meeting, reflection), func.coalesce(reflection, meeting))
    return select(func.max(latest)).where(_live_cycles()).correlate(Community).scalar_subquery()


def _open_follow_ups() -> ScalarSelect[Any]:
    return (
        select(func.count())
        .select_from(FollowUp)
        .join(MentorReview, FollowUp.review_id == MentorReview.id)
        .join(Cycle, MentorReview.cycle_id == Cycle.id)
        .where(
            _live_cycles(),
            MentorReview.deleted_at.is_(None),
            FollowUp.deleted_at.is_(None),
            FollowUp.status == FollowUpStatus.OPEN.value,
        )
        .correlate(Community)
        .scalar_subquery()
    )


def _overdue_actions(today: date) -> ScalarSelect[Any]:
    return (
        select(func.count())
        .select_from(Action)
        .join(Cycle, Action.cycle_id == Cycle.id)
        .where(
            _live_cycles(),
            Action.deleted_at.is_(None),
            Action.due_on < today,
            Action.status.in_([ActionStatus.PLANNED.value, ActionStatus.UNDER_WAY.value]),
        )
        .correlate(Community)
        .scalar_subquery()
    )


def _filters(query: CommunityQuery, today: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Community.deleted_at.is_(None)]
    if query.text.strip():
        pattern = f"%{escape_like(fold(query.text.strip()))}%"
        conditions.append(Community.search_text.like(pattern, escape="\\"))
    if query.district:
        conditions.append(Community.district == query.district)
    if query.partnership_status:
        conditions.append(Community.partnership_status == query.partnership_status)
    if query.phase:
        conditions.append(_current_phase(today) == query.phase)
    if query.facilitator:
        conditions.append(Community.id.in_(_communities_facilitated_by(query.facilitator, today)))
    return conditions


def list_communities(db: Database, query: CommunityQuery, *, actor: Actor) -> Page[CommunityRow]:
    """One page of communities matching ``query``, and how many match in all.

    Two steps: first the ids of the page (filtering and ordering compute at most
    the one column sorted on), then the computed columns for those ids only -
    SQLite would otherwise evaluate every column for each row an OFFSET skips.
    Only the communities ``actor`` may read are listed (screens and the CLI pass the
    signed-in person; the default, SYSTEM, is for the app's own work).
    """
    today = query.today or date.today()
    columns = _computed_columns(today)
    conditions = _filters(query, today)
    order = _sort_order(query, columns)
    with db.session() as session:
        conditions.append(permissions.readable_condition(session, actor, Community))
        counted = select(func.count(literal(1))).select_from(Community).where(*conditions)
        if query.limit == 0:  # only the count is wanted
            return Page(items=[], total=session.scalar(counted) or 0, offset=query.offset)
        # The total rides along with the page (one scan of the matches instead of two).
        page_ids = (
            select(Community.id, func.count(literal(1)).over().label("total"))
            .where(*conditions)
            .order_by(order, Community.name, Community.id)
            .offset(query.offset)
            .limit(query.limit)
        )
        found = session.execute(page_ids).all()
        ids = [row.id for row in found]
        # An empty page (no match, or past the end) says nothing of the total.
        total = found[0].total if found else session.scalar(counted)
        rows = _details(session, ids, columns)
    position = {community_id: index for index, community_id in enumerate(ids)}
    items = [_community_row(row) for row in sorted(rows, key=lambda row: position[row.id])]
    return Page(items=items, total=total or 0, offset=query.offset)


def _computed_columns(today: date) -> dict[SortKey, Any]:
    """The columns worked out per community, by the sort key that orders by each."""
    return {
        SortKey.CURRENT_PHASE: _current_phase(today).label("current_phase"),
        SortKey.FACILITATOR: _facilitator(today).label("facilitator"),
        SortKey.LAST_ACTIVITY: _last_activity().label("last_activity"),
        SortKey.OPEN_FOLLOW_UPS: _open_follow_ups().label("open_follow_ups"),
        SortKey.OVERDUE_ACTIONS: _overdue_actions(today).label("overdue_actions"),
    }


def _sort_order(query: CommunityQuery, columns: dict[SortKey, Any]) -> Any:
    """The column the list is sorted on, in the direction asked."""
    sort_column: Any = {
        SortKey.NAME: Community.name,
        SortKey.DISTRICT: Community.district,
        SortKey.PARTNERSHIP_STATUS: Community.partnership_status,
    }.get(query.sort, columns.get(query.sort))
    return sort_column.desc() if query.descending else sort_column


def _details(session: Session, ids: list[uuid.UUID], columns: dict[SortKey, Any]) -> list[Any]:
    """Every column of the page's communities, asked for in chunks of ids, in any order."""
    details = select(
        Community.id,
        Community.name,
        Community.district,
        Community.partnership_status,
        *columns.values(),
    )
    return [
        row
        for start in range(0, len(ids), _ID_CHUNK)
        for row in session.execute(details.where(Community.id.in_(ids[start : start + _ID_CHUNK])))
    ]


def _community_row(row: Any) -> CommunityRow:
    return CommunityRow(
        id=row.id,
        name=row.name,
        district=row.district,
        partnership_status=row.partnership_status,
        current_phase=row.current_phase,
        facilitator=row.facilitator,
        last_activity=_as_date(row.last_activity),
        open_follow_ups=row.open_follow_ups or 0,
        overdue_actions=row.overdue_actions or 0,
    )


def list_districts(db: Database, *, actor: Actor) -> list[str]:
    """Districts in use (of the communities ``actor`` may read), for filter drop-downs."""
    with db.session() as session:
        rows = session.scalars(
            select(Community.district)
            .where(
                Community.deleted_at.is_(None),
                Community.district != "",
                permissions.readable_condition(session, actor, Community),
            )
            .distinct()
            .order_by(Community.district)
        )
        return list(rows)


def _as_date(value: Any) -> date | None:
    """max() over coalesce() may lose the column type, so SQLite hands the date back as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def list_facilitators(db: Database) -> list[tuple[str, str]]:
    """(username, name to show) of the people facilitating a community now, for filters."""
    today = date.today()
    with db.session() as session:
        rows = session.execute(
            select(User.username, func.coalesce(func.nullif(User.display_name, ""), User.username))
            .join(CommunityAssignment, CommunityAssignment.user_id == User.id)
            .where(User.deleted_at.is_(None), *_current_facilitator_assignment(today))
            .distinct()
            .order_by(func.coalesce(func.nullif(User.display_name, ""), User.username))
        )
        return [(str(username), str(name)) for username, name in rows]
