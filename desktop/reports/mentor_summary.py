"""A mentor's summary across their communities: what needs attention, and how each
community's process stands at its latest review.

It prints what the mentor's home screen shows (communities, cycles awaiting review,
follow-ups due or overdue) and adds the latest rating of each process benchmark per
community, so a mentor can take it to a supervision meeting. A manager's summary
covers every community.
"""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from reportlab.platypus import Flowable, Spacer

from desktop.i18n import _
from desktop.labels import label
from desktop.models.enums import Benchmark
from desktop.reports.blocks import fields, grid
from desktop.reports.document import Cancelled, Progress, render_pdf, section
from desktop.reports.job import ReportJob, decoration_for, frame_width
from desktop.reports.labels import day
from desktop.reports.options import Paper
from desktop.reports.styles import STYLES, text
from desktop.services.facade import Services
from desktop.services.queries.mentoring import MentorHome, display_names, mentor_home
from desktop.services.queries.review_history import ReviewSnapshot, review_history

MENTOR_SUMMARY_ID = "mentor-summary"
MENTOR_SUMMARY_VERSION = "1.0"


def _reason(kind: str, ended_phase: str, ended_on: date | None, last: date | None) -> str:
    if kind == "never":
        return _("Never reviewed")
    if kind == "stale":
        return _("Last review {day}, over three months ago").format(day=day(last))
    return _("{phase} phase ended {day}").format(phase=label(ended_phase), day=day(ended_on))


def _rating(code: str) -> str:
    # Words only: the embedded fonts have no check or circle marks, and words print anywhere.
    if code == "needs_attention":
        return f"! {label(code)}"
    return label(code) if code else "-"


def mentor_summary_story(
    home: MentorHome,
    latest: dict[str, ReviewSnapshot | None],
    width: float,
    *,
    who: str,
    today: date,
) -> list[Flowable]:
    """The pages: overview, what needs attention, and the latest ratings per community."""
    return [
        *_overview(home, width, who=who, today=today),
        *_awaiting_review(home, width),
        *_follow_ups(home, width),
        *_latest_ratings(home, latest, width),
    ]


def _overview(home: MentorHome, width: float, *, who: str, today: date) -> list[Flowable]:
    """The title and who, when and how many."""
    return [
        text(_("Mentor's summary"), STYLES.title),
        fields(
            [
                (_("Mentor"), who),
                (_("As of"), day(today)),
                (_("Communities"), str(len(home.communities))),
                (_("Unread comments"), str(home.unread_comments)),
            ],
            width,
        ),
        Spacer(1, 8),
    ]


def _awaiting_review(home: MentorHome, width: float) -> list[Flowable]:
    """The cycles awaiting review, each with why."""
    story: list[Flowable] = [section(_("Cycles awaiting review"), "awaiting")]
    if home.awaiting_review:
        rows = [
            [
                c.community_name,
                str(c.cycle_number),
                _reason(c.reason, c.ended_phase, c.ended_on, c.last_review_on),
            ]
            for c in home.awaiting_review
        ]
        story.append(grid([_("Community"), _("Cycle"), _("Why")], rows, [170, 40, width - 210]))
    else:
        story.append(text(_("None: every cycle has a recent review."), STYLES.muted))
    return story


def _follow_ups(home: MentorHome, width: float) -> list[Flowable]:
    """The follow-ups due soon or overdue, overdue ones marked in words."""
    story: list[Flowable] = [section(_("Follow-ups due or overdue"), "follow-ups")]
    if home.follow_ups:
        rows = [
            [
                (_("OVERDUE") + " " if f.overdue else "") + day(f.due_on),
                f.community_name,
                f.description,
                f.owner or "-",
            ]
            for f in home.follow_ups
        ]
        story.append(
            grid(
                [_("Due"), _("Community"), _("What is to be done"), _("Who")],
                rows,
                [80, 110, width - 290, 100],
            )
        )
    else:
        story.append(text(_("None due in the next two weeks."), STYLES.muted))
    return story


def _latest_ratings(
    home: MentorHome, latest: dict[str, ReviewSnapshot | None], width: float
) -> list[Flowable]:
    """One row per community: its last review, open follow-ups and latest benchmark ratings."""
    story: list[Flowable] = [section(_("Communities and their latest review"), "communities")]
    benchmarks = list(Benchmark)
    header = [_("Community"), _("Last review"), _("Open follow-ups"), *map(label, benchmarks)]
    first = 150.0
    rest = (width - first - 60 - 50) / len(benchmarks)
    rows = []
    for community in home.communities:
        snapshot = latest.get(str(community.community_id))
        ratings = snapshot.ratings if snapshot is not None else {}
        rows.append(
            [
                f"{community.name} ({community.district})"
                if community.district
                else community.name,
                day(community.last_review_on),
                str(community.open_follow_ups),
                *(_rating(ratings.get(b, ("", ""))[0]) for b in benchmarks),
            ]
        )
    if rows:
        story.append(grid(header, rows, [first, 60, 50, *[rest] * len(benchmarks)]))
    else:
        story.append(text(_("No community is assigned."), STYLES.muted))
    return story


def mentor_summary_job(
    services: Services, *, paper: Paper = Paper.A4, today: date | None = None
) -> ReportJob:
    """The summary for the signed-in person (a mentor's communities, or all for a manager)."""
    when = today or date.today()
    title = _("Mentor's summary")

    def write(out: BinaryIO, progress: Progress | None, cancelled: Cancelled | None) -> None:
        home = mentor_home(services.db, services.actor, today=when)
        latest: dict[str, ReviewSnapshot | None] = {}
        for community in home.communities:
            history = review_history(services.db, community.community_id, actor=services.actor)
            latest[str(community.community_id)] = history[-1] if history else None
        who = display_names(services.db, [services.actor.username])[services.actor.username]
        story = mentor_summary_story(home, latest, frame_width(paper, True), who=who, today=when)
        decoration = decoration_for(services, MENTOR_SUMMARY_ID, MENTOR_SUMMARY_VERSION, title)
        render_pdf(
            story, decoration, out, paper=paper, wide=True, progress=progress, cancelled=cancelled
        )

    return ReportJob(title, write, services, subject=services.actor.username)
