"""Charts drawn with ReportLab graphics: an indicator's trend against its baseline and
target, counts per group or period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desktop.i18n import _
from desktop.reports.fonts import SANS, SANS_BOLD
from desktop.reports.styles import ACCENT, MUTED, RULE

PALETTE = [
    colors.HexColor(c)
    for c in ("#1d5b79", "#e07a1f", "#4c9a2a", "#b8336a", "#7e57c2", "#8d6e63", "#00838f")
]


class TrendChart(Flowable):  # type: ignore[misc]
    """An indicator's values over time, as a line with its first and last dates and its
    lowest and highest values; the baseline (dashed) and the target (dotted) drawn across
    and named, and the latest value written with its date. The lines differ by their dash
    and their words, not by colour alone. Drawn with plain canvas strokes (no chart widget
    or drawing tree), so a thousand of them print quickly."""

    def __init__(
        self,
        points: Sequence[tuple[date, float]],
        width: float,
        height: float,
        baseline: float | None,
        target: float | None = None,
        unit: str = "",
    ) -> None:
        super().__init__()
        self.points = list(points)
        self.width, self.height = width, height
        self.baseline, self.target, self.unit = baseline, target, unit

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, points, height = self.canv, self.points, self.height
        canvas.setFont(SANS, 6)
        canvas.setFillColor(MUTED)
        if not points:
            canvas.drawString(4, height / 2, _("no result yet"))
            return
        # the baseline's and the target's names go in a margin on the right, clear of the line
        left, bottom, right, top = 34.0, 12.0, self.width - 64, height - 8
        known = [v for v in (self.baseline, self.target) if v is not None]
        values = [v for _d, v in points] + known
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
        if len(points) > 1:
            canvas.drawRightString(right, 2, points[-1][0].isoformat())
        named: list[tuple[float, str]] = []
        for level, words, dash in (
            (self.baseline, _("baseline {value}"), (2, 2)),
            (self.target, _("target {value}"), (0.6, 1.6)),
        ):
            if level is None:
                continue
            canvas.setStrokeColor(MUTED)
            canvas.setLineWidth(0.8)
            canvas.setDash(*dash)
            canvas.line(left, y_of(level), right, y_of(level))
            canvas.setDash()
            named.append((y_of(level), words.format(value=f"{level:g}")))
        named.sort()
        if len(named) == 2 and named[1][0] - named[0][0] < 7:  # too close: move them apart
            middle = (named[0][0] + named[1][0]) / 2
            named = [(middle - 3.5, named[0][1]), (middle + 3.5, named[1][1])]
        for y, words in named:
            canvas.drawString(right + 4, y - 2, words)
        self._line(canvas, [(x_of(when), y_of(value)) for when, value in points])
        when, value = points[-1]
        latest = _("latest {value} {unit} on {day}").format(
            value=f"{value:g}", unit=self.unit, day=when.isoformat()
        )
        canvas.setFont(SANS_BOLD, 6.5)
        canvas.setFillColor(ACCENT)
        x, y = x_of(when), min(y_of(value) + 4, height - 7)
        draw = canvas.drawRightString if x > (left + right) / 2 else canvas.drawString
        draw(x, y, " ".join(latest.split()))

    @staticmethod
    def _line(canvas: Canvas, coords: list[tuple[float, float]]) -> None:
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
    target: float | None = None,
    unit: str = "",
) -> Flowable:
    """An indicator's trend as a flowable of ``width`` x ``height`` points."""
    return TrendChart(points, width, height, baseline, target, unit)


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
