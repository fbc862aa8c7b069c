"""Indicators on paper: where each started, what it aims at, its latest result with the
date, and whether it moved toward its target, stalled or moved away. A counted indicator
is charted against its baseline and target; one in the community's words keeps its words.
No indicator is left off a page without saying how many more there are and where."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from desktop.i18n import _
from desktop.reports.blocks import grid
from desktop.reports.charts import trend_chart
from desktop.reports.flags import FlagNote
from desktop.reports.labels import recorded
from desktop.reports.styles import STYLES, text
from desktop.services.queries.attention import Direction, Thresholds, direction_words

if TYPE_CHECKING:  # a blank form loads no database layer
    from desktop.services.queries.reporting_figures import IndicatorTrend


def number(value: float) -> str:
    return f"{value:g}"


def start_and_target(trend: IndicatorTrend) -> str:
    """ "Baseline: 5 girls" over "Target: 30 girls"; the words as typed when they are not
    numbers (an indicator in the community's words, or one typed before numbers were asked)."""
    unit = f" {trend.unit}" if trend.unit else ""
    start = number(trend.baseline_number) if trend.baseline_number is not None else None
    aim = number(trend.target_number) if trend.target_number is not None else None
    baseline = (start + unit) if start is not None else recorded(trend.baseline)
    target = (aim + unit) if aim is not None else recorded(trend.target)
    return (
        _("Baseline: {baseline}").format(baseline=baseline)
        + "\n"
        + _("Target: {target}").format(target=target)
    )


def latest(trend: IndicatorTrend) -> str:
    """The latest result and its date, in words."""
    if trend.counted and trend.points:
        day, value = trend.points[-1]
        unit = f" {trend.unit}" if trend.unit else ""
        return _("{value} on {day}").format(value=number(value) + unit, day=day.isoformat())
    if not trend.counted and trend.words:
        day, words = trend.words[-1]
        return _("{words} (on {day})").format(words=words, day=day.isoformat())
    return _("no result yet")


def direction_cell(trend: IndicatorTrend, thresholds: Thresholds) -> object:
    """Toward, stalled or away in words; away carries the attention mark."""
    if not trend.counted:
        return _("in the community's words")
    way = trend.direction(thresholds)
    if way == Direction.AWAY:
        return [FlagNote(direction_words(way))]
    return direction_words(way)


def indicator_table(
    trends: Sequence[IndicatorTrend], thresholds: Thresholds, width: float
) -> Flowable:
    """Every indicator in one table: nothing is left out."""
    rows = [
        [t.wording, start_and_target(t), latest(t), direction_cell(t, thresholds)] for t in trends
    ]
    header = [_("Indicator"), _("Start and target"), _("Latest result"), _("Direction")]
    return grid(header, rows, [width * 0.36, width * 0.22, width * 0.2, width * 0.22])


def indicator_chart(trend: IndicatorTrend, width: float, height: float) -> Flowable:
    return trend_chart(
        trend.points, width, height, trend.baseline_number, trend.target_number, trend.unit
    )


def charts(
    trends: Sequence[IndicatorTrend], width: float, height: float, limit: int, elsewhere: str
) -> list[Flowable]:
    """Charts of the first ``limit`` counted indicators with results, then how many more
    there are and where they are charted (``elsewhere``)."""
    charted = [t for t in trends if t.counted and t.points]
    story: list[Flowable] = []
    for trend in charted[:limit]:
        story += [text(trend.wording, STYLES.body), indicator_chart(trend, width, height)]
    more = len(charted) - limit
    if more > 0:
        story.append(
            text(
                _("And {n} more charted in {where}.").format(n=more, where=elsewhere), STYLES.muted
            )
        )
    return story
