"""One generic implementation of create / read / update / soft-delete / restore / list.

Each entity's small subclass names its model and input dataclass and adds its own rules.
Every write follows one path: normalise, validate (field -> message), write, audit the
fields before and after - in one transaction, so an error leaves nothing half-written.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import SyncMixin, utcnow
from desktop.services.framework import audit, changelog, fieldcodec, preload
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import ConflictError, NotFoundError, ValidationError
from desktop.services.framework.records import Page, Record
from desktop.services.framework.schema_rules import Errors, schema_errors
from desktop.services.framework.text import escape_like, fold
from desktop.services.security import permissions
from desktop.storage import Database

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

M = TypeVar("M", bound=SyncMixin)
D = TypeVar("D", bound="DataclassInstance")
C = TypeVar("C", bound=SyncMixin)


class EntityService(Generic[M, D]):
    """Use cases for one entity. Subclasses set the class attributes and override hooks."""

    model: ClassVar[type[Any]]
    data_type: ClassVar[type[Any]]
    entity: ClassVar[str]
    required: ClassVar[tuple[str, ...]] = ()
    choices: ClassVar[Mapping[str, type[StrEnum]]] = {}
    search_fields: ClassVar[tuple[str, ...]] = ()
    default_order: ClassVar[str] = "created_at"
    search_is_folded: ClassVar[bool] = False  # search_fields hold text made by text.fold()

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    # ----------------------------------------------------------------- hooks
    def fill_in(self, session: Session, data: D, current: M | None) -> D:
        """Complete ``data`` from stored facts before it is checked (next number, dates set
        by a status change, ...). ``current`` is the row being updated, None on create."""
        return data

    def check(self, session: Session, data: D, current: M | None) -> Errors:
        """Rules particular to the entity (dates in order, counts not negative, ...)."""
        return {}

    def check_delete(self, session: Session, row: M) -> Errors:
        """Reasons the record may not be deleted (e.g. a harm still in use)."""
        return {}

    def apply(self, session: Session, row: M, data: D) -> None:
        """Copy ``data`` onto ``row``; subclasses extend this for child rows."""
        for name in self._column_fields():
            setattr(row, name, getattr(data, name))

    def snapshot(self, session: Session, row: M) -> D:
        """Read ``row`` (and its child rows) back into the input dataclass."""
        values = {name: getattr(row, name) for name in self._column_fields()}
        return self.data_type(**values)  # type: ignore[no-any-return]

    def after_write(self, session: Session, row: M, before: D | None, data: D) -> None:
        """Write what is not a column of ``row``: child rows, history entries."""

    def audit_view(self, data: D) -> dict[str, Any]:
        """The fields as the audit trail records them."""
        return dataclasses.asdict(data)

    # ------------------------------------------------------------- use cases
    def create(self, data: D) -> Record[D]:
        with self.db.sessions.begin() as session:
            return self.create_in(session, data)

    def create_in(self, session: Session, data: D) -> Record[D]:
        """``create`` inside a transaction the caller holds, so that a use case writing
        several records commits all of them or none."""
        data = self._normalise(data)
        data = self.fill_in(session, data, None)
        self.authorize(session, permissions.CREATE, self._values(data))
        self._raise_if_invalid(session, data, None)
        row = self.model()
        row.id = changelog.new_record_id()
        row.origin_device = self.db.device_id
        self.stamp(row)
        self.apply(session, row, data)
        session.add(row)
        session.flush()
        self.after_write(session, row, None, data)
        session.flush()
        after = self.snapshot(session, row)
        self._audit(session, "create", row, None, after)
        return self._record(row, after)

    def get(self, record_id: uuid.UUID, *, include_deleted: bool = False) -> Record[D]:
        with self.db.session() as session:
            row = self._load(session, record_id, include_deleted=include_deleted)
            self.authorize(session, permissions.READ, permissions.row_values(row))
            return self._record(row, self.snapshot(session, row))

    def update(
        self, record_id: uuid.UUID, data: D, *, expected_version: int | None = None
    ) -> Record[D]:
        with self.db.sessions.begin() as session:
            return self.update_in(session, record_id, data, expected_version=expected_version)

    def update_in(
        self,
        session: Session,
        record_id: uuid.UUID,
        data: D,
        *,
        expected_version: int | None = None,
    ) -> Record[D]:
        """``update`` inside a transaction the caller holds (see ``create_in``)."""
        data = self._normalise(data)
        row = self._load(session, record_id)
        stored = permissions.row_values(row)
        self.authorize(session, permissions.UPDATE, stored)
        self._check_version(row, expected_version)
        before = self.snapshot(session, row)
        data = self.fill_in(session, data, row)
        self.authorize(session, permissions.UPDATE, {**stored, **self._values(data)})
        self._raise_if_invalid(session, data, row)
        if before == data:
            return self._record(row, before)
        self.stamp(row)
        self.apply(session, row, data)
        session.flush()
        self.after_write(session, row, before, data)
        session.flush()
        after = self.snapshot(session, row)
        self._audit(session, "update", row, before, after)
        return self._record(row, after)

    def delete(self, record_id: uuid.UUID, *, expected_version: int | None = None) -> Record[D]:
        """Mark the record deleted (a tombstone): it can be restored and it syncs."""
        with self.db.sessions.begin() as session:
            return self.delete_in(session, record_id, expected_version=expected_version)

    def delete_in(
        self, session: Session, record_id: uuid.UUID, *, expected_version: int | None = None
    ) -> Record[D]:
        """``delete`` inside a transaction the caller holds (see ``create_in``)."""
        row = self._load(session, record_id)
        self.authorize(session, permissions.DELETE, permissions.row_values(row))
        self._check_version(row, expected_version)
        errors = self.check_delete(session, row)
        if errors:
            raise ValidationError(errors)
        row.deleted_at = utcnow()
        self.stamp(row)
        session.flush()
        data = self.snapshot(session, row)
        self._audit_event(session, "delete", row, {})
        return self._record(row, data)

    def restore(self, record_id: uuid.UUID) -> Record[D]:
        """Undo a delete, if the record is still valid as it stands (its references live,
        its number or code not taken meanwhile)."""
        with self.db.sessions.begin() as session:
            row = self._load(session, record_id, include_deleted=True)
            self.authorize(session, permissions.DELETE, permissions.row_values(row))
            if row.deleted_at is None:
                return self._record(row, self.snapshot(session, row))
            self._raise_if_invalid(session, self.snapshot(session, row), row)
            row.deleted_at = None
            self.stamp(row)
            session.flush()
            self._audit_event(session, "restore", row, {})
            return self._record(row, self.snapshot(session, row))

    def list(
        self,
        *,
        where: Mapping[str, Any] | None = None,
        search: str | None = None,
        order_by: str | None = None,
        descending: bool = False,
        offset: int = 0,
        limit: int | None = None,
        include_deleted: bool = False,
    ) -> Page[Record[D]]:
        """Records matching equality filters and a case-insensitive text search."""
        model = self.model
        query = select(model)
        for name, value in (where or {}).items():
            column = getattr(model, name)
            query = query.where(column.is_(None) if value is None else column == value)
        if not include_deleted:
            query = query.where(model.deleted_at.is_(None))
        if search and self.search_fields:
            needle = fold(search.strip()) if self.search_is_folded else search.strip()
            pattern = f"%{escape_like(needle)}%"
            query = query.where(
                or_(*(getattr(model, f).ilike(pattern, escape="\\") for f in self.search_fields))
            )
        sort_column = getattr(model, order_by or self.default_order)
        with self.db.session() as session:
            query = query.where(permissions.readable_condition(session, self.actor, model))
            ordered = query.order_by(sort_column.desc() if descending else sort_column, model.id)
            counted = query.with_only_columns(model.id).subquery()  # no large columns
            total = session.scalar(select(func.count()).select_from(counted)) or 0
            rows = session.scalars(ordered.offset(offset).limit(limit)).all()
            items = [self._record(row, self.snapshot(session, row)) for row in rows]
        return Page(items=items, total=total, offset=offset)

    # ---------------------------------------------------------- child rows
    def sync_children(
        self,
        session: Session,
        model: type[SyncMixin],
        parent: tuple[str, uuid.UUID],
        key: str,
        wanted: Mapping[Any, Mapping[str, Any]],
    ) -> None:
        """Make one parent's live child rows match ``wanted`` (key value -> other columns).

        Rows are changed in place, never replaced: a kept key is updated only if a value
        differs, a dropped key is tombstoned, and a key that comes back revives its
        tombstone (child tables are unique on parent and key, and tombstones must sync).
        """
        parent_column, parent_id = parent
        rows = preload.children(session, model, parent_column, parent_id)
        if rows is None:
            rows = session.scalars(
                select(model).where(getattr(model, parent_column) == parent_id)
            ).all()
        by_key = {getattr(row, key): row for row in rows}
        for row in rows:
            if row.deleted_at is None and getattr(row, key) not in wanted:
                row.deleted_at = utcnow()
                self.stamp(row)
        for key_value, values in wanted.items():
            child = by_key.get(key_value)
            if child is None:
                child = model()
                child.id = changelog.child_id(model, parent_id, key_value)
                setattr(child, parent_column, parent_id)
                setattr(child, key, key_value)
                session.add(child)
            elif child.deleted_at is None and all(
                getattr(child, name) == value for name, value in values.items()
            ):
                continue
            child.deleted_at = None
            for name, value in values.items():
                setattr(child, name, value)
            self.stamp(child)

    @staticmethod
    def live_children(
        session: Session, model: type[C], parent: tuple[str, uuid.UUID]
    ) -> Sequence[C]:
        """One parent's child rows that are not tombstoned, oldest first."""
        parent_column, parent_id = parent
        ahead = preload.children(session, model, parent_column, parent_id)
        if ahead is not None:
            return [row for row in ahead if row.deleted_at is None]
        return session.scalars(
            select(model)
            .where(getattr(model, parent_column) == parent_id, model.deleted_at.is_(None))
            .order_by(model.created_at, model.id)
        ).all()

    # ----------------------------------------------------------- permission
    def authorize(self, session: Session, action: str, values: Mapping[str, Any]) -> None:
        """Raise PermissionDenied unless the actor's role allows ``action`` on the record
        whose column values are ``values`` (see :mod:`desktop.services.security.permissions`)."""
        permissions.require_record(session, self.actor, action, self.entity, values)

    def _values(self, data: D) -> dict[str, Any]:
        return {f.name: getattr(data, f.name) for f in dataclasses.fields(data)}

    # --------------------------------------------------------------- helpers
    def stamp(self, row: SyncMixin) -> None:
        """Mark a row (or a child row) as written by the acting user on this device."""
        row.updated_by = self.actor.username
        if not row.origin_device:
            row.origin_device = self.db.device_id
        row.updated_at = utcnow()

    def _column_fields(self) -> tuple[str, ...]:
        return _column_fields(self.model, self.data_type)

    def _normalise(self, data: D) -> D:
        """Trim surrounding white space from every text field."""
        changes = {
            f.name: getattr(data, f.name).strip()
            for f in dataclasses.fields(data)
            if isinstance(getattr(data, f.name), str)
        }
        return dataclasses.replace(data, **changes)

    def _load(self, session: Session, record_id: uuid.UUID, *, include_deleted: bool = False) -> M:
        row: M | None = session.get(self.model, record_id)
        if row is None or (row.deleted_at is not None and not include_deleted):
            raise NotFoundError(
                _("no {entity} with id {id}").format(entity=self.entity, id=record_id)
            )
        changelog.note_base(session, self.entity, row)
        return row

    def _check_version(self, row: M, expected_version: int | None) -> None:
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(
                _("this {entity} was changed by {user} since you opened it").format(
                    entity=self.entity, user=row.updated_by or _("someone")
                )
            )

    def _raise_if_invalid(self, session: Session, data: D, current: M | None) -> None:
        errors = self._generic_errors(session, data, current)
        for name, message in self.check(session, data, current).items():
            errors.setdefault(name, message)
        if errors:
            raise ValidationError(errors)

    def _generic_errors(self, session: Session, data: D, current: M | None) -> Errors:
        """Rules read off the schema: required, length, choices, references, uniqueness."""
        return schema_errors(
            session,
            self.model,
            data,
            required=self.required,
            choices=self.choices,
            fields=self._column_fields(),
            current_id=current.id if current is not None else None,
        )

    def _record(self, row: M, data: D) -> Record[D]:
        return Record(
            id=row.id,
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
            updated_by=row.updated_by,
            deleted_at=row.deleted_at,
            data=data,
        )

    def _audit(self, session: Session, action: str, row: M, before: D | None, after: D) -> None:
        old = self.audit_view(before) if before is not None else {}
        new = self.audit_view(after)
        changes = {
            name: [old.get(name), value]
            for name, value in new.items()
            if before is None or old.get(name) != value
        }
        self._audit_event(session, action, row, changes, fieldcodec.changed(before, after))

    def _audit_event(
        self,
        session: Session,
        action: str,
        row: M,
        changes: dict[str, Any],
        fields: Mapping[str, Any] | None = None,
    ) -> None:
        audit.record(
            session,
            actor=self.actor,
            action=action,
            device_id=changelog.audit_device(self.db.device_id),
            entity_type=self.entity,
            entity_id=row.id,
            changes=changes,
        )
        changelog.record(
            session, self.db.device_id, self.actor.username, self.entity, row, action, fields or {}
        )


_COLUMN_FIELDS: dict[tuple[type[Any], type[Any]], tuple[str, ...]] = {}


def _column_fields(model: type[Any], data_type: type[Any]) -> tuple[str, ...]:
    """The fields of ``data_type`` stored as columns of ``model`` (read once a kind: a
    sync download asks for every record it sends)."""
    known = _COLUMN_FIELDS.get((model, data_type))
    if known is None:
        columns = set(model.__table__.columns.keys())
        known = tuple(f.name for f in dataclasses.fields(data_type) if f.name in columns)
        _COLUMN_FIELDS[(model, data_type)] = known
    return known
