"""Choosing one community from what was typed: an id, a name, or "name, district"; two
communities of one name are a clash that lists both."""

from __future__ import annotations

import uuid

import pytest

from desktop.services.facade import Services
from desktop.services.queries.community_choice import (
    CommunityClash,
    CommunityNotFound,
    resolve_community,
)
from desktop.services.usecases.communities import CommunityData


@pytest.fixture
def twins(services: Services) -> dict[str, uuid.UUID]:
    made = {
        district: services.communities.create(CommunityData(name="Kasese", district=district)).id
        for district in ("Sheema", "Lira")
    }
    made["alone"] = services.communities.create(
        CommunityData(name="Kéréwé, Upper", district="Gulu")
    ).id
    return made


def test_an_id_or_a_name_with_its_district_picks_one_of_two_namesakes(
    services: Services, twins: dict[str, uuid.UUID]
) -> None:
    assert resolve_community(services, str(twins["Lira"])).id == twins["Lira"]
    assert resolve_community(services, f"  {twins['Sheema']} ").id == twins["Sheema"]
    assert resolve_community(services, "Kasese, Sheema").id == twins["Sheema"]
    assert resolve_community(services, "kasese ,  lira").id == twins["Lira"]


def test_a_name_alone_that_two_communities_share_lists_both(
    services: Services, twins: dict[str, uuid.UUID]
) -> None:
    with pytest.raises(CommunityClash) as clash:
        resolve_community(services, "Kasese")
    assert "2 communities are called 'Kasese'" in str(clash.value)
    assert clash.value.lines() == [
        f"{twins['Lira']}  Kasese, Lira",
        f"{twins['Sheema']}  Kasese, Sheema",
    ]


def test_a_name_with_a_comma_is_found_whole_and_unique_names_need_no_district(
    services: Services, twins: dict[str, uuid.UUID]
) -> None:
    assert resolve_community(services, "Kéréwé, Upper").id == twins["alone"]
    assert resolve_community(services, "kerewe, upper, gulu").id == twins["alone"]


@pytest.mark.parametrize("typed", ["Nowhere", "Kasese, Gulu", str(uuid.UUID(int=7)), "", "  "])
def test_nothing_that_fits_is_not_found(
    services: Services, twins: dict[str, uuid.UUID], typed: str
) -> None:
    with pytest.raises(CommunityNotFound):
        resolve_community(services, typed)


def test_a_deleted_community_is_not_chosen(services: Services, twins: dict[str, uuid.UUID]) -> None:
    record = services.communities.get(twins["Lira"])
    services.communities.delete(record.id, expected_version=record.version)
    assert resolve_community(services, "Kasese").id == twins["Sheema"]
    with pytest.raises(CommunityNotFound):
        resolve_community(services, str(twins["Lira"]))
