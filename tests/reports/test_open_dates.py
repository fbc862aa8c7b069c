"""Missing dates and empty fields print as words, never as a bare "-" or "None"."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.reports.document import save_pdf
from desktop.reports.jobs import cycle_job, template_job
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.storage import Database
from tests.reports.report_checks import pdf_text
from tests.reports.report_world import START, make_report_world

LONE_DASH = re.compile(r"(^|\s)-(\s|$)")


def test_open_cycle_and_empty_fields_print_in_words(db: Database, tmp_path: Path) -> None:
    services = Services(db, Actor("amina", role=SYSTEM_ROLE))
    world = make_report_world(services)  # its cycle has a start and no end
    jobs = {
        "cycle.pdf": cycle_job(services, world.cycle_id),
        "plan.pdf": template_job("action-plan", services=services, cycle_id=world.cycle_id),
    }
    for name, job in jobs.items():
        out = save_pdf(tmp_path / name, lambda s, job=job: job.write(s, None, None))
        text = pdf_text(out)
        assert f"started {START.isoformat()}, still open" in text, name
        dashes = [line for line in text.splitlines() if LONE_DASH.search(line)]
        assert not dashes, (name, dashes)
        assert "None" not in text, name
