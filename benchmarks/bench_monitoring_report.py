"""Monitoring report at 1,000 communities, against a bare ReportLab document.

Run: ``uv run python -m benchmarks.bench_monitoring_report [--communities N] [--runs R]``.
Makes a demo database in a temporary folder, then measures in the same run:

- the report: reading its figures through the services and writing the whole PDF
  (cover, contents, bookmarks, charts, embedded fonts, decorated pages);
- the baseline: the same figures read the same way, then a bare ReportLab document
  (``SimpleDocTemplate``, built-in Helvetica, plain-string cells) holding the same
  tables (what needs attention, who was in the room per quarter, and per community its
  figures, flags, participation, indicators and follow-ups), with a page break before
  each community's tables, as the report has.
The report and the baselines run in interleaved rounds (``--runs``); times are the best
round, ratios the median of the rounds' ratios, so a busy machine distorts them less.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import pypdfium2
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

from benchmarks.measure import Figure, table
from desktop.demo.generate import generate_demo
from desktop.reports.fonts import SANS
from desktop.reports.jobs import monitoring_job
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.queries.attention import flag_words, short_words
from desktop.services.queries.participation import MeetingTally, share_words
from desktop.services.queries.reporting import Group
from desktop.services.queries.reporting_monitoring import (
    CommunityFigures,
    MonitoringData,
    MonitoringFilter,
    monitoring_data,
)
from desktop.storage import open_database

COMMANDS = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
    ("FONTSIZE", (0, 0), (-1, -1), 8.5),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]
STYLES = {
    "Helvetica": TableStyle([*COMMANDS, ("FONTNAME", (0, 0), (-1, -1), "Helvetica")]),
    SANS: TableStyle([*COMMANDS, ("FONTNAME", (0, 0), (-1, -1), SANS)]),
}


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


def bare_document(data: MonitoringData, font: str) -> bytes:
    """The report's tables, with nothing around them, in ``font``: the communities that need
    attention, the programme's figures, who was in the room per quarter, and per community
    its profile, figures, flags, participation, indicators and follow-ups."""

    def table(rows: list[list[str]]) -> Table:
        plain = Table(rows, repeatRows=1, hAlign="LEFT")
        plain.setStyle(STYLES[font])
        return plain

    today = data.today
    groups = data.groups
    story: list[object] = [
        table(
            [
                ["Community", "Why", "Since"],
                *[
                    [c.name, "; ".join(short_words(f, today) for f in c.flags), str(c.since)]
                    for c in data.attention()
                ],
            ]
        )
    ]
    total = data.actions()
    story.append(table([["Figure", "Number"], ["Actions", str(total.total)]]))
    for attribute in ("partnership_status", "current_phase"):
        by_value = data.count_by(attribute)
        story.append(table([["Value", "Communities"], *[[k, str(n)] for k, n in by_value.items()]]))
    for _name, tally in sorted(data.quarters.items()):
        story.append(table(_presence(tally, groups)))
    for figures in data.communities:
        story += _community(figures, groups, table, today)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, initialFontName=font).build(story)
    return out.getvalue()


def _presence(tally: MeetingTally, groups: list[Group]) -> list[list[str]]:
    return [
        ["Group", "People", "Attended", "Missed"],
        *[
            [
                g.name,
                str(tally.group(g.code).people),
                share_words(tally, g.code),
                str(tally.missed_decisions(g.code)),
            ]
            for g in groups
        ],
    ]


def _community(
    figures: CommunityFigures, groups: list[Group], table: Callable[..., Table], today: date
) -> list[object]:
    row, counts = figures.row, figures.actions
    story: list[object] = [
        PageBreak(),
        table(
            [
                ["District", row.district or "-"],
                ["Partnership", row.partnership_status],
                ["Current phase", row.current_phase or "-"],
                ["Facilitator", row.facilitator or "-"],
            ]
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
            ]
        ),
        table([["Needs attention"], *[[flag_words(f, today)] for f in figures.flags]]),
        table(_presence(figures.tally, groups)),
    ]
    if figures.indicators:
        story.append(
            table(
                [
                    ["Indicator", "Baseline", "Target", "Latest"],
                    *[
                        [t.wording[:60], t.baseline, t.target, str(t.points[-1:] or t.words[-1:])]
                        for t in figures.indicators
                    ],
                ]
            )
        )
    if figures.open_follow_ups:
        story.append(
            table(
                [
                    ["What is to be done", "Who", "By when"],
                    *[
                        [f.description[:80], f.owner or "-", str(f.due_on)]
                        for f in figures.open_follow_ups
                    ],
                ]
            )
        )
    return story


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def run(quick: bool = False, count: int | None = None, runs: int = 2) -> list[Figure]:
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

        def baseline(font: str) -> bytes:
            return bare_document(monitoring_data(services, selection, today), font)

        # Rounds interleave the report and its baselines, so that each ratio compares
        # runs made under the same load (the machine may be shared).
        data_time = best(runs, lambda: monitoring_data(services, selection, today))[0]
        times: dict[str, list[float]] = {"report": [], **{font: [] for font in STYLES}}
        pdf, bare = b"", {font: b"" for font in STYLES}
        for _round in range(runs):
            elapsed, pdf = timed(report)
            times["report"].append(elapsed)
            for font in STYLES:
                elapsed, bare[font] = timed(partial(baseline, font))
                times[font].append(elapsed)
        db.close()
    report_time = min(times["report"])
    print(f"communities: {count}; {runs} rounds, best times")
    print(f"figures read through the services: {data_time:.2f} s")
    print(f"monitoring report: {report_time:.2f} s, {page_count(pdf)} pages, {len(pdf):,} bytes")
    for font in STYLES:
        ratios = [r / b for r, b in zip(times["report"], times[font], strict=True)]
        print(
            f"bare ReportLab document in {font}, same figures and tables: "
            f"{min(times[font]):.2f} s, {page_count(bare[font])} pages -> ratio "
            f"{statistics.median(ratios):.2f} (median of the rounds' ratios)"
        )
    return [
        Figure(
            "monitoring_report",
            f"monitoring report ({count:,}), against {font}",
            report_time,
            min(times[font]),
            f"bare ReportLab document, {font}",
        )
        for font in STYLES
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    print(table(run(count=args.communities, runs=args.runs)))


if __name__ == "__main__":
    main()
