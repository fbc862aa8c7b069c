"""Files attached to records (scanned paper forms, flip-chart photos), kept in the database.

The file's bytes are read only by :meth:`AttachmentService.content`: records handed
back by get and list carry the name, size and SHA-256 hash, never the bytes, and the
audit trail records the same (a photo does not belong in an audit log).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import (
    Action,
    Attachment,
    Community,
    Cycle,
    FollowUp,
    HarmPriority,
    Indicator,
    LearningFinding,
    Linkage,
    Meeting,
    MentorReview,
    Observation,
    Phase,
    Reflection,
    Stakeholder,
)
from desktop.services.framework.entity import EntityService
from desktop.services.framework.schema_rules import Errors
from desktop.services.security import permissions

MAX_SIZE = 25 * 1024 * 1024

#: The records a file can be attached to, by the entity name services use.
ATTACHABLE: dict[str, type[Any]] = {
    "community": Community,
    "cycle": Cycle,
    "phase": Phase,
    "learning_finding": LearningFinding,
    "meeting": Meeting,
    "harm_priority": HarmPriority,
    "action": Action,
    "indicator": Indicator,
    "observation": Observation,
    "reflection": Reflection,
    "stakeholder": Stakeholder,
    "linkage": Linkage,
    "mentor_review": MentorReview,
    "follow_up": FollowUp,
}


@dataclass(frozen=True)
class AttachmentData:
    """A file attached to one record.

    ``content`` holds the file when it is attached or replaced; on update, None keeps
    the stored file. Records read back always have ``content`` None. ``size`` and
    ``sha256`` are worked out by the service from the bytes (values given are ignored).
    """

    entity_type: str
    entity_id: uuid.UUID
    file_name: str
    content: bytes | None = None
    media_type: str = "application/octet-stream"
    caption: str = ""
    size: int = 0
    sha256: str = ""


class AttachmentService(EntityService[Attachment, AttachmentData]):
    model: ClassVar[type[Any]] = Attachment
    data_type: ClassVar[type[Any]] = AttachmentData
    entity: ClassVar[str] = "attachment"
    required = ("entity_type", "entity_id", "file_name")
    search_fields = ("file_name", "caption")

    def fill_in(
        self, session: Session, data: AttachmentData, current: Attachment | None
    ) -> AttachmentData:
        if data.content is None:
            if current is None:
                return replace(data, size=0, sha256="")
            return replace(data, size=current.size, sha256=current.sha256)
        digest = hashlib.sha256(data.content).hexdigest()
        if current is not None and digest == current.sha256:
            return replace(data, content=None, size=current.size, sha256=current.sha256)
        return replace(data, size=len(data.content), sha256=digest)

    def check(self, session: Session, data: AttachmentData, current: Attachment | None) -> Errors:
        errors: Errors = {}
        if current is None and data.content is None:
            errors["content"] = _("Choose a file.")
        elif data.content is not None and not data.content:
            errors["content"] = _("The file is empty.")
        elif data.size > MAX_SIZE:
            errors["content"] = _(
                "The file is {size} MB; at most {limit} MB can be attached."
            ).format(size=round(data.size / 1024 / 1024, 1), limit=MAX_SIZE // (1024 * 1024))
        target = ATTACHABLE.get(data.entity_type)
        if target is None:
            errors["entity_type"] = _("Files cannot be attached to this kind of record.")
        elif data.entity_id is not None:
            row = session.get(target, data.entity_id)
            if row is None or row.deleted_at is not None:
                errors["entity_id"] = _("Not found (it may have been deleted).")
        return errors

    def apply(self, session: Session, row: Attachment, data: AttachmentData) -> None:
        for name in ("entity_type", "entity_id", "file_name", "media_type", "caption"):
            setattr(row, name, getattr(data, name))
        if data.content is not None:
            row.content = data.content
            row.size = data.size
            row.sha256 = data.sha256

    def snapshot(self, session: Session, row: Attachment) -> AttachmentData:
        return AttachmentData(
            entity_type=row.entity_type,
            entity_id=row.entity_id,
            file_name=row.file_name,
            media_type=row.media_type,
            caption=row.caption,
            size=row.size,
            sha256=row.sha256,
        )

    def _audit(
        self,
        session: Session,
        action: str,
        row: Attachment,
        before: AttachmentData | None,
        after: AttachmentData,
    ) -> None:
        """Snapshots never hold the file, but the change that syncs must carry new bytes
        (the audit trail still records only their size and hash)."""
        if before is None or before.sha256 != after.sha256:
            after = replace(after, content=row.content)
        super()._audit(session, action, row, before, after)

    def audit_view(self, data: AttachmentData) -> dict[str, Any]:
        view = super().audit_view(replace(data, content=None))
        del view["content"]
        return view

    def content(self, attachment_id: uuid.UUID) -> bytes:
        """The attached file's bytes."""
        with self.db.session() as session:
            row = self._load(session, attachment_id)
            self.authorize(session, permissions.READ, permissions.row_values(row))
            content = session.scalars(
                select(Attachment.content).where(Attachment.id == attachment_id)
            ).one()
            return bytes(content)
