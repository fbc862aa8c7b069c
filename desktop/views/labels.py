"""Human, translatable labels for stored codes (``"phased_out"`` -> "Phased out").

Shared by the item models and the filter drop-downs. Each label is a literal in
a ``translate()`` call so Qt's ``lupdate`` picks it up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.models.enums import PartnershipStatus, PhaseKind

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
