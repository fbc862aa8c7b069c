"""The domain model: typed SQLAlchemy ORM classes, one module per area."""

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
