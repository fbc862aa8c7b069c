"""A community with an Arabic name and a 3,000-character action description prints in full:
the Arabic letters are shaped and in reading order, and the long text flows over pages
instead of running out of its cell."""

from __future__ import annotations

import gettext
from pathlib import Path

import arabic_reshaper
import pytest

from desktop import i18n
from desktop.reports.document import save_pdf
from desktop.reports.jobs import cycle_job, template_job
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.storage import Database
from tests.reports.report_checks import pdf_page_texts, plain, printed
from tests.reports.report_world import make_report_world

ARABIC_NAME = "قرية النور"
# 50 numbered steps of 67 characters, one per line: a plan written as a list
STEPS = [
    f"{n:02d}. The mothers' group walks the girls to the school gate each day."
    for n in range(1, 51)
]
LONG_WHAT = "\n".join(STEPS)[:-1] + " END-OF-TEXT"


def _squash(value: str) -> str:
    return "".join(value.split())


@pytest.fixture
def english_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every language's printout keeps the English words, so that the same words can be
    found in a right-to-left layout (the catalogues' words are tested elsewhere)."""
    monkeypatch.setattr(i18n, "translations", lambda code: gettext.NullTranslations())


def test_arabic_name_and_long_description_print_in_full(db: Database, tmp_path: Path) -> None:
    services = Services(db, Actor("amina", role=SYSTEM_ROLE))
    world = make_report_world(services, name=ARABIC_NAME, action_what=LONG_WHAT)
    assert len(LONG_WHAT) >= 3000
    for name, job in (
        ("plan.pdf", template_job("action-plan", services=services, cycle_id=world.cycle_id)),
        ("cycle.pdf", cycle_job(services, world.cycle_id)),
    ):
        out = save_pdf(tmp_path / name, lambda stream, job=job: job.write(stream, None, None))
        pages = pdf_page_texts(out)
        text = _squash(" ".join(pages))
        # the whole description, every step word for word, from the first to the last
        missing = [step for step in STEPS[:-1] if _squash(step) not in text]
        assert not missing, (name, missing)
        assert _squash(STEPS[-1][:-1] + " END-OF-TEXT") in text, name
        # it starts on one page and ends on a later one: it flowed, it was not cut
        first = next(i for i, page in enumerate(pages) if "01. The mothers'" in page)
        last = next(i for i, page in enumerate(pages) if "END-OF-TEXT" in page)
        assert last > first, name
        # the Arabic name is printed shaped (joined letter forms), in reading order
        shaped = _squash(arabic_reshaper.reshape(ARABIC_NAME))
        assert shaped in text or shaped[::-1] in text, name


def _line_with(pages: list[str], words: str) -> str:
    return next(plain(line) for page in pages for line in page.splitlines() if words in plain(line))


def test_arabic_pages_mirror_tables_and_align_right(
    db: Database, tmp_path: Path, english_words: None
) -> None:
    services = Services(db, Actor("amina", role=SYSTEM_ROLE))
    world = make_report_world(services, name=ARABIC_NAME)
    lead = plain("Chairperson of the mothers' group")
    for language, mirrored in (("en", False), ("ar", True)):
        label = printed("Who leads (role)", language)
        job = template_job(
            "action-plan", services=services, cycle_id=world.cycle_id, language=language
        )
        out = save_pdf(tmp_path / f"{language}.pdf", lambda s, job=job: job.write(s, None, None))
        pages = pdf_page_texts(out)
        row = _line_with(pages, lead)
        # the labels' column is the first one read: on the left, or on the right in Arabic
        assert (row.index(lead) < row.index(label)) is mirrored, (language, row)
        # headings start on the reading side
        # (the number of an Arabic heading is set apart from its word in the text a PDF gives)
        action = printed("Action {n}", language, n="").strip()
        heading = _line_with(pages, f"{action} 1 ·" if not mirrored else action)
        assert (heading.index(action) > len(row) / 2) is mirrored, (language, heading)
        shaped = _squash(arabic_reshaper.reshape(ARABIC_NAME))
        text = _squash(" ".join(pages))
        assert shaped in text or shaped[::-1] in text, language
