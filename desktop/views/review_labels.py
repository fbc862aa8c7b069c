"""Labels for what mentor reviews store (benchmarks, ratings, follow-up states) and the
plain-words reason a cycle waits for a review.

Each label is a literal inside ``translate()`` so Qt's ``lupdate`` finds it. A rating
carries a mark as well as a word, so it never depends on colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.models.enums import Benchmark, BenchmarkRating, FollowUpStatus
from desktop.services.mentoring import CycleAwaitingReview
from desktop.views.labels import humanise, phase_label

_CONTEXT = "ReviewLabels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def benchmark_labels() -> dict[str, str]:
    """Benchmark code -> label, in the order a review lists them."""
    return {
        Benchmark.INCLUSIVE_PARTICIPATION.value: _tr("Inclusive participation"),
        Benchmark.COMMUNITY_OWNERSHIP.value: _tr("Community ownership and leadership"),
        Benchmark.COLLECTIVE_REFLECTION.value: _tr("Collective reflection on options"),
        Benchmark.FORMAL_LINKAGE.value: _tr("Linkage with the formal system"),
        Benchmark.SUSTAINABILITY.value: _tr("Sustainability and facilitator phase-out"),
    }


def rating_labels() -> dict[str, str]:
    """Rating code -> label; "" is a benchmark not rated in this review."""
    return {
        "": _tr("Not rated"),
        BenchmarkRating.ON_TRACK.value: _tr("On track"),
        BenchmarkRating.NEEDS_ATTENTION.value: _tr("Needs attention"),
        BenchmarkRating.NOT_YET.value: _tr("Not yet"),
    }


_MARKS = {
    BenchmarkRating.ON_TRACK.value: "✔",
    BenchmarkRating.NEEDS_ATTENTION.value: "⚠",
    BenchmarkRating.NOT_YET.value: "○",
}


def rating_text(code: str) -> str:
    """A rating as a mark and a word ("⚠ Needs attention"); "-" when not rated."""
    if not code:
        return "-"
    word = rating_labels().get(code) or humanise(code)
    mark = _MARKS.get(code)
    return f"{mark} {word}" if mark else word


def follow_up_status_labels() -> dict[str, str]:
    return {
        FollowUpStatus.OPEN.value: _tr("Open"),
        FollowUpStatus.DONE.value: _tr("Done"),
        FollowUpStatus.CANCELLED.value: _tr("Cancelled"),
    }


def label(labels: dict[str, str], code: str) -> str:
    return labels.get(code) or humanise(code)


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
            phase=phase_label(item.ended_phase), day=item.ended_on.isoformat()
        )
    return humanise(item.reason)
