"""The printable templates: stable ids, titles, purposes and versions.

An id never changes meaning; a change to a template's structure raises its version,
so a paper form can always be entered back against the structure it was printed with.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from desktop.i18n import N_, _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from desktop.reports.forms import FormContext
    from desktop.services.queries.reporting import CycleSheet
    from desktop.services.queries.reporting_figures import MonitoringData

Blank = Callable[["FormContext"], list["Flowable"]]
Filled = Callable[["FormContext", "CycleSheet"], list["Flowable"]]


def _builder(reference: str) -> Callable[..., list[Flowable]]:
    """The function ``"templates_module:function"`` names, importing its module now."""
    module, _sep, name = reference.partition(":")
    found = getattr(importlib.import_module(f"desktop.reports.{module}"), name)
    return cast("Callable[..., list[Flowable]]", found)


@dataclass(frozen=True)
class TemplateSpec:
    """A printable template. ``id`` and ``version`` print on every page, so a paper form
    filled by hand can be entered back against the same structure.

    The layouts are named (``"module:function"``) rather than imported, so listing the
    templates (``clcp report list``, the Reports page's choices) loads no ReportLab.
    """

    id: str
    title_words: str  # marked with N_(): read through ``title`` in the current language
    purpose_words: str
    version: str
    wide: bool
    blank_layout: str = field(repr=False)
    filled_layout: str = field(repr=False)
    #: whether the form is about one community; a programme summary is not: it is
    #: filled for a district or the whole programme and a period (``MonitoringData``)
    one_community: bool = True

    @property
    def title(self) -> str:
        return _(self.title_words)

    @property
    def purpose(self) -> str:
        return _(self.purpose_words)

    def blank(self, ctx: FormContext) -> list[Flowable]:
        builder: Blank = _builder(self.blank_layout)
        return builder(ctx)

    def filled(self, ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
        builder: Filled = _builder(self.filled_layout)
        return builder(ctx, sheet)

    def filled_for_programme(self, ctx: FormContext, data: MonitoringData) -> list[Flowable]:
        """A programme-level form filled for the district or programme and period of ``data``."""
        builder = _builder(self.filled_layout)
        return builder(ctx, data)


TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        "harm-ranking",
        N_("Harm selection and ranking"),
        N_(
            "Each participant group ranks the harms to children it sees; the community "
            "selects the harms it will act on."
        ),
        "1.0",
        True,
        "templates_planning:harm_ranking_blank",
        "templates_planning:harm_ranking_filled",
    ),
    TemplateSpec(
        "meeting-record",
        N_("Meeting record"),
        N_("Who took part, by group, and what the community decided."),
        "1.0",
        False,
        "templates_planning:meeting_blank",
        "templates_planning:meeting_filled",
    ),
    TemplateSpec(
        "action-plan",
        N_("Community action plan"),
        N_(
            "What the community will do about a selected harm, who leads, with what, and "
            "whether the action is manageable, sustainable, does no harm and includes everyone."
        ),
        "1.1",
        False,
        "templates_planning:action_plan_blank",
        "templates_planning:action_plan_filled",
    ),
    TemplateSpec(
        "indicator-sheet",
        N_("Community indicators and monitoring"),
        N_(
            "The signs of change the community chose, in its own words, and what was seen "
            "at each period."
        ),
        "1.1",
        True,
        "templates_monitoring:indicators_blank",
        "templates_monitoring:indicators_filled",
    ),
    TemplateSpec(
        "reflection-record",
        N_("Reflection and adjustment record"),
        N_("What worked, what was hard, and what the community decided to change."),
        "1.0",
        False,
        "templates_monitoring:reflection_blank",
        "templates_monitoring:reflection_filled",
    ),
    TemplateSpec(
        "linkage-map",
        N_("Linkages and stakeholder map"),
        N_("Who in the formal child protection system, and beyond, the community works with."),
        "1.0",
        True,
        "templates_monitoring:linkage_blank",
        "templates_monitoring:linkage_filled",
    ),
    TemplateSpec(
        "mentor-review",
        N_("Mentor review"),
        N_(
            "The mentor's view of the process benchmarks, follow-ups and the facilitator's "
            "response."
        ),
        "1.0",
        False,
        "templates_review:mentor_review_blank",
        "templates_review:mentor_review_filled",
    ),
    TemplateSpec(
        "quarterly-summary",
        N_("Manager's quarterly monitoring summary"),
        N_("The quarter's figures at a glance, for the programme manager."),
        "1.1",
        False,
        "templates_review:quarterly_blank",
        "templates_review:quarterly_filled",
        one_community=False,
    ),
)


def find_template(template_id: str) -> TemplateSpec:
    for spec in TEMPLATES:
        if spec.id == template_id.strip().lower():
            return spec
    known = ", ".join(spec.id for spec in TEMPLATES)
    raise LookupError(_("no template {id!r} (known: {known})").format(id=template_id, known=known))
