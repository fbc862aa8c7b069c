"""Monitoring templates: community indicators, reflection and adjustment, linkages.

The mentor's review and the manager's quarterly summary are in ``templates_review``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.i18n import _
from desktop.labels import label, labels
from desktop.models.enums import (
    LinkageKind,
)
from desktop.reports.blocks import (
    bulleted,
    fields,
    grid,
    rows_to_fill,
    ticked,
    unruled,
    writing_space,
    writing_space_to_fill,
)
from desktop.reports.forms import FormContext
from desktop.reports.indicators import direction_cell, indicator_chart, latest, start_and_target
from desktop.reports.labels import day, recorded
from desktop.reports.styles import STYLES, text

if TYPE_CHECKING:  # a blank form loads no database layer
    from desktop.services.queries.reporting import CycleSheet

PERIODS = 6


def _number(value: float | None) -> str:
    if value is None:
        return _("no value")
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# --- community-defined indicators ---------------------------------------------------------


def indicators_blank(ctx: FormContext) -> list[Flowable]:
    fixed = [140, 85, 62, 55, 48, 48]
    period = (ctx.width - sum(fixed)) / PERIODS
    header = [
        _("Sign of change, in the community's words"),
        _("How we find out"),
        _("Who collects"),
        _("How often"),
        _("Baseline"),
        _("Target"),
        *[_("Period {n}").format(n=n) for n in range(1, PERIODS + 1)],
    ]
    return [
        text(
            _(
                "Write each sign of change as the community says it. A counted sign: write "
                "the number it starts from and the number hoped for. At each period, write "
                "what was counted or seen, and the date."
            ),
            STYLES.body,
        ),
        rows_to_fill(
            header, lambda: [""] * len(header), [*fixed, *[period] * PERIODS], row_height=40
        ),
    ]


def indicators_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    if not sheet.indicators:
        return [text(_("No indicator defined in this cycle yet."), STYLES.muted)]
    from desktop.services.queries.reporting_figures import trend_of

    thresholds = sheet.thresholds
    story: list[Flowable] = []
    for record in sheet.indicators:
        indicator = record.data
        observed = sorted(sheet.observations.get(record.id, []), key=lambda o: o.observed_on)
        trend = trend_of(indicator, observed)
        who = _("the community") if indicator.defined_by_community else _("the office")
        block: list[Flowable] = [
            text(indicator.wording, STYLES.h2),
            fields(
                [
                    (_("Defined by"), who),
                    (_("Harm / action"), recorded(sheet.harm(indicator.harm_id))),
                    (_("How we find out"), recorded(indicator.method)),
                    (
                        _("Who collects, how often"),
                        f"{recorded(indicator.collected_by)} · {recorded(indicator.frequency)}",
                    ),
                    (_("Start and target"), start_and_target(trend)),
                    (_("Latest result"), latest(trend)),
                    (_("Direction"), direction_cell(trend, thresholds)),
                ],
                ctx.width,
                label_width=130,
            ),
        ]
        rows = [
            [
                day(o.observed_on),
                _number(o.value_number) if indicator.value_kind == "number" else o.value_text,
                o.note,
                o.recorded_by,
            ]
            for o in observed
        ]
        if rows:
            widths = [70, 90, ctx.width - 260, 100]
            block.append(grid([_("Date"), _("Value"), _("Note"), _("Recorded by")], rows, widths))
        if trend.points:
            block.append(indicator_chart(trend, min(ctx.width, 420), 90))
        story += [KeepTogether(block[:2]), *block[2:], Spacer(1, 8)]
    return story


# --- reflection and adjustment ------------------------------------------------------------


def reflection_blank(ctx: FormContext) -> list[Flowable]:
    concern = writing_space(_("Which actions these changes concern"), ctx.width, 3)
    boxes = [
        _("What worked"),
        _("What was hard, what did not work"),
        _("What we change (adjustments decided)"),
    ]
    # the three boxes share the page equally: a third, then half of the rest, then the rest
    return [
        fields([(_("Where the community met"), ""), (_("How many took part"), "")], ctx.width),
        Spacer(1, 6),
        *[
            writing_space_to_fill(name, ctx.width, share=1 / (len(boxes) - i), after=[concern])
            for i, name in enumerate(boxes)
        ],
        concern,
    ]


def reflection_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    if not sheet.reflections:
        return [text(_("No reflection recorded in this cycle yet."), STYLES.muted)]
    whats = {a.id: a.data.what for a in sheet.actions}
    story: list[Flowable] = []
    for reflection in sheet.reflections:
        changed = [whats[a] for a in sorted(reflection.action_ids) if a in whats]
        story += [
            text(_("Reflection of {day}").format(day=day(reflection.held_on)), STYLES.h2),
            fields(
                [
                    (_("What worked"), recorded(reflection.what_worked)),
                    (_("What was hard"), recorded(reflection.challenges)),
                    (_("What we change"), recorded(reflection.adjustments)),
                ],
                ctx.width,
            ),
            text(_("Actions these changes concern"), STYLES.label),
            *bulleted(changed, _("No action named.")),
            Spacer(1, 8),
        ]
    return story


# --- linkage / stakeholder map ------------------------------------------------------------


def linkage_blank(ctx: FormContext) -> list[Flowable]:
    header = [
        _("Who (office, service, leader)"),
        _("Type"),
        _("Level"),
        _("How we are linked"),
        _("Status / since"),
        _("Contact"),
    ]
    widths = [ctx.width * f for f in (0.22, 0.12, 0.1, 0.26, 0.12, 0.18)]
    kinds = list(labels(LinkageKind).values())
    half = widths[3] / 2 - 4

    def kind_ticks() -> Flowable:
        ticks = [ticked(words) for words in kinds]
        return unruled([ticks[i : i + 2] for i in range(0, len(ticks), 2)], [half, half])

    others = writing_space(_("Who else should the community be linked with?"), ctx.width, 3)
    return [
        text(
            _(
                "Write who in the formal system (and others) the community is linked with, "
                "and how. Tick the kind of link."
            ),
            STYLES.body,
        ),
        rows_to_fill(
            header,
            lambda: ["", "", "", kind_ticks(), "", ""],
            widths,
            row_height=30,
            after=[others],
        ),
        others,
    ]


def linkage_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    header = [
        _("Who"),
        _("Type"),
        _("Level"),
        _("How we are linked"),
        _("Status / since"),
        _("Agreement and notes"),
    ]
    widths = [ctx.width * f for f in (0.2, 0.13, 0.1, 0.14, 0.13, 0.3)]
    rows = []
    for link in sheet.linkages:
        who = sheet.stakeholders.get(link.stakeholder_id)
        notes = recorded("\n".join(x for x in (link.agreement, link.notes) if x))
        rows.append(
            [
                who.name if who else _("not recorded"),
                label(who.type) if who else _("not recorded"),
                label(who.level) if who else _("not recorded"),
                label(link.kind),
                _("{status}\n{day}").format(
                    status=label(link.status), day=day(link.agreed_on, _("date not recorded"))
                ),
                notes,
            ]
        )
    if not rows:
        return [text(_("No linkage recorded for this community yet."), STYLES.muted)]
    return [grid(header, rows, widths)]
