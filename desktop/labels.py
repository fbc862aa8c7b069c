"""The words shown for stored codes ("phased_out" -> "Phased out"), one table for every layer.

Screens, printed reports and the command line all read their words from here, so a code
reads the same everywhere. A code has the same words in every vocabulary that holds it, so
``label(code)`` needs no vocabulary; ``labels(Vocabulary)`` lists one vocabulary's choices
for a drop-down. Every word is marked for translation: with ``_()`` where it is
shown, with ``N_()`` in the vocabulary table, which is translated when it is read.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from desktop.i18n import N_, NP_, _, current_language, translated
from desktop.models.enums import (
    ActionStatus,
    AssignmentRole,
    Benchmark,
    BenchmarkRating,
    CommunityKind,
    CycleStatus,
    DuplicateKind,
    DuplicateStatus,
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

# the least powerful first: a new account starts as a facilitator
_ROLE_WORDS: dict[str, str] = {
    Role.FACILITATOR: N_("Facilitator"),
    Role.MENTOR: N_("Mentor"),
    Role.MANAGER: N_("Manager"),
    Role.ADMIN: N_("Administrator"),
}

#: Each vocabulary's codes and words (in English, marked for translation), in the order
#: a person meets them; :func:`vocabularies` gives them in the current language.
VOCABULARY_WORDS: dict[type[StrEnum], dict[str, str]] = {
    CommunityKind: {
        CommunityKind.VILLAGE: N_("Village"),
        CommunityKind.URBAN_NEIGHBOURHOOD: N_("Urban neighbourhood"),
        CommunityKind.CAMP: N_("Camp"),
        CommunityKind.COLLECTIVE: N_("Collective"),
    },
    PartnershipStatus: {
        PartnershipStatus.EXPLORING: N_("Exploring"),
        PartnershipStatus.AGREED: N_("Agreed"),
        PartnershipStatus.DECLINED: N_("Declined"),
        PartnershipStatus.PAUSED: N_("Paused"),
        PartnershipStatus.PHASED_OUT: N_("Phased out"),
    },
    CycleStatus: {
        CycleStatus.ACTIVE: N_("Active"),
        CycleStatus.COMPLETED: N_("Completed"),
        CycleStatus.SUSPENDED: N_("Suspended"),
    },
    PhaseKind: {
        PhaseKind.RELATIONSHIP_BUILDING: N_("Relationship building"),
        PhaseKind.LEARNING: N_("Learning"),
        PhaseKind.FEEDBACK: N_("Feedback"),
        PhaseKind.PLANNING: N_("Planning"),
        PhaseKind.ACTION: NP_("phase", "Action"),
        PhaseKind.REVIEW: N_("Review"),
    },
    MeetingKind: {
        MeetingKind.WHOLE_COMMUNITY: N_("Whole community"),
        MeetingKind.SMALL_GROUP: N_("Small group"),
        MeetingKind.HOME_VISIT: N_("Home visit"),
        MeetingKind.PLANNING_GROUP: N_("Planning group"),
        MeetingKind.REFLECTION: N_("Reflection"),
        MeetingKind.FORMAL_DIALOGUE: N_("Dialogue with formal actors"),
    },
    ActionStatus: {
        ActionStatus.PLANNED: N_("Planned"),
        ActionStatus.UNDER_WAY: N_("Under way"),
        ActionStatus.DONE: N_("Done"),
        ActionStatus.DROPPED: N_("Dropped"),
    },
    StakeholderType: {
        StakeholderType.SOCIAL_WELFARE: N_("Social welfare"),
        StakeholderType.POLICE: N_("Police"),
        StakeholderType.HEALTH: N_("Health"),
        StakeholderType.EDUCATION: N_("Education"),
        StakeholderType.LOCAL_GOVERNMENT: N_("Local government"),
        StakeholderType.NGO: N_("NGO"),
        StakeholderType.FAITH_TRADITIONAL: N_("Faith or traditional leader"),
        StakeholderType.OTHER: N_("Other"),
    },
    StakeholderLevel: {
        StakeholderLevel.COMMUNITY: N_("Community"),
        StakeholderLevel.DISTRICT: N_("District"),
        StakeholderLevel.PROVINCIAL: N_("Provincial"),
        StakeholderLevel.NATIONAL: N_("National"),
    },
    LinkageKind: {
        LinkageKind.REFERRAL_PATHWAY: N_("Referral pathway"),
        LinkageKind.AGREEMENT: N_("Agreement"),
        LinkageKind.DIALOGUE: N_("Dialogue"),
        LinkageKind.SUPPORT: N_("Support"),
    },
    LinkageStatus: {
        LinkageStatus.PROPOSED: N_("Proposed"),
        LinkageStatus.IN_DIALOGUE: N_("In dialogue"),
        LinkageStatus.ACTIVE: N_("Active"),
        LinkageStatus.LAPSED: N_("Lapsed"),
        LinkageStatus.ENDED: N_("Ended"),
    },
    Benchmark: {
        Benchmark.INCLUSIVE_PARTICIPATION: N_("Inclusive participation"),
        Benchmark.COMMUNITY_OWNERSHIP: N_("Community ownership and leadership"),
        Benchmark.COLLECTIVE_REFLECTION: N_("Collective reflection on options"),
        Benchmark.FORMAL_LINKAGE: N_("Linkage with the formal system"),
        Benchmark.SUSTAINABILITY: N_("Sustainability and facilitator phase-out"),
    },
    BenchmarkRating: {
        BenchmarkRating.ON_TRACK: N_("On track"),
        BenchmarkRating.NEEDS_ATTENTION: N_("Needs attention"),
        BenchmarkRating.NOT_YET: N_("Not yet"),
    },
    FollowUpStatus: {
        FollowUpStatus.OPEN: NP_("status", "Open"),
        FollowUpStatus.DONE: N_("Done"),
        FollowUpStatus.CANCELLED: N_("Cancelled"),
    },
    Role: _ROLE_WORDS,
    AssignmentRole: {member: _ROLE_WORDS[member] for member in AssignmentRole},
    ObservationKind: {
        ObservationKind.NUMBER: N_("A number (counted)"),
        ObservationKind.TEXT: N_("Words (described)"),
    },
    DuplicateKind: {
        DuplicateKind.COMMUNITY: N_("Community"),
        DuplicateKind.STAKEHOLDER: N_("Stakeholder"),
    },
    DuplicateStatus: {
        DuplicateStatus.OPEN: NP_("status", "Open"),
        DuplicateStatus.KEPT_BOTH: N_("Kept both"),
        DuplicateStatus.MERGED: N_("Merged"),
    },
}


def vocabularies() -> dict[type[StrEnum], dict[str, str]]:
    """Each vocabulary's codes and words in the current language, in the order a person
    meets them."""
    return {
        vocabulary: {code: translated(words) for code, words in table.items()}
        for vocabulary, table in VOCABULARY_WORDS.items()
    }


def humanise(code: str) -> str:
    """A readable fallback for a code with no words yet ("under_way" -> "Under way")."""
    return code.replace("_", " ").capitalize()


def labels(vocabulary: type[StrEnum]) -> dict[str, str]:
    """Code -> words of one vocabulary, in the order a drop-down lists them."""
    return {str(code): words for code, words in vocabularies()[vocabulary].items()}


@cache
def _by_code(language: str) -> dict[str, str]:
    # read once per language: tables ask for a label per cell
    return {str(code): words for table in vocabularies().values() for code, words in table.items()}


def label(code: str | None) -> str:
    """The words for a stored code: "-" for none, a readable fallback for an unknown one."""
    if not code:
        return "-"
    return _by_code(current_language()).get(code) or humanise(code)


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
        "possible_duplicate": _("possible duplicate"),
        "server_account": _("server password"),
    }


def record_kind(kind: str) -> str:
    """The name of a kind of record (see :func:`record_kinds`); a readable fallback."""
    return record_kinds().get(kind) or kind.replace("_", " ")


#: The participant groups every office starts with, as the first revision wrote them:
#: shown in the reader's language while the office keeps their names as they were.
_SEEDED_GROUPS: dict[str, str] = {
    "girls": N_("Girls"),
    "boys": N_("Boys"),
    "women": N_("Women"),
    "men": N_("Men"),
    "elders": N_("Elders"),
    "disability": N_("People with disabilities"),
}


def group_words(code: str, name: str) -> str:
    """A participant group's name as shown: a seeded group keeps its name in the reader's
    language; a group the office named or renamed shows its own name."""
    return _(name) if _SEEDED_GROUPS.get(code) == name else name
