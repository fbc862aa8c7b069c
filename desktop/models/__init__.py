"""The domain model: typed SQLAlchemy ORM classes, one module per area.

The package loads its modules on first use of any of its names (``from desktop.models
import Community`` loads them all, so the mapper sees every class and the metadata every
table), while ``desktop.models.enums`` and ``desktop.models.sharing`` load alone: the
command line's light commands and a blank printed form need the vocabularies without
SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.models.action import (
        Action,
        ActionStakeholder,
        Indicator,
        Observation,
        Reflection,
        ReflectionAction,
    )
    from desktop.models.attachment import Attachment
    from desktop.models.audit import AuditEvent
    from desktop.models.base import Base, SyncMixin, utcnow
    from desktop.models.comment import Comment, CommentRead
    from desktop.models.community import Community, PartnershipChange
    from desktop.models.cycle import (
        Cycle,
        LearningFinding,
        Meeting,
        MeetingAttendance,
        Phase,
        PlanningGroupMember,
    )
    from desktop.models.draft import Draft
    from desktop.models.duplicate import PossibleDuplicate
    from desktop.models.harm import Harm, HarmName, HarmPriority, HarmRank
    from desktop.models.linkage import Linkage, LinkageChange, Stakeholder
    from desktop.models.office import AppMeta, OfficeSetting, ParticipantGroup
    from desktop.models.review import BenchmarkAssessment, FollowUp, MentorReview
    from desktop.models.sync import OfficeDevice, ServerAccount, SyncChange, SyncConflict
    from desktop.models.user import CommunityAssignment, User

#: Which module defines each name the package offers.
WHERE = {
    "Action": "action",
    "ActionStakeholder": "action",
    "AppMeta": "office",
    "Attachment": "attachment",
    "AuditEvent": "audit",
    "Base": "base",
    "BenchmarkAssessment": "review",
    "Comment": "comment",
    "CommentRead": "comment",
    "Community": "community",
    "CommunityAssignment": "user",
    "Cycle": "cycle",
    "Draft": "draft",
    "FollowUp": "review",
    "Harm": "harm",
    "HarmName": "harm",
    "HarmPriority": "harm",
    "HarmRank": "harm",
    "Indicator": "action",
    "LearningFinding": "cycle",
    "Linkage": "linkage",
    "LinkageChange": "linkage",
    "Meeting": "cycle",
    "MeetingAttendance": "cycle",
    "MentorReview": "review",
    "Observation": "action",
    "OfficeDevice": "sync",
    "OfficeSetting": "office",
    "ParticipantGroup": "office",
    "PartnershipChange": "community",
    "Phase": "cycle",
    "PlanningGroupMember": "cycle",
    "PossibleDuplicate": "duplicate",
    "Reflection": "action",
    "ReflectionAction": "action",
    "ServerAccount": "sync",
    "Stakeholder": "linkage",
    "SyncChange": "sync",
    "SyncConflict": "sync",
    "SyncMixin": "base",
    "User": "user",
    "utcnow": "base",
}

__all__ = [
    "Action",
    "ActionStakeholder",
    "AppMeta",
    "Attachment",
    "AuditEvent",
    "Base",
    "BenchmarkAssessment",
    "Comment",
    "CommentRead",
    "Community",
    "CommunityAssignment",
    "Cycle",
    "Draft",
    "FollowUp",
    "Harm",
    "HarmName",
    "HarmPriority",
    "HarmRank",
    "Indicator",
    "LearningFinding",
    "Linkage",
    "LinkageChange",
    "Meeting",
    "MeetingAttendance",
    "MentorReview",
    "Observation",
    "OfficeDevice",
    "OfficeSetting",
    "ParticipantGroup",
    "PartnershipChange",
    "Phase",
    "PlanningGroupMember",
    "PossibleDuplicate",
    "Reflection",
    "ReflectionAction",
    "ServerAccount",
    "Stakeholder",
    "SyncChange",
    "SyncConflict",
    "SyncMixin",
    "User",
    "utcnow",
]


def load_all() -> None:
    """Import every model module (once) and offer their names from the package."""
    for name, module in WHERE.items():
        if name not in globals():
            globals()[name] = getattr(importlib.import_module(f"desktop.models.{module}"), name)


def __getattr__(name: str) -> Any:
    if name not in WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    load_all()
    return globals()[name]
