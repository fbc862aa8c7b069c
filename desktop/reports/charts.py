"""Charts drawn with ReportLab graphics: an indicator's trend, counts per group or period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.platypus import Flowable

from desktop.reports.fonts import SANS
from desktop.reports.styles import ACCENT, MUTED, RULE

PALETTE = [
    colors.HexColor(c)
    for c in ("#1d5b79", "#e07a1f", "#4c9a2a", "#b8336a", "#7e57c2", "#8d6e63", "#00838f")
]


class TrendChart(Flowable):  # type: ignore[misc]
    """An indicator's values over time, as a line with its first and last dates and its
    lowest and highest values; a dashed line marks the baseline when known. Drawn with
    plain canvas strokes (no chart widget or drawing tree), so a thousand of them print
    quickly."""

    def __init__(
        self,
        points: Sequence[tuple[date, float]],
        width: float,
        height: float,
        baseline: float | None,
    ) -> None:
        super().__init__()
        self.points = list(points)
        self.width, self.height = width, height
        self.baseline = baseline

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, points, height = self.canv, self.points, self.height
        canvas.setFont(SANS, 6)
        canvas.setFillColor(MUTED)
        if not points:
            canvas.drawString(4, height / 2, "-")
            return
        left, bottom, right, top = 34.0, 12.0, self.width - 8, height - 6
        values = [v for _d, v in points] + ([self.baseline] if self.baseline is not None else [])
        low, high = min(0.0, min(values)), max(values)
        span = (high - low) or 1.0
        first, last = points[0][0].toordinal(), points[-1][0].toordinal()
        days = (last - first) or 1

        def x_of(when: date) -> float:
            return left + (when.toordinal() - first) / days * (right - left)

        def y_of(value: float) -> float:
            return bottom + (value - low) / span * (top - bottom)

        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.lines([(left, bottom, right, bottom), (left, bottom, left, top)])
        for value in (low, high):
            canvas.drawRightString(left - 3, y_of(value) - 2, f"{value:g}")
        canvas.drawString(left, 2, points[0][0].isoformat())
        canvas.drawRightString(right, 2, points[-1][0].isoformat())
        if self.baseline is not None:
            canvas.setStrokeColor(MUTED)
            canvas.setLineWidth(0.6)
            canvas.setDash(2, 2)
            canvas.line(left, y_of(self.baseline), right, y_of(self.baseline))
            canvas.setDash()
        coords = [(x_of(when), y_of(value)) for when, value in points]
        path = canvas.beginPath()
        path.moveTo(*coords[0])
        for x, y in coords[1:]:
            path.lineTo(x, y)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.4)
        canvas.drawPath(path, stroke=1, fill=0)
        # Each point is a dot: a line of no length with round ends, far cheaper to write
        # than a circle's four curves.
        dots = canvas.beginPath()
        for x, y in coords:
            dots.moveTo(x, y)
            dots.lineTo(x, y)
        canvas.setLineCap(1)
        canvas.setLineWidth(3.2)
        canvas.drawPath(dots, stroke=1, fill=0)
        canvas.setLineCap(0)


def trend_chart(
    points: Sequence[tuple[date, float]],
    width: float,
    height: float = 70,
    baseline: float | None = None,
) -> Flowable:
    """An indicator's trend as a flowable of ``width`` x ``height`` points."""
    return TrendChart(points, width, height, baseline)


def bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    width: float,
    height: float = 150,
) -> Drawing:
    """Grouped bars: one bar per series in each category, with a legend."""
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 30
    chart.width = width - (150 if len(series) > 1 else 44)
    chart.height = height - 40
    chart.data = [list(values) for _name, values in series] or [[0]]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 0 if len(categories) <= 6 else 30
    chart.categoryAxis.labels.boxAnchor = "n" if len(categories) <= 6 else "ne"
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeColor = RULE
    chart.categoryAxis.strokeColor = RULE
    chart.barSpacing = 0.5
    for index in range(len(series)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
        chart.bars[index].strokeColor = None
    d.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = width - 108, height - 12
        legend.fontName, legend.fontSize = SANS, 7
        legend.alignment = "right"
        legend.columnMaximum = 10
        legend.colorNamePairs = [
            (PALETTE[i % len(PALETTE)], name) for i, (name, _values) in enumerate(series)
        ]
        d.add(legend)
    return d
