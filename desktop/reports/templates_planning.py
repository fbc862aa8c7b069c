"""Planning templates: harm selection and ranking, meeting record, community action plan."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from desktop.i18n import _
from desktop.reports.blocks import bulleted, fields, grid, group_heading, ticked, writing_space
from desktop.reports.forms import FormContext
from desktop.reports.labels import day, label
from desktop.reports.styles import STYLES, text
from desktop.services.reporting import CycleSheet

BLANK_HARM_ROWS = 10
BLANK_ACTIONS = 3


def _group_widths(ctx: FormContext, first: float, last: float = 0) -> list[float]:
    """The first column, one per group, then the last; on narrow (portrait) paper the
    first column gives way so that group names still fit their columns unbroken."""
    first = min(first, ctx.width * 0.25)
    rest = (ctx.width - first - last) / max(1, len(ctx.groups))
    return [first] + [rest] * len(ctx.groups) + ([last] if last else [])


def _group_header(ctx: FormContext) -> list[object]:
    return [group_heading(g.code, g.name) for g in ctx.groups]


# --- harm selection and ranking -----------------------------------------------------------


def harm_ranking_blank(ctx: FormContext) -> list[Flowable]:
    header = [_("Harm to children (in the community's words)"), *_group_header(ctx), _("Selected?")]
    rows = [["", *[""] * len(ctx.groups), ticked("")] for _i in range(BLANK_HARM_ROWS)]
    return [
        text(
            _(
                "Each group ranks the harms it sees: 1 = most serious. Add the community's own "
                "harms on empty lines. Tick the harms the whole community selects."
            ),
            STYLES.body,
        ),
        grid(header, rows, _group_widths(ctx, 190, 52), row_height=30),
        Spacer(1, 8),
        writing_space(_("Why the community selected these harms"), ctx.width, 4),
    ]


def harm_ranking_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    header = [_("Harm to children"), *_group_header(ctx), _("Selected?")]
    rows = []
    for priority in sheet.priorities:
        ranks = [str(priority.ranks.get(g.code, "")) for g in ctx.groups]
        rows.append([sheet.harm(priority.harm_id), *ranks, ticked("", priority.selected)])
    reasons = [
        f"{sheet.harm(p.harm_id)}: {p.reasons}"
        for p in sheet.priorities
        if p.selected and p.reasons
    ]
    return [
        grid(header, rows, _group_widths(ctx, 190, 52)),
        text(
            _("Rank 1 = most serious for that group. Empty = the group did not rank it."),
            STYLES.muted,
        ),
        text(_("Why the community selected these harms"), STYLES.h2),
        *bulleted(reasons),
    ]


# --- meeting record -----------------------------------------------------------------------


def meeting_blank(ctx: FormContext) -> list[Flowable]:
    kinds = [
        "whole_community",
        "small_group",
        "home_visit",
        "planning_group",
        "reflection",
        "formal_dialogue",
    ]
    kind_cells = [ticked(label(k)) for k in kinds]
    half = ctx.width / 2
    return [
        fields([(_("Place"), ""), (_("Facilitated by"), "")], ctx.width),
        Spacer(1, 6),
        text(_("Kind of meeting (tick one)"), STYLES.h2),
        grid([], [kind_cells[:3], kind_cells[3:]], [ctx.width / 3] * 3),
        text(_("Who took part: a stroke for each person"), STYLES.h2),
        grid(
            _group_header(ctx),
            [[""] * len(ctx.groups), [""] * len(ctx.groups)],
            [ctx.width / len(ctx.groups)] * len(ctx.groups),
            row_height=46,
        ),
        text(_("Total per group (write the number)"), STYLES.muted),
        Spacer(1, 6),
        writing_space(_("Decisions the community took"), ctx.width, 6),
        writing_space(_("Notes (who spoke, who did not, what to follow up)"), ctx.width, 4),
        fields([(_("Recorded by"), ""), (_("Entered in the app on"), "")], half),
    ]


def meeting_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    story: list[Flowable] = []
    if not sheet.meetings:
        return [text(_("No meeting recorded in this cycle."), STYLES.muted)]
    widths = [ctx.width / (len(ctx.groups) + 1)] * (len(ctx.groups) + 1)
    for meeting in sheet.meetings:
        story.append(text(f"{day(meeting.held_on)} · {label(meeting.kind)}", STYLES.h2))
        story.append(
            fields(
                [
                    (_("Place"), meeting.place or "-"),
                    (_("Facilitated by"), meeting.facilitated_by or "-"),
                ],
                ctx.width,
            )
        )
        counts = [str(meeting.attendance.get(g.code, "-")) for g in ctx.groups]
        total = sum(meeting.attendance.values())
        story.append(grid([*_group_header(ctx), _("Total")], [[*counts, str(total)]], widths))
        story.append(
            fields(
                [
                    (_("Decisions"), meeting.decisions or "-"),
                    (_("Notes"), meeting.notes or "-"),
                ],
                ctx.width,
            )
        )
        story.append(Spacer(1, 8))
    return story


# --- community action plan ----------------------------------------------------------------


def _criteria(checked: tuple[bool, bool, bool, bool] | None) -> list[Flowable]:
    names = [_("Manageable"), _("Sustainable"), _("Does no harm"), _("Inclusive")]
    values = checked or (None, None, None, None)
    return [ticked(name, value) for name, value in zip(names, values, strict=True)]


def action_plan_blank(ctx: FormContext) -> list[Flowable]:
    story: list[Flowable] = [
        text(
            _("One block per action. The community decides; the facilitator writes down."),
            STYLES.body,
        ),
    ]
    for number in range(1, BLANK_ACTIONS + 1):
        story += [
            text(_("Action {n}").format(n=number), STYLES.h2),
            fields(
                [
                    (_("Harm it addresses"), ""),
                    (_("What the community will do"), ""),
                    (_("Who leads (role)"), ""),
                    (_("Who takes part"), ""),
                    (_("Start / finish by"), ""),
                    (_("Resources from the community"), ""),
                    (_("Resources from outside"), ""),
                    (_("Who in the formal system can help"), ""),
                ],
                ctx.width,
                label_width=150,
                blank_height=26,
            ),
            grid([], [_criteria(None)], [ctx.width / 4] * 4),
            Spacer(1, 8),
        ]
    return story


def action_plan_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    if not sheet.actions:
        return [text(_("No action planned in this cycle yet."), STYLES.muted)]
    story: list[Flowable] = []
    for number, record in enumerate(sheet.actions, start=1):
        action = record.data
        helpers = [
            sheet.stakeholders[s].name
            for s in sorted(action.stakeholder_ids)
            if s in sheet.stakeholders
        ]
        story += [
            text(_("Action {n}").format(n=number) + f" · {label(action.status)}", STYLES.h2),
            fields(
                [
                    (_("Harm it addresses"), sheet.harm(action.harm_id) or "-"),
                    (_("What the community will do"), action.what),
                    (_("Who leads (role)"), action.lead_role or "-"),
                    (_("Who takes part"), action.participants or "-"),
                    (_("Start / finish by"), f"{day(action.start_on)} / {day(action.due_on)}"),
                    (_("Resources from the community"), action.community_resources or "-"),
                    (_("Resources from outside"), action.outside_resources or "-"),
                    (_("Who in the formal system can help"), ", ".join(helpers) or "-"),
                    (_("Done on"), day(action.completed_on)),
                ],
                ctx.width,
                label_width=150,
            ),
            grid(
                [],
                [
                    _criteria(
                        (
                            action.is_manageable,
                            action.is_sustainable,
                            action.is_do_no_harm,
                            action.is_inclusive,
                        )
                    )
                ],
                [ctx.width / 4] * 4,
            ),
            Spacer(1, 8),
        ]
    return story
