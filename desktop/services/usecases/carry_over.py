"""What a new cycle takes from the one before it: the unfinished actions (with their harms
selected again) and the indicators, copied so the earlier cycle's history stays as it was.

Each copy is made through its own service, inside the caller's transaction, so it is
validated and audited like any record a person adds.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import Action, Cycle, Harm, HarmPriority, Indicator, Stakeholder
from desktop.services.framework.actor import Actor
from desktop.services.usecases.actions import (
    UNFINISHED_ACTION_STATUSES,
    ActionService,
    IndicatorService,
)
from desktop.services.usecases.harms import HarmPriorityData, HarmPriorityService
from desktop.storage import Database


def copy_unfinished_actions(
    session: Session, db: Database, actor: Actor, previous: Cycle, cycle_id: uuid.UUID
) -> dict[uuid.UUID, uuid.UUID]:
    """Copy ``previous``'s planned and under-way actions into the new cycle; the copies'
    ids by their originals'. Their harms are selected again first; a retired harm is not,
    and its actions come without a harm."""
    actions = list(
        session.scalars(
            select(Action)
            .where(
                Action.cycle_id == previous.id,
                Action.deleted_at.is_(None),
                Action.status.in_(UNFINISHED_ACTION_STATUSES),
            )
            .order_by(Action.due_on, Action.created_at, Action.id)
        )
    )
    harms = _select_harms_again(session, db, actor, previous, cycle_id, actions)
    action_service = ActionService(db, actor)
    copies: dict[uuid.UUID, uuid.UUID] = {}
    for action in actions:
        earlier_action = action_service.snapshot(session, action)
        copy = replace(
            earlier_action,
            cycle_id=cycle_id,
            harm_id=harms.get(action.harm_id) if action.harm_id else None,
            completed_on=None,
            stakeholder_ids=_live_stakeholders(session, earlier_action.stakeholder_ids),
        )
        copies[action.id] = action_service.create_in(session, copy).id
    return copies


def _select_harms_again(
    session: Session,
    db: Database,
    actor: Actor,
    previous: Cycle,
    cycle_id: uuid.UUID,
    actions: list[Action],
) -> dict[uuid.UUID, uuid.UUID | None]:
    """Each carried action's harm selected in the new cycle with the earlier reasons (ranks
    are the new cycle's own business); a harm retired or deleted since maps to None."""
    priorities = HarmPriorityService(db, actor)
    harms: dict[uuid.UUID, uuid.UUID | None] = {}
    for action in actions:
        if action.harm_id is None or action.harm_id in harms:
            continue
        harm = session.get(Harm, action.harm_id)
        if harm is None or harm.retired or harm.deleted_at is not None:
            harms[action.harm_id] = None
            continue
        earlier = session.scalars(
            select(HarmPriority).where(
                HarmPriority.cycle_id == previous.id,
                HarmPriority.harm_id == action.harm_id,
            )
        ).first()
        reasons = earlier.reasons if earlier is not None and earlier.reasons else ""
        priorities.create_in(
            session,
            HarmPriorityData(
                cycle_id=cycle_id,
                harm_id=action.harm_id,
                selected=True,
                reasons=reasons or _("Carried over from cycle {n}.").format(n=previous.number),
            ),
        )
        harms[action.harm_id] = action.harm_id
    return harms


def copy_indicators(
    session: Session,
    db: Database,
    actor: Actor,
    previous_id: uuid.UUID,
    cycle_id: uuid.UUID,
    action_copies: dict[uuid.UUID, uuid.UUID],
) -> int:
    """Copy the previous cycle's live indicators into the new cycle, and say how many. An
    indicator follows its action when that action was carried too (``action_copies``)."""
    indicators = list(
        session.scalars(
            select(Indicator)
            .where(Indicator.cycle_id == previous_id, Indicator.deleted_at.is_(None))
            .order_by(Indicator.created_at, Indicator.id)
        )
    )
    indicator_service = IndicatorService(db, actor)
    for indicator in indicators:
        carried = replace(
            indicator_service.snapshot(session, indicator),
            cycle_id=cycle_id,
            action_id=action_copies.get(indicator.action_id) if indicator.action_id else None,
        )
        indicator_service.create_in(session, carried)
    return len(indicators)


def _live_stakeholders(session: Session, ids: frozenset[uuid.UUID]) -> frozenset[uuid.UUID]:
    """The formal actors among ``ids`` not deleted since (a deleted one is not carried)."""
    if not ids:
        return frozenset()
    found = session.scalars(
        select(Stakeholder.id).where(Stakeholder.id.in_(ids), Stakeholder.deleted_at.is_(None))
    )
    return frozenset(found)
