"""Planning templates: harm selection and ranking, meeting record, community action plan."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Spacer

from desktop.i18n import _
from desktop.labels import label, labels
from desktop.models.enums import MeetingKind
from desktop.reports.blocks import (
    FillRest,
    bulleted,
    fields,
    grid,
    group_heading,
    rows_to_fill,
    ticked,
    together,
    unruled,
    writing_space,
    writing_space_to_fill,
)
from desktop.reports.flags import FlagNote
from desktop.reports.forms import FormContext
from desktop.reports.labels import day, due, recorded
from desktop.reports.participation import participation_table
from desktop.reports.styles import STYLES, heading, text
from desktop.services.queries.attention import overdue_words
from desktop.services.queries.participation import tally_meetings

if TYPE_CHECKING:  # a blank form loads no database layer
    from desktop.services.queries.reporting import CycleSheet

BLANK_ACTIONS = 4  # two to a page


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
    reasons = writing_space(_("Why the community selected these harms"), ctx.width, 3)
    return [
        text(
            _(
                "Each group ranks the harms it sees: 1 = most serious. Add the community's own "
                "harms on empty lines. Tick the harms the whole community selects."
            ),
            STYLES.body,
        ),
        rows_to_fill(
            header,
            lambda: ["", *[""] * len(ctx.groups), ticked("")],
            _group_widths(ctx, 190, 52),
            row_height=26,
            after=[reasons],
        ),
        reasons,
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
    kind_cells = [ticked(words) for words in labels(MeetingKind).values()]
    notes = writing_space(_("Notes (who spoke, who did not, what to follow up)"), ctx.width, 3)
    signed = fields([(_("Recorded by"), ""), (_("Entered in the app on"), "")], ctx.width / 2)
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
            row_height=40,
        ),
        text(_("Total per group (write the number)"), STYLES.muted),
        writing_space_to_fill(_("Decisions the community took"), ctx.width, after=[notes, signed]),
        notes,
        signed,
    ]


def meeting_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    if not sheet.meetings:
        return [text(_("No meeting recorded in this cycle."), STYLES.muted)]
    tally = tally_meetings((m.attendance, m.decisions) for m in sheet.meetings)
    story: list[Flowable] = [
        heading(_("Who was in the room in this cycle"), STYLES.h2),
        text(
            _("{meetings} meetings, {decisions} of them took decisions.").format(
                meetings=tally.meetings, decisions=tally.decision_meetings
            ),
            STYLES.muted,
        ),
        participation_table(tally, ctx.groups, ctx.width),
        Spacer(1, 8),
    ]
    widths = [ctx.width / (len(ctx.groups) + 1)] * (len(ctx.groups) + 1)
    for meeting in sheet.meetings:
        block: list[Flowable] = [text(f"{day(meeting.held_on)} · {label(meeting.kind)}", STYLES.h2)]
        block.append(
            fields(
                [
                    (_("Place"), recorded(meeting.place)),
                    (_("Facilitated by"), recorded(meeting.facilitated_by)),
                ],
                ctx.width,
            )
        )
        counts = [str(meeting.attendance.get(g.code, 0)) for g in ctx.groups]
        total = sum(meeting.attendance.values())
        block.append(grid([*_group_header(ctx), _("Total")], [[*counts, str(total)]], widths))
        block.append(
            fields(
                [
                    (_("Decisions"), recorded(meeting.decisions)),
                    (_("Notes"), recorded(meeting.notes)),
                ],
                ctx.width,
            )
        )
        story += [*together(block, ctx.width), Spacer(1, 8)]
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
        # two actions share a page: the first takes half the room, the second the rest
        share = 0.5 if number % 2 else 1.0
        story.append(FillRest(partial(_blank_action, ctx, number), share=share))
    return story


def _blank_action(ctx: FormContext, number: int, height: float) -> Flowable:
    """One action's block, its writing rows as tall as ``height`` allows."""
    names = [
        _("Harm it addresses"),
        _("What the community will do"),
        _("Who leads (role)"),
        _("Who takes part"),
        _("Start / finish by"),
        _("Resources from the community"),
        _("Resources from outside"),
        _("Who in the formal system can help"),
    ]
    criteria = grid([], [_criteria(None)], [ctx.width / 4] * 4)
    title = text(_("Action {n}").format(n=number), STYLES.h2)
    fixed = sum(f.wrap(ctx.width, height)[1] for f in (title, criteria)) + 12
    # "what the community will do" gets two rows' room
    row = max(22.0, (height - fixed) / (len(names) + 1))
    rows = [(name, "") for name in names]
    heights = [row * 2 if i == 1 else row for i in range(len(names))]
    block = [title, fields(rows, ctx.width, label_width=150, blank_heights=heights), criteria]
    return unruled([[f] for f in block])


def action_plan_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    if not sheet.actions:
        return [text(_("No action planned in this cycle yet."), STYLES.muted)]
    from desktop.services.usecases.actions import past_due

    story: list[Flowable] = []
    for number, record in enumerate(sheet.actions, start=1):
        action = record.data
        helpers = [
            sheet.stakeholders[s].name
            for s in sorted(action.stakeholder_ids)
            if s in sheet.stakeholders
        ]
        # past its finish date, an action reads "Overdue since ...", not "Under way"
        late = action.due_on if past_due(action.status, action.due_on, ctx.today) else None
        shown = overdue_words(late) if late is not None else label(action.status)
        status: object = label(action.status)
        if late is not None:
            status = [FlagNote(f"{shown} ({label(action.status)})")]
        block: list[Flowable] = [
            text(_("Action {n}").format(n=number) + f" · {shown}", STYLES.h2),
            fields(
                [
                    (_("Status"), status),
                    (_("Harm it addresses"), recorded(sheet.harm(action.harm_id))),
                    (_("What the community will do"), action.what),
                    (_("Who leads (role)"), recorded(action.lead_role)),
                    (_("Who takes part"), recorded(action.participants)),
                    (
                        _("Start / finish by"),
                        _("{start} / {due}").format(
                            start=day(action.start_on, _("no start date")), due=due(action.due_on)
                        ),
                    ),
                    (_("Resources from the community"), recorded(action.community_resources)),
                    (_("Resources from outside"), recorded(action.outside_resources)),
                    (_("Who in the formal system can help"), recorded(", ".join(helpers))),
                    (_("Done on"), day(action.completed_on, _("not done yet"))),
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
        ]
        story += [*together(block, ctx.width), Spacer(1, 8)]
    return story
