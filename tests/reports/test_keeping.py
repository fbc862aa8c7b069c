"""No heading alone at the foot of a page, no table row alone on a page, headers repeated:
real PDFs, with the heading and the table pushed to every height of the page in turn."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from reportlab.platypus import Spacer

from desktop.reports.blocks import grid
from desktop.reports.document import PageDecoration, render_pdf
from desktop.reports.options import Paper
from desktop.reports.styles import STYLES, heading
from tests.reports.report_checks import pdf_page_texts

DECORATION = PageDecoration("Office", "test", "1", "Keeping")


def _pages(tmp_path: Path, before: float, rows: int) -> list[str]:
    story = [
        Spacer(1, before),
        heading("Follow-ups", STYLES.h2),
        grid(["What", "Who"], [[f"row {n:02d}", "Mentor"] for n in range(1, rows + 1)], [300, 100]),
    ]
    out = io.BytesIO()
    render_pdf(story, DECORATION, out, paper=Paper.A4)
    path = tmp_path / "keeping.pdf"
    path.write_bytes(out.getvalue())
    return [page for page in pdf_page_texts(path) if page.strip()]


@pytest.mark.parametrize("rows", [2, 3, 5, 9])
def test_a_heading_keeps_its_first_rows_and_no_row_is_left_alone(tmp_path: Path, rows: int) -> None:
    for before in range(500, 676, 5):  # the heading falls all over the foot of the page
        pages = _pages(tmp_path, before, rows)
        found = [re.findall(r"row \d\d", page) for page in pages]
        first = next(i for i, page in enumerate(pages) if "Follow-ups" in page)
        assert "row 01" in pages[first], (before, rows)  # the heading has its first row
        assert "row 02" in pages[first], (before, rows)  # ...and the next one
        for page, on_page in zip(pages, found, strict=True):
            if on_page:
                assert len(on_page) >= 2, (before, rows, on_page)  # never one row alone
                assert "What" in page  # the header repeats on every page of the table
        assert sum(len(on_page) for on_page in found) == rows  # nothing lost
