"""Charts drawn with ReportLab graphics: an indicator's trend against its baseline and
target, counts per group or period."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desktop.i18n import _
from desktop.reports.bidi_text import draw_line, has_rtl, visual_runs
from desktop.reports.fonts import SANS, SANS_BOLD, arabic_font
from desktop.reports.styles import ACCENT, MUTED, RULE, right_to_left

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
        self.rtl = right_to_left()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        """Time runs left to right, or right to left on a right-to-left page (the axis, the
        names of the baseline and target and the dates change sides)."""
        canvas, points, height = self.canv, self.points, self.height
        canvas.setFillColor(MUTED)
        if not points:
            draw_line(canvas, self._x(4), height / 2, _("no result yet"), SANS, 6, self._at())
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
            return self._x(left + (when.toordinal() - first) / days * (right - left))

        def y_of(value: float) -> float:
            return bottom + (value - low) / span * (top - bottom)

        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        x_left, x_right = self._x(left), self._x(right)
        canvas.lines([(x_left, bottom, x_right, bottom), (x_left, bottom, x_left, top)])
        for value in (low, high):
            draw_line(
                canvas, self._x(left - 3), y_of(value) - 2, f"{value:g}", SANS, 6, self._at("end")
            )
        draw_line(canvas, x_left, 2, points[0][0].isoformat(), SANS, 6, self._at())
        if len(points) > 1:
            draw_line(canvas, x_right, 2, points[-1][0].isoformat(), SANS, 6, self._at("end"))
        for y, words in self._levels(canvas, x_left, x_right, y_of):
            draw_line(canvas, self._x(right + 4), y - 2, words, SANS, 6, self._at())
        self._line(canvas, [(x_of(when), y_of(value)) for when, value in points])
        when, value = points[-1]
        latest = _("latest {value} {unit} on {day}").format(
            value=f"{value:g}", unit=self.unit, day=when.isoformat()
        )
        canvas.setFillColor(ACCENT)
        x, y = x_of(when), min(y_of(value) + 4, height - 7)
        anchor = "end" if abs(x - x_left) > abs(x_right - x) else "start"
        draw_line(canvas, x, y, " ".join(latest.split()), SANS_BOLD, 6.5, anchor)

    def _x(self, x: float) -> float:
        """Where ``x`` (measured from the start of time's axis) lies on the page."""
        return self.width - x if self.rtl else x

    def _at(self, anchor: str = "start") -> str:
        """A text's anchor on the page: its start is at its right on a mirrored chart."""
        if not self.rtl:
            return anchor
        return {"start": "end", "end": "start"}.get(anchor, anchor)

    def _levels(
        self, canvas: Canvas, x_left: float, x_right: float, y_of: Callable[[float], float]
    ) -> list[tuple[float, str]]:
        """Draw the baseline (dashed) and the target (dotted) across; their names and
        heights, moved apart when they would touch."""
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
            canvas.line(x_left, y_of(level), x_right, y_of(level))
            canvas.setDash()
            named.append((y_of(level), words.format(value=f"{level:g}")))
        named.sort()
        if len(named) == 2 and named[1][0] - named[0][0] < 7:  # too close: move them apart
            middle = (named[0][0] + named[1][0]) / 2
            named = [(middle - 3.5, named[0][1]), (middle + 3.5, named[1][1])]
        return named

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
    """Grouped bars: one bar per series in each category, with a legend. On a right-to-left
    page the categories run from the right and the legend stands on the left."""
    rtl = right_to_left()
    legend_width = 150 if len(series) > 1 else 44
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = (legend_width - 10 if rtl and len(series) > 1 else 34), 30
    chart.width = width - legend_width
    chart.height = height - 40
    ordered = (lambda values: list(values)[::-1]) if rtl else list
    chart.data = [ordered(values) for _name, values in series] or [[0]]
    names, font = _shaped_labels(ordered(categories), SANS)
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = font
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
        _legend(d, [name for name, _values in series], 4 if rtl else width - 108, height, rtl)
    return d


def _shaped_labels(texts: Sequence[str], latin_font: str) -> tuple[list[str], str]:
    """Labels a chart draws in one font: shaped and ordered, in the Arabic font when any
    holds Arabic (its font has the digits and signs the others need)."""
    shaped = ["".join(part for part, _face in visual_runs(t, latin_font)) for t in texts]
    arabic = any(has_rtl(t) for t in texts)
    return shaped, arabic_font(latin_font) if arabic else latin_font


def _legend(d: Drawing, names: Sequence[str], x: float, height: float, rtl: bool) -> None:
    """One swatch and name a line, each name in the font that has its letters; the swatch
    on the side a line of the page's direction starts."""
    y = height - 12
    for index, name in enumerate(names[:10]):
        (shown,), font = _shaped_labels([name], SANS)
        swatch = x + (96 if rtl else 0)
        d.add(Rect(swatch, y, 8, 6, fillColor=PALETTE[index % len(PALETTE)], strokeColor=None))
        anchor = "end" if rtl else "start"
        d.add(
            String(
                swatch - 4 if rtl else x + 12,
                y,
                shown,
                fontName=font,
                fontSize=7,
                textAnchor=anchor,
            )
        )
        y -= 10
