from __future__ import annotations

from dataclasses import replace

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.framework.entity import EntityService
from desktop.services.usecases.communities import CommunityData, CommunityService
from desktop.storage import Database
from tests.services.service_contract import check_crud

NAMES = [
    "communities",
    "cycles",
    "phases",
    "findings",
    "harms",
    "priorities",
    "meetings",
    "planning_members",
    "actions",
    "indicators",
    "observations",
    "reflections",
    "stakeholders",
    "linkages",
    "reviews",
    "follow_ups",
    "attachments",
    "users",
    "assignments",
    "participant_groups",
    "settings",
    "audit_log",
]


def test_one_attribute_per_service(db: Database) -> None:
    actor = Actor("amina", role="manager")
    services = Services(db, actor)
    for name in NAMES:
        service = getattr(services, name)
        assert service.db is db and service.actor is actor
    assert isinstance(services.communities, CommunityService)
    entities = [getattr(services, n) for n in NAMES if n != "audit_log"]
    assert all(isinstance(s, EntityService) for s in entities)
    assert len({s.entity for s in entities}) == len(entities)  # one audit name per entity


def test_community_through_the_facade(db: Database, services: Services) -> None:
    check_crud(
        db,
        services.communities,
        CommunityData(name="Kéréwé", district="Lira"),
        CommunityData(name="Amuru", district="Gulu"),
        lambda d: replace(d, partnership_status="agreed", partnership_reason="Elders agreed"),
        where={"partnership_status": "agreed"},
        search="KEREWE",
        sort_field="name",
    )
