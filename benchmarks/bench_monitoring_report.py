"""Monitoring report at 1,000 communities, against a bare ReportLab document.

Run: ``uv run python -m benchmarks.bench_monitoring_report [--communities N] [--runs R]``.
Makes a demo database in a temporary folder, then measures in the same run:

- the report: reading its figures through the services and writing the whole PDF
  (cover, contents, bookmarks, charts, embedded fonts, decorated pages);
- the baseline: the same figures read the same way, then a bare ReportLab document
  (``SimpleDocTemplate``, plain-string cells) holding the same tables in the report's
  fonts (Noto Sans, bold headers), columns and words: what needs attention, the
  programme's figures, who was in the room in all and per quarter, the linkages, every
  open follow-up, and per community its profile, figures, flags, participation,
  indicators and follow-ups, with a page break before each community's tables, as the
  report has. Texts are whole, broken into lines of their column (nothing cut short).
The report and the baseline run in interleaved rounds (``--runs``); times are the best
round. The goal (the issue's) is the report within 1.5x of the bare document.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pypdfium2
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

from benchmarks.measure import Figure
from benchmarks.measure import table as results_table
from desktop.demo.generate import generate_demo
from desktop.reports.document import MARGIN
from desktop.reports.fonts import SANS, SANS_BOLD
from desktop.reports.indicators import latest, start_and_target
from desktop.reports.jobs import monitoring_job
from desktop.reports.labels import recorded
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.queries.attention import (
    Thresholds,
    direction_words,
    flag_words,
    short_words,
)
from desktop.services.queries.participation import MeetingTally, share_words
from desktop.services.queries.reporting import Group
from desktop.services.queries.reporting_monitoring import (
    CommunityFigures,
    IndicatorTrend,
    MonitoringData,
    MonitoringFilter,
    monitoring_data,
)
from desktop.storage import open_database

WIDTH = A4[0] - 2 * MARGIN  # the report's text frame, so tables have its columns
CELL = 8.5  # points, the report's cell text
ROOM = 8.0  # points of padding in a cell, left and right together
STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTNAME", (0, 0), (-1, 0), SANS_BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), CELL),
        ("LEADING", (0, 0), (-1, -1), CELL * 1.3),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def timed(work: Callable[[], bytes]) -> tuple[float, bytes]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def best(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def table(rows: list[list[str]], shares: list[float]) -> Table:
    """Plain-string cells in the report's columns, each text broken into lines of its
    column (the least a bare document must do to print the same words in them)."""
    widths = [WIDTH * share for share in shares]
    lines = [
        [
            "\n".join(simpleSplit(cell, SANS_BOLD if not r else SANS, CELL, w - ROOM))
            if len(cell) * CELL > w - ROOM
            else cell
            for cell, w in zip(row, widths, strict=True)
        ]
        for r, row in enumerate(rows)
    ]
    plain = Table(lines, colWidths=widths, repeatRows=1, hAlign="LEFT")
    plain.setStyle(STYLE)
    return plain


def bare_document(data: MonitoringData) -> bytes:
    """The report's tables, with nothing around them, in the report's fonts and columns:
    the communities that need attention, the programme's figures, who was in the room
    (in all and per quarter), the linkages, every open follow-up, and per community its
    profile, figures, flags, participation, indicators and follow-ups."""
    today, groups = data.today, data.groups
    story: list[object] = [
        table(
            [
                ["Community", "Why it needs attention", "Since"],
                *[
                    [
                        f"{c.name}\n{c.district}" if c.district else c.name,
                        "; ".join(short_words(f, today) for f in c.flags),
                        str(c.since),
                    ]
                    for c in data.attention()
                ],
            ],
            [0.3, 0.56, 0.14],
        )
    ]
    story += _programme(data)
    for figures in data.communities:
        story += _community(figures, groups, today, data.thresholds)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, initialFontName=SANS).build(story)
    return out.getvalue()


def _programme(data: MonitoringData) -> list[object]:
    total, groups = data.actions(), data.groups
    story: list[object] = []
    for attribute in ("partnership_status", "current_phase"):
        by_value = data.count_by(attribute)
        rows = [[k or "-", str(n)] for k, n in sorted(by_value.items())]
        story.append(table([["Value", "Communities"], *rows], [0.3, 0.2]))
    story.append(table([["Figure", "Number"], ["Actions", str(total.total)]], [0.6, 0.2]))
    trends = [t for c in data.communities for t in c.indicators]
    story.append(table([["Figure", "Number"], ["Indicators", str(len(trends))]], [0.6, 0.2]))
    never = {g.code: str(len(data.never_in_room(g.code))) for g in groups}
    story.append(table(_presence(data.tally(), groups, never), [0.22, 0.12, 0.26, 0.2, 0.2]))
    for _name, tally in sorted(data.quarters.items()):
        story.append(table(_presence(tally, groups), [0.26, 0.14, 0.32, 0.28]))
    kinds = [[k, str(n)] for k, n in sorted(data.linkages_by_kind.items())]
    story.append(table([["Kind of linkage formed", "Number"], *kinds], [0.6, 0.2]))
    items = [f for c in data.communities for f in c.open_follow_ups]
    rows = [
        [f.community, f.description, recorded(f.owner), str(f.due_on)]
        for f in sorted(items, key=lambda f: (f.due_on or date.max, f.community))
    ]
    story.append(
        table(
            [["Community", "What is to be done", "Who", "By when"], *rows], [0.2, 0.4, 0.15, 0.25]
        )
    )
    return story


def _presence(
    tally: MeetingTally, groups: list[Group], never: dict[str, str] | None = None
) -> list[list[str]]:
    header = ["Group", "People counted", "Meetings attended", "Decision meetings without them"]
    rows = [
        [
            g.name,
            str(tally.group(g.code).people),
            share_words(tally, g.code),
            f"{tally.missed_decisions(g.code)} of {tally.decision_meetings}",
        ]
        for g in groups
    ]
    if never is None:
        return [header, *rows]
    rows = [[*r, never[g.code]] for r, g in zip(rows, groups, strict=True)]
    return [[*header, "Communities where never in the room"], *rows]


def _community(
    figures: CommunityFigures, groups: list[Group], today: date, thresholds: Thresholds
) -> list[object]:
    row, counts = figures.row, figures.actions
    story: list[object] = [
        PageBreak(),
        table(
            [
                ["Community", row.name],
                ["District", recorded(row.district)],
                ["Partnership", row.partnership_status],
                ["Current phase", row.current_phase or "-"],
                ["Facilitator", recorded(row.facilitator)],
            ],
            [110 / WIDTH, 1 - 110 / WIDTH],
        ),
        table(
            [
                ["Meetings", "Actions", "On time", "Late", "Overdue", "Linkages", "Open"],
                [
                    str(figures.meetings),
                    str(counts.total),
                    str(counts.done_on_time),
                    str(counts.done_late),
                    str(counts.overdue),
                    str(figures.linkages_formed),
                    str(len(figures.open_follow_ups)),
                ],
            ],
            [1 / 7] * 7,
        ),
        table([["Needs attention"], *[[flag_words(f, today)] for f in figures.flags]], [1.0]),
        table(_presence(figures.tally, groups), [0.26, 0.14, 0.32, 0.28]),
    ]
    if figures.indicators:
        rows = [
            [t.wording, start_and_target(t), latest(t), _direction(t, thresholds)]
            for t in figures.indicators
        ]
        header = ["Indicator", "Start and target", "Latest result", "Direction"]
        story.append(table([header, *rows], [0.36, 0.22, 0.2, 0.22]))
    if figures.open_follow_ups:
        rows = [[f.description, recorded(f.owner), str(f.due_on)] for f in figures.open_follow_ups]
        story.append(table([["What is to be done", "Who", "By when"], *rows], [0.5, 0.22, 0.28]))
    return story


def _direction(trend: IndicatorTrend, thresholds: Thresholds) -> str:
    if not trend.counted:
        return "in the community's words"
    return direction_words(trend.direction(thresholds))


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


#: The issue's aim: the report costs at most this many times the bare document.
GOAL = 1.5


def run(quick: bool = False, count: int | None = None, runs: int = 3) -> list[Figure]:
    count = count or (100 if quick else 1000)
    today = date.today()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        generate_demo(db, communities=count, seed=1, today=today)
        services = Services(db, Actor("manager", "manager"))
        selection = MonitoringFilter()
        job = monitoring_job(services, selection, today=today)

        def report() -> bytes:
            out = io.BytesIO()
            job.write(out, None, None)
            return out.getvalue()

        def baseline() -> bytes:
            return bare_document(monitoring_data(services, selection, today))

        # Rounds interleave the report and its baseline, so that each ratio compares
        # runs made under the same load (the machine may be shared).
        data_time = best(runs, lambda: monitoring_data(services, selection, today))[0]
        times: dict[str, list[float]] = {"report": [], "bare": []}
        pdf = bare = b""
        for _round in range(runs):
            elapsed, pdf = timed(report)
            times["report"].append(elapsed)
            elapsed, bare = timed(baseline)
            times["bare"].append(elapsed)
        db.close()
    report_time, bare_time = min(times["report"]), min(times["bare"])
    ratios = [r / b for r, b in zip(times["report"], times["bare"], strict=True)]
    print(f"communities: {count}; {runs} rounds, best times")
    print(f"figures read through the services: {data_time:.2f} s")
    print(f"monitoring report: {report_time:.2f} s, {page_count(pdf)} pages, {len(pdf):,} bytes")
    print(
        f"bare ReportLab document, same figures, tables, columns and fonts: {bare_time:.2f} s, "
        f"{page_count(bare)} pages -> ratio {statistics.median(ratios):.2f} (median of the "
        f"rounds' ratios; each round: {', '.join(f'{r:.2f}' for r in ratios)})"
    )
    return [
        Figure(
            "monitoring_report",
            f"monitoring report ({count:,})",
            report_time,
            bare_time,
            f"bare ReportLab document, {SANS}",
            goal_ratio=GOAL,
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(results_table(run(count=args.communities, runs=args.runs)))


if __name__ == "__main__":
    main()
