"""What every printed form shares: its description, its context and its opening block."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from reportlab.platypus import Flowable, Spacer

from desktop.i18n import _
from desktop.reports.blocks import fields, unruled
from desktop.reports.flags import flag_notes
from desktop.reports.labels import day, recorded, span
from desktop.reports.styles import STYLES, text
from desktop.services.queries.sheet_group import Group

if TYPE_CHECKING:
    from desktop.services.queries.reporting import CycleSheet


def default_groups() -> tuple[Group, ...]:
    """The groups a blank form shows when it is printed without a database, in the
    language of the printout."""
    return (
        Group("girls", _("Girls")),
        Group("boys", _("Boys")),
        Group("women", _("Women")),
        Group("men", _("Men")),
        Group("elders", _("Elders")),
        Group("people_with_disabilities", _("People with disabilities")),
    )


@dataclass(frozen=True)
class FormContext:
    """Where a form is laid out: the usable width, the office's participant groups, and the
    day the form is printed for (the app's today, so a filled summary covers the right weeks)."""

    width: float
    groups: tuple[Group, ...] = field(default_factory=default_groups)
    today: date = field(default_factory=date.today)


class FormDescription(Protocol):
    """What the opening block reads of a template (``registry.TemplateSpec`` has it)."""

    @property
    def title(self) -> str: ...
    @property
    def purpose(self) -> str: ...
    @property
    def wide(self) -> bool: ...
    @property
    def one_community(self) -> bool: ...


def opening(
    spec: FormDescription, ctx: FormContext, sheet: CycleSheet | None, *, filled: bool = False
) -> list[Flowable]:
    """Title, purpose and the identity of the community, cycle and people (a form ``filled``
    for the programme names its date and leaves who prepared it to write in)."""
    if sheet is None and not spec.one_community:
        made = ctx.today.isoformat() if filled else ""
        pairs: list[tuple[str, object]] = [(_("Date"), made), (_("Prepared by"), "")]
    elif sheet is None:
        pairs = [
            (_("Community"), ""),
            (_("Cycle (number)"), ""),
            (_("Date"), ""),
            (_("Facilitator(s)"), ""),
        ]
    else:
        community, cycle = sheet.community.data, sheet.cycle.data
        place = ", ".join(p for p in (community.locality, community.district) if p)
        pairs = [
            (_("Community"), f"{community.name}" + (f" ({place})" if place else "")),
            (
                _("Cycle"),
                f"{cycle.number}"
                + (f" · {cycle.title}" if cycle.title else "")
                + f"  ({span(cycle.start_on, cycle.end_on)})",
            ),
            (_("Facilitator(s)"), recorded(", ".join(sheet.facilitators))),
        ]
    if spec.wide:  # two columns of fields, to leave the page to the form itself
        half = ctx.width / 2 - 6
        middle = (len(pairs) + 1) // 2
        halves = [
            fields(part, half, label_width=95, blank_height=20)
            for part in (pairs[:middle], pairs[middle:])
        ]
        identity: Flowable = unruled([halves], [ctx.width / 2, ctx.width / 2])
    else:
        identity = fields(pairs, ctx.width, label_width=95, blank_height=20)
    return [
        text(spec.title, STYLES.title),
        text(spec.purpose, STYLES.muted),
        identity,
        Spacer(1, 8),
        *attention_block(sheet),
    ]


def attention_block(sheet: CycleSheet | None) -> list[Flowable]:
    """What needs attention in the community, as the list, the timeline and the reports
    say it (nothing on a blank form, or when nothing does)."""
    if sheet is None or not sheet.flags:
        return []
    title = _("Needs attention in the community as on {day}").format(day=day(sheet.today))
    return [
        text(title, STYLES.label),
        *flag_notes(sheet.flags, sheet.today, names=True),
        Spacer(1, 8),
    ]
