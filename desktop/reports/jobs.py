"""What the CLI and the Reports screen ask for: a job that writes one PDF.

A job reads its data and lays out its pages only when ``write`` runs, so the screen
can run it in a background thread with a progress callback and a cancel check.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, BinaryIO

from desktop.i18n import _, using_language
from desktop.reports.document import (
    Cancelled,
    Progress,
    render_pdf,
)
from desktop.reports.forms import FormContext, default_groups
from desktop.reports.job import ReportJob, decoration_for, frame_width, in_language
from desktop.reports.options import Paper
from desktop.reports.registry import TemplateSpec, find_template
from desktop.services.queries.sheet_group import Group

if TYPE_CHECKING:  # a blank form loads no database layer
    from desktop.services.facade import Services
    from desktop.services.queries.reporting import CycleSheet
    from desktop.services.queries.reporting_monitoring import MonitoringFilter


def template_job(
    template_id: str,
    *,
    paper: Paper = Paper.A4,
    services: Services | None = None,
    cycle_id: uuid.UUID | None = None,
    selection: MonitoringFilter | None = None,
    language: str = "en",
    today: date | None = None,
) -> ReportJob:
    """A template: blank; filled for one cycle (``cycle_id``); or, for a programme-level
    one (the quarterly summary), filled for a district or the programme and a period
    (``selection``). Filled as of ``today``."""
    spec = find_template(template_id)

    def write(out: BinaryIO, progress: Progress | None, cancelled: Cancelled | None) -> None:
        groups: tuple[Group, ...] = ()
        if services is not None:
            from desktop.services.queries.reporting import participant_groups

            groups = tuple(participant_groups(services))
        ctx = FormContext(
            width=frame_width(paper, spec.wide),
            groups=groups or default_groups(),
            today=today or date.today(),
        )
        story, identity = _template_story(spec, ctx, services, cycle_id, selection)
        decoration = replace(
            decoration_for(services, spec.id, spec.version, spec.title), identity=identity
        )
        render_pdf(
            story,
            decoration,
            out,
            paper=paper,
            wide=spec.wide,
            progress=progress,
            cancelled=cancelled,
        )

    filled = cycle_id is not None or selection is not None
    with using_language(language):  # the printout's own language, for its title too
        title = _("{title} (filled)").format(title=spec.title) if filled else spec.title
    subject = str(cycle_id) if cycle_id is not None else repr(selection) if selection else ""
    return ReportJob(title, in_language(write, language), services, subject=subject, doc_id=spec.id)


def _template_story(
    spec: TemplateSpec,
    ctx: FormContext,
    services: Services | None,
    cycle_id: uuid.UUID | None,
    selection: MonitoringFilter | None,
) -> tuple[list[object], tuple[tuple[str, str], ...]]:
    """The pages, and what every page after the first says the sheet is about."""
    from desktop.reports.forms import opening
    from desktop.reports.page_identity import blank_identity, programme_identity

    if not spec.one_community:  # filled for a district or the programme, never a cycle
        if services is None or selection is None:
            return [*opening(spec, ctx, None), *spec.blank(ctx)], programme_identity()
        from desktop.services.queries.reporting_monitoring import monitoring_data

        data = monitoring_data(services, selection, ctx.today)
        story = [*opening(spec, ctx, None, filled=True), *spec.filled_for_programme(ctx, data)]
        return story, programme_identity(selection.district, selection.quarter, ctx.today)
    if cycle_id is None or services is None:
        return [*opening(spec, ctx, None), *spec.blank(ctx)], blank_identity()
    from desktop.services.queries.reporting import cycle_sheet

    sheet = cycle_sheet(services, cycle_id, ctx.today)
    return [*opening(spec, ctx, sheet), *spec.filled(ctx, sheet)], sheet_identity(sheet)


def sheet_identity(sheet: CycleSheet) -> tuple[tuple[str, str], ...]:
    """The community, cycle and day a filled sheet is about, for its later pages."""
    cycle = sheet.cycle.data
    return (
        (_("Community"), sheet.community.data.name),
        (_("Cycle"), str(cycle.number) + (f" · {cycle.title}" if cycle.title else "")),
        (_("Printed"), sheet.today.isoformat()),
    )


def cycle_job(
    services: Services,
    cycle_id: uuid.UUID,
    *,
    paper: Paper = Paper.A4,
    language: str = "en",
    today: date | None = None,
) -> ReportJob:
    """One cycle of one community in full (what needs attention as of ``today``)."""
    from desktop.reports.cycle_report import CYCLE_REPORT_ID, CYCLE_REPORT_VERSION, cycle_story

    def write(out: BinaryIO, progress: Progress | None, cancelled: Cancelled | None) -> None:
        from desktop.services.queries.reporting import cycle_sheet

        sheet = cycle_sheet(services, cycle_id, today)
        ctx = FormContext(
            width=frame_width(paper, False), groups=tuple(sheet.groups), today=sheet.today
        )
        title = _("Cycle report")
        decoration = replace(
            decoration_for(services, CYCLE_REPORT_ID, CYCLE_REPORT_VERSION, title),
            identity=sheet_identity(sheet),
        )
        render_pdf(
            cycle_story(ctx, sheet),
            decoration,
            out,
            paper=paper,
            progress=progress,
            cancelled=cancelled,
        )

    with using_language(language):
        title = _("Cycle report")
    return ReportJob(
        title,
        in_language(write, language),
        services,
        subject=str(cycle_id),
        doc_id=CYCLE_REPORT_ID,
    )


def monitoring_job(
    services: Services,
    selection: MonitoringFilter,
    *,
    paper: Paper = Paper.A4,
    today: date | None = None,
    language: str = "en",
) -> ReportJob:
    """The managers' monitoring report for a district, facilitator and period."""
    from desktop.reports.monitoring_report import write_monitoring_report

    def write(out: BinaryIO, progress: Progress | None, cancelled: Cancelled | None) -> None:
        write_monitoring_report(
            services,
            selection,
            out,
            paper=paper,
            today=today or date.today(),
            progress=progress,
            cancelled=cancelled,
        )

    from desktop.reports.monitoring_report import MONITORING_REPORT_ID

    with using_language(language):
        title = _("Monitoring report")
    return ReportJob(
        title,
        in_language(write, language),
        services,
        subject=repr(selection),
        doc_id=MONITORING_REPORT_ID,
    )
