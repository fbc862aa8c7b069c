"""Human, translatable labels for stored codes (``"phased_out"`` -> "Phased out").

Shared by the item models and the filter drop-downs. Each label is a literal in
a ``translate()`` call so Qt's ``lupdate`` picks it up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.models.enums import (
    CommunityKind,
    CycleStatus,
    LinkageKind,
    LinkageStatus,
    PartnershipStatus,
    PhaseKind,
    StakeholderLevel,
    StakeholderType,
)

_CONTEXT = "Labels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def partnership_labels() -> dict[str, str]:
    """Partnership status code -> label, in the order a person thinks of them."""
    return {
        PartnershipStatus.EXPLORING.value: _tr("Exploring"),
        PartnershipStatus.AGREED.value: _tr("Agreed"),
        PartnershipStatus.DECLINED.value: _tr("Declined"),
        PartnershipStatus.PAUSED.value: _tr("Paused"),
        PartnershipStatus.PHASED_OUT.value: _tr("Phased out"),
    }


def phase_labels() -> dict[str, str]:
    return {
        PhaseKind.RELATIONSHIP_BUILDING.value: _tr("Relationship building"),
        PhaseKind.LEARNING.value: _tr("Learning"),
        PhaseKind.FEEDBACK.value: _tr("Feedback"),
        PhaseKind.PLANNING.value: _tr("Planning"),
        PhaseKind.ACTION.value: _tr("Action"),
        PhaseKind.REVIEW.value: _tr("Review"),
    }


def humanise(code: str) -> str:
    """A readable fallback for a code with no label yet (``"under_way"`` -> "Under way")."""
    return code.replace("_", " ").capitalize()


def partnership_label(code: str) -> str:
    return partnership_labels().get(code) or humanise(code)


def phase_label(code: str) -> str:
    return phase_labels().get(code) or humanise(code)


def community_kind_labels() -> dict[str, str]:
    return {
        CommunityKind.VILLAGE.value: _tr("Village"),
        CommunityKind.URBAN_NEIGHBOURHOOD.value: _tr("Urban neighbourhood"),
        CommunityKind.CAMP.value: _tr("Camp"),
        CommunityKind.COLLECTIVE.value: _tr("Collective"),
    }


def cycle_status_labels() -> dict[str, str]:
    return {
        CycleStatus.ACTIVE.value: _tr("Active"),
        CycleStatus.COMPLETED.value: _tr("Completed"),
        CycleStatus.SUSPENDED.value: _tr("Suspended"),
    }


def stakeholder_type_labels() -> dict[str, str]:
    return {
        StakeholderType.SOCIAL_WELFARE.value: _tr("Social welfare"),
        StakeholderType.POLICE.value: _tr("Police"),
        StakeholderType.HEALTH.value: _tr("Health"),
        StakeholderType.EDUCATION.value: _tr("Education"),
        StakeholderType.LOCAL_GOVERNMENT.value: _tr("Local government"),
        StakeholderType.NGO.value: _tr("NGO"),
        StakeholderType.FAITH_TRADITIONAL.value: _tr("Faith or traditional leader"),
        StakeholderType.OTHER.value: _tr("Other"),
    }


def stakeholder_level_labels() -> dict[str, str]:
    return {
        StakeholderLevel.COMMUNITY.value: _tr("Community"),
        StakeholderLevel.DISTRICT.value: _tr("District"),
        StakeholderLevel.PROVINCIAL.value: _tr("Provincial"),
        StakeholderLevel.NATIONAL.value: _tr("National"),
    }


def linkage_kind_labels() -> dict[str, str]:
    return {
        LinkageKind.REFERRAL_PATHWAY.value: _tr("Referral pathway"),
        LinkageKind.AGREEMENT.value: _tr("Agreement"),
        LinkageKind.DIALOGUE.value: _tr("Dialogue"),
        LinkageKind.SUPPORT.value: _tr("Support"),
    }


def linkage_status_labels() -> dict[str, str]:
    return {
        LinkageStatus.PROPOSED.value: _tr("Proposed"),
        LinkageStatus.IN_DIALOGUE.value: _tr("In dialogue"),
        LinkageStatus.ACTIVE.value: _tr("Active"),
        LinkageStatus.LAPSED.value: _tr("Lapsed"),
        LinkageStatus.ENDED.value: _tr("Ended"),
    }


def label(labels: dict[str, str], code: str) -> str:
    """The label of ``code`` in ``labels``, or a readable fallback."""
    return labels.get(code) or humanise(code)
