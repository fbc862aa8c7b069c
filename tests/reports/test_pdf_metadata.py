"""Every PDF the app writes says its language, title, subject and author.

A screen reader picks its voice from the document's language (the catalog's /Lang) and
announces the title; file managers and PDF readers list the subject and author. Each
template (blank and filled), the cycle and monitoring reports, the mentor's summary and
the timeline PDFs are read back with poppler's ``pdfinfo`` and with PDFium.
"""

from __future__ import annotations

import ctypes
import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
import pytest

from desktop import APP_NAME
from desktop.i18n import _, using_language
from desktop.reports.document import save_pdf
from desktop.reports.job import ReportJob
from desktop.reports.jobs import cycle_job, monitoring_job, template_job
from desktop.reports.mentor_summary import mentor_summary_job
from desktop.reports.registry import TEMPLATES, TemplateSpec
from desktop.reports.timeline_pdf import community_timeline_job, office_timeline_job
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, SYSTEM_ROLE, Actor
from desktop.services.queries.reporting_monitoring import MonitoringFilter
from desktop.services.queries.timeline import OfficeQuery, community_timeline, office_timeline
from desktop.storage import Database
from tests.reports.report_world import make_report_world
from tests.timeline_world import TODAY, make_timeline_world


def catalog_language(path: Path) -> str:
    """The /Lang of the PDF's catalog, as PDFium reads it."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        size = pdfium.FPDFCatalog_GetLanguage(document.raw, None, 0)
        if size <= 2:
            return ""
        buffer = (ctypes.c_ushort * (size // 2))()
        pdfium.FPDFCatalog_GetLanguage(document.raw, buffer, size)
        return bytes(buffer)[: size - 2].decode("utf-16-le")
    finally:
        document.close()


def info(path: Path) -> dict[str, str]:
    """Title, Subject, Author... as poppler's pdfinfo prints them."""
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    fields = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def write(job: ReportJob, path: Path) -> Path:
    return save_pdf(path, lambda stream: job.write(stream, None, None))


def check(path: Path, *, title: str, language: str = "en", author: str = APP_NAME) -> None:
    fields = info(path)
    assert fields["Title"] == title
    assert fields["Author"] == author
    assert fields["Subject"] and title in fields["Subject"]
    assert catalog_language(path) == language
    metadata = pypdfium2.PdfDocument(str(path)).get_metadata_dict()
    assert metadata["Title"] == title and metadata["Subject"] == fields["Subject"]


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db, Actor("amina", role=SYSTEM_ROLE))


@pytest.mark.parametrize("spec", TEMPLATES, ids=[spec.id for spec in TEMPLATES])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_blank_template_carries_language_and_title(
    spec: TemplateSpec, language: str, tmp_path: Path
) -> None:
    template_id = spec.id
    job = template_job(template_id, language=language)
    path = write(job, tmp_path / f"{template_id}-{language}.pdf")
    with using_language(language):
        title = spec.title  # a printout's title is in its own language
    check(path, title=title, language=language)


def said_in(words: str, language: str) -> str:
    with using_language(language):
        return _(words)


def title_in(spec: TemplateSpec, language: str) -> str:
    """A template's title as printed in ``language`` (a printout keeps its own language)."""
    with using_language(language):
        return spec.title


def test_filled_templates_and_reports_carry_the_office_as_author(
    services: Services, tmp_path: Path
) -> None:
    services.settings.set_value("office_name", "Mbarara field office")
    world = make_report_world(services)
    office = "Mbarara field office"
    jobs: list[tuple[Callable[[], ReportJob], str, str]] = [
        *(
            (
                lambda spec=spec: template_job(
                    spec.id,
                    services=services,
                    cycle_id=world.cycle_id if spec.one_community else None,
                    selection=None if spec.one_community else MonitoringFilter(),
                    language="fr",
                ),
                title_in(spec, "fr"),
                "fr",
            )
            for spec in TEMPLATES
        ),
        (
            lambda: cycle_job(services, world.cycle_id, language="sw"),
            said_in("Cycle report", "sw"),
            "sw",
        ),
        (
            lambda: monitoring_job(services, MonitoringFilter(), language="pt"),
            said_in("Monitoring report", "pt"),
            "pt",
        ),
        (lambda: mentor_summary_job(services), "Mentor's summary", "en"),
    ]
    for number, (make, title, language) in enumerate(jobs):
        path = write(make(), tmp_path / f"job-{number}.pdf")
        check(path, title=title, language=language, author=office)


def test_timeline_pdfs_carry_language_and_title(
    db: Database, services: Services, tmp_path: Path
) -> None:
    world = make_timeline_world(services)
    timeline = community_timeline(db, world.community_id, TODAY, actor=SYSTEM)
    job = community_timeline_job(services, timeline)
    check(write(job, tmp_path / "community.pdf"), title=job.title)
    office = office_timeline(db, OfficeQuery(), TODAY, actor=SYSTEM)
    job = office_timeline_job(services, office, title="All communities")
    check(write(job, tmp_path / "office.pdf"), title="All communities")
