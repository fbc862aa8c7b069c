"""Every column of every synced table is declared personal or shareable, once."""

from __future__ import annotations

from desktop.models import Base, SyncMixin
from desktop.models.sharing import COLUMNS, SYNC_COLUMNS, Sharing, sharing_of


def _synced_tables() -> dict[str, list[str]]:
    return {
        mapper.class_.__tablename__: [column.name for column in mapper.class_.__table__.columns]
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, SyncMixin)
    }


def test_every_column_of_every_synced_table_is_classified() -> None:
    unclassified = [
        f"{table}.{column}"
        for table, columns in _synced_tables().items()
        for column in columns
        if column not in SYNC_COLUMNS and column not in COLUMNS.get(table, {})
    ]
    assert unclassified == [], f"classify these in desktop/models/sharing.py: {unclassified}"


def test_the_declaration_names_no_column_that_does_not_exist() -> None:
    tables = _synced_tables()
    stale = [
        f"{table}.{column}"
        for table, columns in COLUMNS.items()
        for column in columns
        if column not in tables.get(table, [])
    ]
    assert stale == []


def test_names_phones_and_notes_about_harms_are_personal() -> None:
    for table, column in [
        ("stakeholder", "contact_person"),
        ("stakeholder", "phone"),
        ("harm_priority", "reasons"),
        ("meeting", "notes"),
        ("attachment", "content"),
        ("app_user", "display_name"),
    ]:
        assert sharing_of(table, column) is Sharing.PERSONAL
    assert sharing_of("meeting_attendance", "count") is Sharing.SHAREABLE
