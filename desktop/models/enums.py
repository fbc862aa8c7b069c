"""Closed vocabularies stored as plain strings (adding a value needs no schema change)."""

from __future__ import annotations

from enum import StrEnum


class CommunityKind(StrEnum):
    VILLAGE = "village"
    URBAN_NEIGHBOURHOOD = "urban_neighbourhood"
    CAMP = "camp"
    COLLECTIVE = "collective"


class PartnershipStatus(StrEnum):
    """Where the relationship between the community and the office stands.

    ``declined`` is a decision to respect, recorded like any other status.
    """

    EXPLORING = "exploring"
    AGREED = "agreed"
    DECLINED = "declined"
    PAUSED = "paused"
    PHASED_OUT = "phased_out"


class CycleStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    SUSPENDED = "suspended"


class PhaseKind(StrEnum):
    RELATIONSHIP_BUILDING = "relationship_building"
    LEARNING = "learning"
    FEEDBACK = "feedback"
    PLANNING = "planning"
    ACTION = "action"
    REVIEW = "review"


class MeetingKind(StrEnum):
    WHOLE_COMMUNITY = "whole_community"
    SMALL_GROUP = "small_group"
    HOME_VISIT = "home_visit"
    PLANNING_GROUP = "planning_group"
    REFLECTION = "reflection"
    FORMAL_DIALOGUE = "formal_dialogue"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    UNDER_WAY = "under_way"
    DONE = "done"
    DROPPED = "dropped"


class StakeholderType(StrEnum):
    SOCIAL_WELFARE = "social_welfare"
    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"
    LOCAL_GOVERNMENT = "local_government"
    NGO = "ngo"
    FAITH_TRADITIONAL = "faith_traditional"
    OTHER = "other"


class StakeholderLevel(StrEnum):
    COMMUNITY = "community"
    DISTRICT = "district"
    PROVINCIAL = "provincial"
    NATIONAL = "national"


class LinkageKind(StrEnum):
    REFERRAL_PATHWAY = "referral_pathway"
    AGREEMENT = "agreement"
    DIALOGUE = "dialogue"
    SUPPORT = "support"


class LinkageStatus(StrEnum):
    PROPOSED = "proposed"
    IN_DIALOGUE = "in_dialogue"
    ACTIVE = "active"
    LAPSED = "lapsed"
    ENDED = "ended"


class Benchmark(StrEnum):
    """Process benchmarks a mentor assesses for a cycle."""

    INCLUSIVE_PARTICIPATION = "inclusive_participation"
    COMMUNITY_OWNERSHIP = "community_ownership"
    COLLECTIVE_REFLECTION = "collective_reflection"
    FORMAL_LINKAGE = "formal_linkage"
    SUSTAINABILITY = "sustainability"


class BenchmarkRating(StrEnum):
    ON_TRACK = "on_track"
    NEEDS_ATTENTION = "needs_attention"
    NOT_YET = "not_yet"


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    FACILITATOR = "facilitator"
    MENTOR = "mentor"


class AssignmentRole(StrEnum):
    FACILITATOR = "facilitator"
    MENTOR = "mentor"


class ObservationKind(StrEnum):
    NUMBER = "number"
    TEXT = "text"


class DuplicateKind(StrEnum):
    """The kinds of record two laptops can both add as "the same" one."""

    COMMUNITY = "community"
    STAKEHOLDER = "stakeholder"


class DuplicateStatus(StrEnum):
    """Where a possible duplicate stands: waiting for a manager, or decided."""

    OPEN = "open"
    KEPT_BOTH = "kept_both"
    MERGED = "merged"
