"""Every template prints blank and filled on both paper sizes, with its labels and values."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli.entry import main
from desktop.reports.registry import TEMPLATES
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.storage import open_database
from tests.reports.report_checks import (
    page_count,
    page_size_points,
    pdf_fonts,
    pdf_page_texts,
    pdf_text,
)
from tests.reports.report_world import make_report_world

SIZES = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}
#: Pages of each blank template on either paper: the form fills them, nothing spills over
#: onto a page of its own (the action plan holds two actions per page).
BLANK_PAGES = {"action-plan": 2}


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("template_id", [spec.id for spec in TEMPLATES])
def test_blank_template(tmp_path: Path, template_id: str, paper: str) -> None:
    out = tmp_path / "blank.pdf"
    assert main(["report", "template", template_id, "--out", str(out), "--paper", paper]) == 0
    spec = next(s for s in TEMPLATES if s.id == template_id)
    text = pdf_text(out)
    assert spec.title in text
    assert f"{spec.id} · v{spec.version}" in text
    pages = BLANK_PAGES.get(template_id, 1)
    assert page_count(out) == pages
    assert f"Page {pages} of {pages}" in text
    assert "Confidential" in text
    width, height = page_size_points(out)
    expected = SIZES[paper]
    if spec.wide:
        expected = (expected[1], expected[0])
    assert (round(width), round(height)) == (round(expected[0]), round(expected[1]))
    fonts = pdf_fonts(out)
    assert "NotoSans" in fonts
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows)  # every font is embedded


@pytest.mark.parametrize("template_id", [spec.id for spec in TEMPLATES])
def test_filled_template_shows_labels_and_database_values(
    db_path: Path, tmp_path: Path, template_id: str
) -> None:
    db = open_database(db_path)
    world = make_report_world(Services(db, Actor("amina", role=SYSTEM_ROLE)))
    db.close()
    out = tmp_path / "filled.pdf"
    spec = next(s for s in TEMPLATES if s.id == template_id)
    # a programme-level form is filled for a district and a quarter, not a community
    which = ["--community", world.name] if spec.one_community else [
        "--district", "Sheema", "--quarter", "2025Q1"]  # fmt: skip
    args = ["report", "template", template_id, "--db", str(db_path), *which, "--out", str(out)]
    assert main(args) == 0
    text = " ".join(pdf_text(out).split())
    assert spec.title in text
    assert f"{spec.id} · v{spec.version}" in text
    assert world.name in text
    for value in world.values[template_id]:
        assert value in text, value


def test_every_template_names_layouts_that_exist() -> None:
    """The registry names its layouts instead of importing them; each name must resolve."""
    from desktop.reports.registry import TEMPLATES, _builder

    for spec in TEMPLATES:
        assert callable(_builder(spec.blank_layout)), spec.id
        assert callable(_builder(spec.filled_layout)), spec.id


def test_every_page_after_the_first_says_which_community_cycle_and_date(tmp_path: Path) -> None:
    """Sheets get separated: the action plan's second page has room to write them."""
    out = tmp_path / "plan.pdf"
    assert main(["report", "template", "action-plan", "--out", str(out)]) == 0
    first, second = [" ".join(page.split()) for page in pdf_page_texts(out)[:2]]
    assert "Community Cycle Date Action 3" in second
    assert "Action 1" in first and "Cycle (number)" in first
