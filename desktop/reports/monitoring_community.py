"""One community's page of the monitoring report: who and where, what needs attention and
why, its figures for the period, who was in the room, every indicator against its target
(the first ones charted) and its mentor follow-ups still open."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from desktop.i18n import _
from desktop.labels import label
from desktop.reports.blocks import fields, grid
from desktop.reports.document import section
from desktop.reports.flags import flag_notes
from desktop.reports.indicators import charts, indicator_table
from desktop.reports.labels import recorded
from desktop.reports.monitoring_sections import when_due
from desktop.reports.participation import participation_table
from desktop.reports.styles import STYLES, heading, text
from desktop.services.queries.reporting_monitoring import CommunityFigures, MonitoringData

#: Counted indicators charted on a community's page; every one is in its table, and the
#: cycle report charts them all.
CHARTS_PER_COMMUNITY = 2


def community_page(
    data: MonitoringData, figures: CommunityFigures, width: float, index: int
) -> list[Flowable]:
    """One community's page: who and where, flags, figures, attendance, indicators,
    follow-ups."""
    return [
        *_profile(figures, width, index),
        *_flags(data, figures),
        *_attendance(data, figures, width),
        *_indicators(data, figures, width),
        *_follow_ups(data, figures, width),
    ]


def _profile(figures: CommunityFigures, width: float, index: int) -> list[Flowable]:
    """The community's heading, profile and its figures for the period in one row."""
    row, counts = figures.row, figures.actions
    return [
        section(row.name, f"c{index}", level=1),
        fields(
            [
                (_("District"), recorded(row.district)),
                (_("Partnership"), label(row.partnership_status)),
                (
                    _("Current phase"),
                    label(row.current_phase) if row.current_phase else _("no phase yet"),
                ),
                (_("Facilitator"), recorded(row.facilitator)),
            ],
            width,
            label_width=110,
        ),
        Spacer(1, 6),
        grid(
            [
                _("Meetings"),
                _("Actions"),
                _("Done on time"),
                _("Done late"),
                _("Overdue"),
                _("Linkages formed"),
                _("Follow-ups open"),
            ],
            [
                [
                    str(figures.meetings),
                    str(counts.total),
                    str(counts.done_on_time),
                    str(counts.done_late),
                    str(counts.overdue),
                    str(figures.linkages_formed),
                    str(len(figures.open_follow_ups)),
                ]
            ],
            [width / 7] * 7,
        ),
    ]


def _flags(data: MonitoringData, figures: CommunityFigures) -> list[Flowable]:
    title = heading(_("Needs attention"), STYLES.h2)
    if not figures.flags:
        return [title, text(_("Nothing needs attention today."), STYLES.muted)]
    return [title, *flag_notes(figures.flags, data.today, names=True, style=STYLES.body)]


def _attendance(data: MonitoringData, figures: CommunityFigures, width: float) -> list[Flowable]:
    tally = figures.tally
    if not tally.meetings:
        return [
            heading(_("Who was in the room"), STYLES.h2),
            text(_("No meeting in the period."), STYLES.muted),
        ]
    words = _("{meetings} meetings, {decisions} of them took decisions.").format(
        meetings=tally.meetings, decisions=tally.decision_meetings
    )
    return [
        heading(_("Who was in the room"), STYLES.h2),
        text(words, STYLES.muted),
        participation_table(tally, data.groups, width),
    ]


def _indicators(data: MonitoringData, figures: CommunityFigures, width: float) -> list[Flowable]:
    """Every indicator in a table, the first counted ones charted."""
    if not figures.indicators:
        return []
    return [
        heading(_("Indicators in the community's words"), STYLES.h2),
        indicator_table(figures.indicators, data.thresholds, width),
        *charts(
            figures.indicators,
            width * 0.8,
            64,
            CHARTS_PER_COMMUNITY,
            _("the cycle report"),
        ),
    ]


def _follow_ups(data: MonitoringData, figures: CommunityFigures, width: float) -> list[Flowable]:
    if not figures.open_follow_ups:
        return []
    rows = [
        [f.description, recorded(f.owner), when_due(f.due_on, data.today)]
        for f in figures.open_follow_ups
    ]
    return [
        heading(_("Mentor follow-ups still open"), STYLES.h2),
        grid(
            [_("What is to be done"), _("Who"), _("By when")],
            rows,
            [width * 0.5, width * 0.22, width * 0.28],
        ),
    ]
