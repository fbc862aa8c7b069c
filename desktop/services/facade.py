"""One entry point for views and the CLI: every service, bound to a database and an actor."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from desktop.services.framework.actor import Actor
from desktop.services.framework.records import Page
from desktop.services.queries.attention import CommunityAttention
from desktop.services.queries.attention_reads import community_attention
from desktop.services.queries.community_list import (
    CommunityQuery,
    CommunityRow,
    list_communities,
    list_districts,
    list_facilitators,
)
from desktop.services.queries.inclusion import InclusionCheck, inclusion_check
from desktop.services.queries.mentoring import (
    MentorHome,
    ReviewSnapshot,
    UnreadComment,
    display_names,
    mentor_home,
    review_history,
    unread_comments,
)
from desktop.services.queries.timeline import (
    CommunityTimeline,
    OfficeQuery,
    OfficeTimeline,
    community_timeline,
    office_timeline,
)
from desktop.services.security import permissions
from desktop.services.security.audit_log import AuditLogService
from desktop.services.security.backups import BackupMade, back_up, daily_backup
from desktop.services.security.passwords import AccountService
from desktop.services.security.signin import sign_out, verify_password
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
from desktop.services.usecases.drafts import DraftService
from desktop.services.usecases.duplicate_review import DuplicateReviews
from desktop.services.usecases.duplicates import PossibleDuplicateService
from desktop.services.usecases.harms import HarmPriorityService, HarmService
from desktop.services.usecases.linkages import LinkageService, StakeholderService
from desktop.services.usecases.meetings import MeetingService, PlanningGroupMemberService
from desktop.services.usecases.office import OfficeSettingService, ParticipantGroupService
from desktop.services.usecases.reviews import FollowUpService, MentorReviewService
from desktop.storage import Database
from desktop.storage.backup import backup_dir_for


class Reads:
    """The screens' reads that span more than one entity (home pages, timelines, checks),
    bound to the database and the person asking, so no screen handles the database itself.
    Each answers only with what ``actor`` may read, as the query functions it calls do."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def mentor_home(self, today: date) -> MentorHome:
        """The mentor's home: cycles awaiting review and follow-ups due, by community."""
        return mentor_home(self.db, self.actor, today=today)

    def unread_comments(self) -> list[UnreadComment]:
        """Replies to the actor's comments not yet read."""
        return unread_comments(self.db, self.actor)

    def review_history(self, community_id: uuid.UUID) -> list[ReviewSnapshot]:
        """A community's mentor reviews, newest first."""
        return review_history(self.db, community_id, actor=self.actor)

    def display_names(self, usernames: Iterable[str]) -> dict[str, str]:
        """Each user name with the name a person knows its owner by."""
        return display_names(self.db, usernames)

    def inclusion_check(self, cycle_id: uuid.UUID) -> InclusionCheck:
        """Which participant groups were present at a cycle's deciding meetings."""
        return inclusion_check(self.db, cycle_id, actor=self.actor)

    def community_timeline(self, community_id: uuid.UUID, today: date) -> CommunityTimeline:
        """A community's live cycles with their phases, actions and dated records."""
        return community_timeline(self.db, community_id, today, actor=self.actor)

    def office_timeline(self, query: OfficeQuery, today: date) -> OfficeTimeline:
        """One row per readable community matching ``query``."""
        return office_timeline(self.db, query, today, actor=self.actor)

    def attention(
        self, community_ids: list[uuid.UUID], today: date
    ) -> dict[uuid.UUID, CommunityAttention]:
        """What needs attention in each of these communities (by id), as every screen
        and report shows it."""
        return community_attention(self.db, community_ids, today, actor=self.actor)

    def facilitators(self) -> list[tuple[str, str]]:
        """(user name, display name) of the facilitators, for a filter list."""
        return list_facilitators(self.db)


class OwnSession:
    """The signed-in person's own session: check their password again, or end it."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def verify_password(self, password: str) -> None:
        """SignInError unless ``password`` is the actor's (unlocking a locked window)."""
        verify_password(self.db, self.actor, password)

    def sign_out(self, *, switching: bool = False) -> None:
        """Record the sign-out and close the database."""
        sign_out(self.db, self.actor, switching=switching)

    def backup_folder(self) -> Path | None:
        """Where the automatic backups go (None for a database that is not a file)."""
        return backup_dir_for(self.db.path) if self.db.path is not None else None

    def back_up(self, folder: Path) -> BackupMade:
        """A checked archive of the database and its key file, written into ``folder``."""
        return back_up(self.db, folder)

    def daily_backup(self) -> Path | None:
        """Today's automatic backup in the backups folder, if not made yet (seven kept)."""
        if self.db.path is None or self.db.keyring is None:
            return None
        return daily_backup(self.db)


class Services:
    """``Services(db, actor).meetings.create(...)``: each attribute is one entity's service,
    besides ``reads`` (the screens' wider reads), ``accounts`` (passwords), ``duplicates``
    (deciding possible duplicates), ``drafts`` and ``session`` (the signed-in person's
    own session). Screens go through this alone, so
    every call carries the database and the person asking.

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
        self.possible_duplicates = PossibleDuplicateService(db, actor)
        self.duplicates = DuplicateReviews(db, actor)
        self.drafts = DraftService(db, actor)
        self.accounts = AccountService(db, actor)
        self.reads = Reads(db, actor)
        self.session = OwnSession(db, actor)

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

    def why_not(self, action: str, entity: str) -> str:
        """One sentence saying why the actor's role may not ``action`` an ``entity``."""
        return permissions.why_not(self.actor, action, entity)

    def list_communities(self, query: CommunityQuery) -> Page[CommunityRow]:
        """The community list, holding only the communities the actor may read."""
        return list_communities(self.db, query, actor=self.actor)

    def list_districts(self) -> list[str]:
        """Districts of the communities the actor may read."""
        return list_districts(self.db, actor=self.actor)
