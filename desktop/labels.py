"""The words shown for stored codes ("phased_out" -> "Phased out"), one table for every layer.

Screens, printed reports and the command line all read their words from here, so a code
reads the same everywhere. A code has the same words in every vocabulary that holds it, so
``label(code)`` needs no vocabulary; ``labels(Vocabulary)`` lists one vocabulary's choices
for a drop-down. Every word is marked with ``_()`` for translation.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from desktop.i18n import _
from desktop.models.enums import (
    ActionStatus,
    AssignmentRole,
    Benchmark,
    BenchmarkRating,
    CommunityKind,
    CycleStatus,
    FollowUpStatus,
    LinkageKind,
    LinkageStatus,
    MeetingKind,
    ObservationKind,
    PartnershipStatus,
    PhaseKind,
    Role,
    StakeholderLevel,
    StakeholderType,
)


def _roles() -> dict[str, str]:
    # the least powerful first: a new account starts as a facilitator
    return {
        Role.FACILITATOR: _("Facilitator"),
        Role.MENTOR: _("Mentor"),
        Role.MANAGER: _("Manager"),
        Role.ADMIN: _("Administrator"),
    }


def vocabularies() -> dict[type[StrEnum], dict[str, str]]:
    """Each vocabulary's codes and words, in the order a person meets them."""
    roles = _roles()
    return {
        CommunityKind: {
            CommunityKind.VILLAGE: _("Village"),
            CommunityKind.URBAN_NEIGHBOURHOOD: _("Urban neighbourhood"),
            CommunityKind.CAMP: _("Camp"),
            CommunityKind.COLLECTIVE: _("Collective"),
        },
        PartnershipStatus: {
            PartnershipStatus.EXPLORING: _("Exploring"),
            PartnershipStatus.AGREED: _("Agreed"),
            PartnershipStatus.DECLINED: _("Declined"),
            PartnershipStatus.PAUSED: _("Paused"),
            PartnershipStatus.PHASED_OUT: _("Phased out"),
        },
        CycleStatus: {
            CycleStatus.ACTIVE: _("Active"),
            CycleStatus.COMPLETED: _("Completed"),
            CycleStatus.SUSPENDED: _("Suspended"),
        },
        PhaseKind: {
            PhaseKind.RELATIONSHIP_BUILDING: _("Relationship building"),
            PhaseKind.LEARNING: _("Learning"),
            PhaseKind.FEEDBACK: _("Feedback"),
            PhaseKind.PLANNING: _("Planning"),
            PhaseKind.ACTION: _("Action"),
            PhaseKind.REVIEW: _("Review"),
        },
        MeetingKind: {
            MeetingKind.WHOLE_COMMUNITY: _("Whole community"),
            MeetingKind.SMALL_GROUP: _("Small group"),
            MeetingKind.HOME_VISIT: _("Home visit"),
            MeetingKind.PLANNING_GROUP: _("Planning group"),
            MeetingKind.REFLECTION: _("Reflection"),
            MeetingKind.FORMAL_DIALOGUE: _("Dialogue with formal actors"),
        },
        ActionStatus: {
            ActionStatus.PLANNED: _("Planned"),
            ActionStatus.UNDER_WAY: _("Under way"),
            ActionStatus.DONE: _("Done"),
            ActionStatus.DROPPED: _("Dropped"),
        },
        StakeholderType: {
            StakeholderType.SOCIAL_WELFARE: _("Social welfare"),
            StakeholderType.POLICE: _("Police"),
            StakeholderType.HEALTH: _("Health"),
            StakeholderType.EDUCATION: _("Education"),
            StakeholderType.LOCAL_GOVERNMENT: _("Local government"),
            StakeholderType.NGO: _("NGO"),
            StakeholderType.FAITH_TRADITIONAL: _("Faith or traditional leader"),
            StakeholderType.OTHER: _("Other"),
        },
        StakeholderLevel: {
            StakeholderLevel.COMMUNITY: _("Community"),
            StakeholderLevel.DISTRICT: _("District"),
            StakeholderLevel.PROVINCIAL: _("Provincial"),
            StakeholderLevel.NATIONAL: _("National"),
        },
        LinkageKind: {
            LinkageKind.REFERRAL_PATHWAY: _("Referral pathway"),
            LinkageKind.AGREEMENT: _("Agreement"),
            LinkageKind.DIALOGUE: _("Dialogue"),
            LinkageKind.SUPPORT: _("Support"),
        },
        LinkageStatus: {
            LinkageStatus.PROPOSED: _("Proposed"),
            LinkageStatus.IN_DIALOGUE: _("In dialogue"),
            LinkageStatus.ACTIVE: _("Active"),
            LinkageStatus.LAPSED: _("Lapsed"),
            LinkageStatus.ENDED: _("Ended"),
        },
        Benchmark: {
            Benchmark.INCLUSIVE_PARTICIPATION: _("Inclusive participation"),
            Benchmark.COMMUNITY_OWNERSHIP: _("Community ownership and leadership"),
            Benchmark.COLLECTIVE_REFLECTION: _("Collective reflection on options"),
            Benchmark.FORMAL_LINKAGE: _("Linkage with the formal system"),
            Benchmark.SUSTAINABILITY: _("Sustainability and facilitator phase-out"),
        },
        BenchmarkRating: {
            BenchmarkRating.ON_TRACK: _("On track"),
            BenchmarkRating.NEEDS_ATTENTION: _("Needs attention"),
            BenchmarkRating.NOT_YET: _("Not yet"),
        },
        FollowUpStatus: {
            FollowUpStatus.OPEN: _("Open"),
            FollowUpStatus.DONE: _("Done"),
            FollowUpStatus.CANCELLED: _("Cancelled"),
        },
        Role: roles,
        AssignmentRole: {member: roles[member] for member in AssignmentRole},
        ObservationKind: {
            ObservationKind.NUMBER: _("A number (counted)"),
            ObservationKind.TEXT: _("Words (described)"),
        },
    }


