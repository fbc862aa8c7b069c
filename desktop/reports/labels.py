"""Printable names for the stored codes (partnership status, phase, action status ...)."""

from __future__ import annotations

from datetime import date

from desktop.i18n import _
from desktop.models.enums import (
    ActionStatus,
    Benchmark,
    BenchmarkRating,
    FollowUpStatus,
    LinkageKind,
    LinkageStatus,
    MeetingKind,
    PartnershipStatus,
    PhaseKind,
    StakeholderLevel,
    StakeholderType,
)


def _labels() -> dict[str, str]:
    return {
        PartnershipStatus.EXPLORING: _("Exploring"),
        PartnershipStatus.AGREED: _("Agreed"),
        PartnershipStatus.DECLINED: _("Declined"),
        PartnershipStatus.PAUSED: _("Paused"),
        PartnershipStatus.PHASED_OUT: _("Phased out"),
        PhaseKind.RELATIONSHIP_BUILDING: _("Relationship building"),
        PhaseKind.LEARNING: _("Learning"),
        PhaseKind.FEEDBACK: _("Feedback"),
        PhaseKind.PLANNING: _("Planning"),
        PhaseKind.ACTION: _("Action"),
        PhaseKind.REVIEW: _("Review"),
        MeetingKind.WHOLE_COMMUNITY: _("Whole community"),
        MeetingKind.SMALL_GROUP: _("Small group"),
        MeetingKind.HOME_VISIT: _("Home visit"),
        MeetingKind.PLANNING_GROUP: _("Planning group"),
        MeetingKind.REFLECTION: _("Reflection"),
        MeetingKind.FORMAL_DIALOGUE: _("Dialogue with formal actors"),
        ActionStatus.PLANNED: _("Planned"),
        ActionStatus.UNDER_WAY: _("Under way"),
        ActionStatus.DONE: _("Done"),
        ActionStatus.DROPPED: _("Dropped"),
        StakeholderType.SOCIAL_WELFARE: _("Social welfare"),
        StakeholderType.POLICE: _("Police"),
        StakeholderType.HEALTH: _("Health"),
        StakeholderType.EDUCATION: _("Education"),
        StakeholderType.LOCAL_GOVERNMENT: _("Local government"),
        StakeholderType.NGO: _("NGO"),
        StakeholderType.FAITH_TRADITIONAL: _("Faith or traditional leader"),
        StakeholderType.OTHER: _("Other"),
        StakeholderLevel.COMMUNITY: _("Community"),
        StakeholderLevel.DISTRICT: _("District"),
        StakeholderLevel.PROVINCIAL: _("Provincial"),
        StakeholderLevel.NATIONAL: _("National"),
        LinkageKind.REFERRAL_PATHWAY: _("Referral pathway"),
        LinkageKind.AGREEMENT: _("Agreement"),
        LinkageKind.DIALOGUE: _("Dialogue"),
        LinkageKind.SUPPORT: _("Support"),
        LinkageStatus.PROPOSED: _("Proposed"),
        LinkageStatus.IN_DIALOGUE: _("In dialogue"),
        LinkageStatus.ACTIVE: _("Active"),
        LinkageStatus.LAPSED: _("Lapsed"),
        LinkageStatus.ENDED: _("Ended"),
        Benchmark.INCLUSIVE_PARTICIPATION: _("Inclusive participation"),
        Benchmark.COMMUNITY_OWNERSHIP: _("Community ownership"),
        Benchmark.COLLECTIVE_REFLECTION: _("Collective reflection on options"),
        Benchmark.FORMAL_LINKAGE: _("Linkage with the formal system"),
        Benchmark.SUSTAINABILITY: _("Sustainability and facilitator phase-out"),
        BenchmarkRating.ON_TRACK: _("On track"),
        BenchmarkRating.NEEDS_ATTENTION: _("Needs attention"),
        BenchmarkRating.NOT_YET: _("Not yet"),
        FollowUpStatus.OPEN: _("Open"),
        FollowUpStatus.DONE: _("Done"),
        FollowUpStatus.CANCELLED: _("Cancelled"),
    }


def label(code: str | None) -> str:
    """The printed name of a stored code ("-" for none; the code itself if unknown)."""
    if not code:
        return "-"
    return _labels().get(code, code.replace("_", " ").capitalize())


def day(value: date | None) -> str:
    """A date as printed on forms: 2026-03-05 reads the same in every language."""
    return value.isoformat() if value is not None else "-"
