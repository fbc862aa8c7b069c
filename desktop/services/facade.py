"""One entry point for views and the CLI: every service, bound to a database and an actor."""

from __future__ import annotations

import uuid

from desktop.services.framework.actor import Actor
from desktop.services.framework.records import Page
from desktop.services.queries.community_list import (
    CommunityQuery,
    CommunityRow,
    list_communities,
    list_districts,
)
from desktop.services.security import permissions
from desktop.services.security.audit_log import AuditLogService
from desktop.services.security.users import AssignmentService, UserService
from desktop.services.usecases.actions import (
    ActionService,
    IndicatorService,
    ObservationService,
    ReflectionService,
)
from desktop.services.usecases.attachments import AttachmentService
from desktop.services.usecases.comments import CommentService
from desktop.services.usecases.communities import CommunityService
from desktop.services.usecases.cycles import CycleService, LearningFindingService, PhaseService
from desktop.services.usecases.harms import HarmPriorityService, HarmService
from desktop.services.usecases.linkages import LinkageService, StakeholderService
from desktop.services.usecases.meetings import MeetingService, PlanningGroupMemberService
from desktop.services.usecases.office import OfficeSettingService, ParticipantGroupService
from desktop.services.usecases.reviews import FollowUpService, MentorReviewService
from desktop.storage import Database


class Services:
    """``Services(db, actor).meetings.create(...)``: each attribute is one entity's service.

    Services hold no state besides ``db`` and ``actor``, so making this is cheap; make a
    new one when the acting user changes.
    """

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self.communities = CommunityService(db, actor)
        self.cycles = CycleService(db, actor)
        self.phases = PhaseService(db, actor)
        self.findings = LearningFindingService(db, actor)
        self.harms = HarmService(db, actor)
        self.priorities = HarmPriorityService(db, actor)
        self.meetings = MeetingService(db, actor)
        self.planning_members = PlanningGroupMemberService(db, actor)
        self.actions = ActionService(db, actor)
        self.indicators = IndicatorService(db, actor)
        self.observations = ObservationService(db, actor)
        self.reflections = ReflectionService(db, actor)
        self.stakeholders = StakeholderService(db, actor)
        self.linkages = LinkageService(db, actor)
        self.reviews = MentorReviewService(db, actor)
        self.follow_ups = FollowUpService(db, actor)
        self.attachments = AttachmentService(db, actor)
        self.users = UserService(db, actor)
        self.assignments = AssignmentService(db, actor)
        self.participant_groups = ParticipantGroupService(db, actor)
        self.settings = OfficeSettingService(db, actor)
        self.audit_log = AuditLogService(db, actor)
        self.comments = CommentService(db, actor)

    def can(self, action: str, entity: str, community_id: uuid.UUID | str | None = None) -> bool:
        """Whether the actor may ``action`` ("read", "create", "update", "delete") ``entity``.

        Views use this to hide or disable what the role cannot do; the services enforce
        the same answer on every call (``desktop.services.security.permissions``). With a
        ``community_id`` the answer is for that community; without one it says whether the
        role may do it at all (a facilitator may add meetings, in their own communities).
        """
        if community_id is None:
            return permissions.role_may(self.actor, action, entity)
        community = uuid.UUID(community_id) if isinstance(community_id, str) else community_id
        with self.db.session() as session:
            return permissions.allowed(session, self.actor, action, entity, community)

    def list_communities(self, query: CommunityQuery) -> Page[CommunityRow]:
        """The community list, holding only the communities the actor may read."""
        return list_communities(self.db, query, actor=self.actor)

    def list_districts(self) -> list[str]:
        """Districts of the communities the actor may read."""
        return list_districts(self.db, actor=self.actor)
