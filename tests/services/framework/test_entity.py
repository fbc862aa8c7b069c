"""The generic machinery: one transaction per call, whatever step fails."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy.orm import Session

from desktop.models import Meeting
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.usecases.cycles import LearningFindingData
from desktop.services.usecases.meetings import MeetingData, MeetingService
from desktop.storage import Database
from tests.services.service_contract import database_state
from tests.services.service_world import START, World


class Boom(Exception):
    pass


class FailsAfterChildren(MeetingService):
    """Writes the attendance rows, then fails: nothing of it may stay."""

    def after_write(
        self, session: Session, row: Meeting, before: MeetingData | None, data: MeetingData
    ) -> None:
        super().after_write(session, row, before, data)
        session.flush()
        raise Boom


class FailsInAudit(MeetingService):
    """Fails after the row and its children are written, while the audit event is made."""

    def audit_view(self, data: MeetingData) -> dict[str, Any]:
        raise Boom


@pytest.mark.parametrize("service_type", [FailsAfterChildren, FailsInAudit])
def test_a_failing_write_leaves_nothing(
    db: Database, world: World, service_type: type[MeetingService]
) -> None:
    service = service_type(db, Actor("amina", role="manager"))
    before = database_state(db)
    data = MeetingData(
        cycle_id=world.cycle.id, held_on=START, kind="small_group", attendance={"girls": 3}
    )
    with pytest.raises(Boom):
        service.create(data)
    assert database_state(db) == before
    with pytest.raises(Boom):
        service.update(world.meeting.id, replace(world.meeting.data, attendance={"boys": 5}))
    assert database_state(db) == before


def test_a_failing_delete_leaves_nothing(db: Database, world: World) -> None:
    class FailsAfterDelete(MeetingService):
        def _audit_event(self, *args: Any, **kwargs: Any) -> None:
            raise Boom

    before = database_state(db)
    with pytest.raises(Boom):
        FailsAfterDelete(db, Actor("amina", role="manager")).delete(world.meeting.id)
    assert database_state(db) == before


def test_text_is_trimmed_and_none_filters(services: Services, world: World) -> None:
    findings = services.findings
    made = findings.create(LearningFindingData(cycle_id=world.cycle.id, summary="  Late  "))
    assert made.data.summary == "Late"
    with_harm = findings.create(
        LearningFindingData(cycle_id=world.cycle.id, summary="x", harm_id=world.harm_id)
    )
    assert [r.id for r in findings.list(where={"harm_id": None}).items] == [made.id]
    assert [r.id for r in findings.list(where={"harm_id": world.harm_id}).items] == [with_harm.id]


def test_search_escapes_wildcards(services: Services, world: World) -> None:
    findings = services.findings
    findings.create(LearningFindingData(cycle_id=world.cycle.id, summary="100% of girls"))
    findings.create(LearningFindingData(cycle_id=world.cycle.id, summary="1000 boys"))
    assert findings.list(search="100%").total == 1
    assert findings.list(search="_").total == 0
