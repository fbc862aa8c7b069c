"""How screens show a mentor's rating (a mark as well as the words, so it never depends on
colour alone) and the plain-words reason a cycle waits for a review.

The words for the codes themselves are in ``desktop.labels``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.labels import humanise, label
from desktop.models.enums import BenchmarkRating
from desktop.services.queries.mentoring import CycleAwaitingReview

_CONTEXT = "ReviewLabels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


_MARKS = {
    BenchmarkRating.ON_TRACK.value: "✔",
    BenchmarkRating.NEEDS_ATTENTION.value: "⚠",
    BenchmarkRating.NOT_YET.value: "○",
}


def rating_text(code: str) -> str:
    """A rating as a mark and its words ("⚠ Needs attention"); "-" when not rated."""
    if not code:
        return "-"
    mark = _MARKS.get(code)
    return f"{mark} {label(code)}" if mark else label(code)


def awaiting_reason(item: CycleAwaitingReview) -> str:
    """Why a cycle waits for a review, in plain words."""
    if item.reason == "never":
        return _tr("Never reviewed (running since {day})").format(day=item.started_on.isoformat())
    if item.reason == "stale" and item.last_review_on is not None:
        return _tr("Last reviewed {day}, more than three months ago").format(
            day=item.last_review_on.isoformat()
        )
    if item.reason == "phase_ended" and item.ended_on is not None:
        return _tr("{phase} phase ended on {day}, after the last review").format(
            phase=label(item.ended_phase), day=item.ended_on.isoformat()
        )
    return humanise(item.reason)
