from __future__ import annotations

from dataclasses import FrozenInstanceError, replace
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.security.audit_log import AuditLogService
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.storage import Database
from tests.services.service_world import START


@pytest.fixture
def filled(db: Database) -> Services:
    """Amina makes two communities and edits one; Okello makes a cycle and deletes it."""
    amina = Services(db, Actor("amina", role="manager"))
    okello = Services(db, Actor("okello", role="manager"))
    lira = amina.communities.create(CommunityData(name="Lira"))
    amina.communities.create(CommunityData(name="Gulu"))
    amina.communities.update(lira.id, replace(lira.data, district="Lira"))
    cycle = okello.cycles.create(CycleData(community_id=lira.id, start_on=START))
    okello.cycles.delete(cycle.id)
    return amina


def test_newest_first_with_decoded_changes(filled: Services) -> None:
    page = filled.audit_log.list()
    assert page.total == 5
    assert [(e.username, e.action, e.entity_type) for e in page.items] == [
        ("okello", "delete", "cycle"),
        ("okello", "create", "cycle"),
        ("amina", "update", "community"),
        ("amina", "create", "community"),
        ("amina", "create", "community"),
    ]
    update = page.items[2]
    assert update.changes == {"district": ["", "Lira"]}
    assert page.items[1].changes["number"] == [None, 1]
    assert [e.seq for e in filled.audit_log.list(newest_first=False).items] == sorted(
        e.seq for e in page.items
    )
    with pytest.raises(FrozenInstanceError):
        update.username = "someone"  # type: ignore[misc]


def test_filters(filled: Services) -> None:
    log = filled.audit_log
    assert log.list(username="okello").total == 2
    assert log.list(username="nobody").total == 0
    assert log.list(entity_type="community").total == 3
    cycle_id = log.list(entity_type="cycle").items[0].entity_id
    assert [e.action for e in log.history("cycle", cycle_id)] == ["create", "delete"]
    assert log.list(entity_id=cycle_id, username="amina").total == 0


def test_date_range(filled: Services) -> None:
    log = filled.audit_log
    today = date.today()
    assert log.list(since=today, until=today).total == 5
    assert log.list(until=today - timedelta(days=1)).total == 0
    assert log.list(since=today + timedelta(days=1)).total == 0
    newest = log.list().items[0].at
    assert log.list(since=newest).total == 1
    assert log.list(until=newest - timedelta(microseconds=1)).total == 4
    assert log.list(until=datetime.now(UTC) + timedelta(minutes=1)).total == 5


def test_paging(filled: Services) -> None:
    log = filled.audit_log
    everything = log.list(limit=None).items
    page = log.list(offset=2, limit=2)
    assert page.total == 5 and page.offset == 2
    assert [e.seq for e in page.items] == [e.seq for e in everything[2:4]]


def test_read_only_and_chain_intact(filled: Services) -> None:
    log = filled.audit_log
    for name in ("create", "update", "delete", "restore"):
        assert not hasattr(AuditLogService, name)
    assert log.verify() is None
