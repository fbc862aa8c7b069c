"""The community cycle report: one cycle of one community in full, section by section."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from desktop.i18n import _
from desktop.labels import label, validated_labels
from desktop.reports import templates_monitoring as mon
from desktop.reports import templates_planning as plan
from desktop.reports import templates_review as oversight
from desktop.reports.blocks import bulleted, fields, grid
from desktop.reports.document import Contents, section
from desktop.reports.forms import FormContext, attention_block
from desktop.reports.labels import day, recorded, span
from desktop.reports.styles import STYLES, text
from desktop.services.queries.reporting import CycleSheet

CYCLE_REPORT_ID = "cycle-report"
CYCLE_REPORT_VERSION = "1.1"


def cycle_story(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    community, cycle = sheet.community.data, sheet.cycle.data
    parts: list[tuple[str, str, list[Flowable]]] = [
        ("phases", _("Phases and learning"), _phases(ctx, sheet)),
        ("harms", _("Harms selected"), plan.harm_ranking_filled(ctx, sheet)),
        ("meetings", _("Meetings and participation"), plan.meeting_filled(ctx, sheet)),
        ("actions", _("Community action plan"), plan.action_plan_filled(ctx, sheet)),
        ("indicators", _("Community indicators"), mon.indicators_filled(ctx, sheet)),
        ("reflections", _("Reflections and adjustments"), mon.reflection_filled(ctx, sheet)),
        ("linkages", _("Linkages with the formal system"), mon.linkage_filled(ctx, sheet)),
        ("reviews", _("Mentor reviews"), oversight.mentor_review_filled(ctx, sheet)),
    ]
    title = _("Cycle {number} of {community}").format(number=cycle.number, community=community.name)
    place = ", ".join(p for p in (community.locality, community.district, community.region) if p)
    story: list[Flowable] = [
        text(title, STYLES.cover_title),
        fields(
            [
                (_("Community"), community.name),
                (_("Other names"), recorded(community.other_names)),
                (_("Place"), recorded(place)),
                (
                    _("Partnership"),
                    _("{status} (since {day})").format(
                        status=label(community.partnership_status),
                        day=day(community.partnership_since),
                    )
                    if community.partnership_since
                    else label(community.partnership_status),
                ),
                (_("Cycle"), recorded(cycle.title)),
                (_("Dates"), span(cycle.start_on, cycle.end_on)),
                (_("Status"), label(cycle.status)),
                (_("Facilitator(s)"), recorded(", ".join(sheet.facilitators))),
                (_("Mentor(s)"), recorded(", ".join(sheet.mentors))),
            ],
            ctx.width,
        ),
        Spacer(1, 10),
        *attention_block(sheet),
        text(_("Contents"), STYLES.h1),
        Contents([(key, name, 0) for key, name, _part in parts]),
    ]
    for key, name, part in parts:  # each heading stays with its first block (render_pdf)
        story += [section(name, key), *part]
    return story


def _phases(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    rows = [
        [label(p.kind), day(p.start_on), day(p.end_on, _("still open")), p.notes]
        for p in sheet.phases
    ]
    story: list[Flowable] = []
    if rows:
        widths = [110, 70, 70, ctx.width - 250]
        story.append(grid([_("Phase"), _("From"), _("To"), _("Notes")], rows, widths))
    else:
        story.append(text(_("No phase recorded."), STYLES.muted))
    story.append(text(_("What the learning found"), STYLES.h2))
    findings = []
    checked = validated_labels()
    for finding in sheet.findings:
        harm = sheet.harm(finding.harm_id)
        findings.append(
            (f"{harm}: " if harm else "") + finding.summary + f" ({checked[finding.validated]})"
        )
    story += bulleted(findings)
    return story