def humanise(code: str) -> str:
    """A readable fallback for a code with no words yet ("under_way" -> "Under way")."""
    return code.replace("_", " ").capitalize()


def labels(vocabulary: type[StrEnum]) -> dict[str, str]:
    """Code -> words of one vocabulary, in the order a drop-down lists them."""
    return {str(code): words for code, words in vocabularies()[vocabulary].items()}


@cache
def _by_code() -> dict[str, str]:
    # read once: the language is set when the program starts, and tables ask for a label per cell
    return {str(code): words for table in vocabularies().values() for code, words in table.items()}


def label(code: str | None) -> str:
    """The words for a stored code: "-" for none, a readable fallback for an unknown one."""
    if not code:
        return "-"
    return _by_code().get(code) or humanise(code)


def validated_labels() -> dict[bool | None, str]:
    """Whether the community confirmed a learning finding at a feedback meeting."""
    return {
        None: _("Not yet taken back"),
        True: _("Confirmed by the community"),
        False: _("Not confirmed"),
    }


def marker_labels() -> dict[str, str]:
    """Timeline marker kind -> its name in a legend, in the legend's order.

    Kept apart from the codes: "review" here is a mentor's visit, not the review phase.
    """
    return {
        "meeting": _("Meeting"),
        "observation": _("Observation"),
        "reflection": _("Reflection"),
        "review": _("Mentor review"),
        "follow_up": _("Follow-up due"),
    }


def record_kinds() -> dict[str, str]:
    """Kind of record (as stored records and audit entries name it: "follow_up") -> its
    name, lower case, for a sentence ("cannot change this follow-up") or a list."""
    return {
        "community": _("community"),
        "partnership_change": _("partnership change"),
        "cycle": _("cycle"),
        "phase": _("phase"),
        "learning_finding": _("learning finding"),
        "finding": _("learning finding"),  # as comments name it
        "harm": _("harm"),
        "harm_name": _("harm name"),
        "harm_priority": _("harm considered"),
        "harm_rank": _("harm rank"),
        "meeting": _("meeting"),
        "meeting_attendance": _("meeting attendance"),
        "planning_group_member": _("planning group member"),
        "action": _("action"),
        "action_stakeholder": _("stakeholder of an action"),
        "indicator": _("indicator"),
        "observation": _("observation"),
        "reflection": _("reflection"),
        "reflection_action": _("action changed by a reflection"),
        "mentor_review": _("review"),
        "benchmark_assessment": _("benchmark rating"),
        "follow_up": _("follow-up"),
        "stakeholder": _("stakeholder"),
        "linkage": _("linkage"),
        "linkage_change": _("linkage change"),
        "participant_group": _("participant group"),
        "office_setting": _("office setting"),
        "comment": _("comment"),
        "attachment": _("attached file"),
        "user": _("user account"),
        "community_assignment": _("community assignment"),
        "database": _("database"),
        "session": _("sign-in"),
        "sync_change": _("change to sync"),
        "sync_conflict": _("sync conflict"),
        "server_account": _("server password"),
    }


def record_kind(kind: str) -> str:
    """The name of a kind of record (see :func:`record_kinds`); a readable fallback."""
    return record_kinds().get(kind) or kind.replace("_", " ")
