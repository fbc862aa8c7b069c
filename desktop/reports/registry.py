"""The printable templates: stable ids, titles, purposes and versions.

An id never changes meaning; a change to a template's structure raises its version,
so a paper form can always be entered back against the structure it was printed with.
"""

from __future__ import annotations

from desktop.i18n import _
from desktop.reports import templates_monitoring as mon
from desktop.reports import templates_planning as plan
from desktop.reports import templates_review as oversight
from desktop.reports.forms import TemplateSpec

TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        "harm-ranking",
        _("Harm selection and ranking"),
        _(
            "Each participant group ranks the harms to children it sees; the community "
            "selects the harms it will act on."
        ),
        "1.0",
        True,
        plan.harm_ranking_blank,
        plan.harm_ranking_filled,
    ),
    TemplateSpec(
        "meeting-record",
        _("Meeting record"),
        _("Who took part, by group, and what the community decided."),
        "1.0",
        False,
        plan.meeting_blank,
        plan.meeting_filled,
    ),
    TemplateSpec(
        "action-plan",
        _("Community action plan"),
        _(
            "What the community will do about a selected harm, who leads, with what, and "
            "whether the action is manageable, sustainable, does no harm and includes everyone."
        ),
        "1.0",
        False,
        plan.action_plan_blank,
        plan.action_plan_filled,
    ),
    TemplateSpec(
        "indicator-sheet",
        _("Community indicators and monitoring"),
        _(
            "The signs of change the community chose, in its own words, and what was seen "
            "at each period."
        ),
        "1.0",
        True,
        mon.indicators_blank,
        mon.indicators_filled,
    ),
    TemplateSpec(
        "reflection-record",
        _("Reflection and adjustment record"),
        _("What worked, what was hard, and what the community decided to change."),
        "1.0",
        False,
        mon.reflection_blank,
        mon.reflection_filled,
    ),
    TemplateSpec(
        "linkage-map",
        _("Linkages and stakeholder map"),
        _("Who in the formal child protection system, and beyond, the community works with."),
        "1.0",
        True,
        mon.linkage_blank,
        mon.linkage_filled,
    ),
    TemplateSpec(
        "mentor-review",
        _("Mentor review"),
        _(
            "The mentor's view of the process benchmarks, follow-ups and the facilitator's "
            "response."
        ),
        "1.0",
        False,
        oversight.mentor_review_blank,
        oversight.mentor_review_filled,
    ),
    TemplateSpec(
        "quarterly-summary",
        _("Manager's quarterly monitoring summary"),
        _("The quarter's figures at a glance, for the programme manager."),
        "1.0",
        False,
        oversight.quarterly_blank,
        oversight.quarterly_filled,
        one_community=False,
    ),
)


def find_template(template_id: str) -> TemplateSpec:
    for spec in TEMPLATES:
        if spec.id == template_id.strip().lower():
            return spec
    known = ", ".join(spec.id for spec in TEMPLATES)
    raise LookupError(_("no template {id!r} (known: {known})").format(id=template_id, known=known))
