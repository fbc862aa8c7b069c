"""Printing from the mentor's screens: the filled review form of a cycle, and the mentor's
summary across their communities. Both are saved as PDF files to print or share."""

from __future__ import annotations

import uuid
from pathlib import Path

from desktop.reports.document import save_pdf
from desktop.reports.job import ReportJob
from desktop.reports.jobs import template_job
from desktop.reports.mentor_summary import MENTOR_SUMMARY_ID, mentor_summary_job
from desktop.views.shell.context import AppContext

REVIEW_TEMPLATE = "mentor-review"


def _save(context: AppContext, job: ReportJob, report: str, path: str | Path) -> Path:
    """Write the PDF, then note in the audit trail that it was saved (and where)."""
    saved = save_pdf(path, lambda out: job.write(out, None, None))
    detail = {"title": job.title, "subject": job.subject, "file": str(saved)}
    context.services.audit_log.record_print(report, detail)
    return saved


def save_review_pdf(context: AppContext, cycle_id: uuid.UUID, path: str | Path) -> Path:
    """The mentor review form filled with the cycle's reviews, written to ``path``."""
    job = template_job(REVIEW_TEMPLATE, services=context.services, cycle_id=cycle_id)
    return _save(context, job, REVIEW_TEMPLATE, path)


def save_summary_pdf(context: AppContext, path: str | Path) -> Path:
    """The signed-in person's summary across their communities, written to ``path``."""
    job = mentor_summary_job(context.services, today=context.today())
    return _save(context, job, MENTOR_SUMMARY_ID, path)
