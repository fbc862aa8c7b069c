"""The one table of words for stored codes covers every code, readably and consistently."""

from __future__ import annotations

import inspect
from enum import StrEnum

import pytest

from desktop.labels import (
    label,
    labels,
    marker_labels,
    record_kind,
    record_kinds,
    validated_labels,
    vocabularies,
)
from desktop.models import enums
from desktop.services.queries.timeline import MARKER_ENTITIES

ENUMS = [
    member
    for _name, member in inspect.getmembers(enums, inspect.isclass)
    if issubclass(member, StrEnum) and member is not StrEnum
]


def test_every_enum_of_the_models_is_a_vocabulary() -> None:
    assert len(ENUMS) >= 15
    assert set(vocabularies()) == set(ENUMS)


@pytest.mark.parametrize("vocabulary", ENUMS, ids=lambda e: e.__name__)
def test_every_member_has_words_that_are_not_the_raw_code(vocabulary: type[StrEnum]) -> None:
    words = labels(vocabulary)
    assert set(words) == {member.value for member in vocabulary}
    for code, text in words.items():
        assert text.strip() and "_" not in text, (code, text)
        assert label(code) == text


def test_a_code_reads_the_same_in_every_vocabulary() -> None:
    seen: dict[str, str] = {}
    for vocabulary in vocabularies().values():
        for code, text in vocabulary.items():
            assert seen.setdefault(code, text) == text, code


def test_choices_are_plain_strings_in_the_order_people_meet_them() -> None:
    roles = labels(enums.Role)
    assert list(roles) == ["facilitator", "mentor", "manager", "admin"]
    assert all(type(code) is str for code in roles)
    assert roles["admin"] == "Administrator"
    assert list(labels(enums.PartnershipStatus))[-1] == "phased_out"


def test_unknown_and_missing_codes_still_read_well() -> None:
    assert label(None) == "-" and label("") == "-"
    assert label("gone_quiet") == "Gone quiet"
    assert label("phased_out") == "Phased out"
    assert label("in_dialogue") == "In dialogue"


def test_timeline_markers_and_findings_have_their_own_words() -> None:
    assert list(marker_labels()) == list(MARKER_ENTITIES)
    assert marker_labels()["review"] == "Mentor review" != label("review")
    assert set(validated_labels()) == {None, True, False}


def test_every_kind_of_record_has_a_name() -> None:
    from desktop.models import Base
    from desktop.services.usecases.comments import SUBJECTS

    tables = {mapper.class_.__tablename__ for mapper in Base.registry.mappers}
    # bookkeeping (sync's change log, its conflicts, server passwords and laptops among it) is not a
    # record anyone keeps: no name needed
    sync = {"sync_change", "sync_conflict", "server_account", "office_device"}
    bookkeeping = {"app_meta", "audit_event", "comment_read", "draft", *sync}
    kinds = (tables - {"app_user", *bookkeeping}) | {
        "user",
        *SUBJECTS,
    }
    names = record_kinds()
    for kind in kinds:
        assert kind in names and "_" not in names[kind], kind
    assert record_kind("follow_up") == "follow-up"
    assert record_kind("finding") == record_kind("learning_finding") == "learning finding"
    assert record_kind("gone_quiet") == "gone quiet"
