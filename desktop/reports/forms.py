"""What every printed form shares: its description, its context and its opening block."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Spacer

from desktop.i18n import _
from desktop.reports.blocks import fields
from desktop.reports.labels import day
from desktop.reports.styles import STYLES, text
from desktop.services.reporting import CycleSheet, Group

#: The groups a blank form shows when it is printed without a database.
DEFAULT_GROUPS: tuple[Group, ...] = (
    Group("girls", _("Girls")),
    Group("boys", _("Boys")),
    Group("women", _("Women")),
    Group("men", _("Men")),
    Group("elders", _("Elders")),
    Group("people_with_disabilities", _("People with disabilities")),
)


@dataclass(frozen=True)
class FormContext:
    """Where a form is laid out: the usable width, and the office's participant groups."""

    width: float
    groups: tuple[Group, ...] = DEFAULT_GROUPS


Blank = Callable[[FormContext], list[Flowable]]
Filled = Callable[[FormContext, CycleSheet], list[Flowable]]


@dataclass(frozen=True)
class TemplateSpec:
    """A printable template. ``id`` and ``version`` print on every page, so a paper form
    filled by hand can be entered back against the same structure."""

    id: str
    title: str
    purpose: str
    version: str
    wide: bool
    blank: Blank = field(repr=False)
    filled: Filled = field(repr=False)


def opening(spec: TemplateSpec, ctx: FormContext, sheet: CycleSheet | None) -> list[Flowable]:
    """Title, purpose and the identity of the community, cycle and people."""
    if sheet is None:
        pairs: list[tuple[str, object]] = [
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
                + (f" - {cycle.title}" if cycle.title else "")
                + f"  ({day(cycle.start_on)} - {day(cycle.end_on) if cycle.end_on else '…'})",
            ),
            (_("Facilitator(s)"), ", ".join(sheet.facilitators) or "-"),
        ]
    half = ctx.width if not spec.wide else ctx.width * 0.6
    return [
        text(spec.title, STYLES.title),
        text(spec.purpose, STYLES.muted),
        fields(pairs, half, label_width=95, blank_height=20),
        Spacer(1, 8),
    ]
