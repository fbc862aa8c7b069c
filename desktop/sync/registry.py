"""Which service writes which kind of record, in an order that keeps references valid."""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from desktop.models import Base
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.framework.entity import EntityService
from desktop.storage import Database

#: Attachments name their record by kind and id, not by a foreign key: they come last,
#: once the records they belong to (and whose permissions they follow) are there.
LAST = ("attachment",)


@cache
def service_classes() -> dict[str, type[EntityService[Any, Any]]]:
    """Entity name ("community", "meeting", ...) -> its service class, for every kind the
    app's facade offers, ordered so that a record comes after the records it refers to."""
    # Services only keep the database and actor they are given, so none is needed here.
    facade = Services(cast(Database, None), SYSTEM)
    found = {
        service.entity: type(service)
        for service in vars(facade).values()
        if isinstance(service, EntityService)
    }
    order = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}

    def rank(item: tuple[str, type[EntityService[Any, Any]]]) -> tuple[bool, int]:
        return item[0] in LAST, order[item[1].model.__table__.name]

    return dict(sorted(found.items(), key=rank))


def service_for(db: Database, actor: Actor, entity: str) -> EntityService[Any, Any] | None:
    """The service of ``entity`` acting for ``actor``, or None for an unknown kind."""
    cls = service_classes().get(entity)
    return cls(db, actor) if cls is not None else None


def entity_rank(entity: str) -> int:
    """Where ``entity`` comes in :func:`service_classes` (unknown kinds last)."""
    names = list(service_classes())
    return names.index(entity) if entity in names else len(names)
