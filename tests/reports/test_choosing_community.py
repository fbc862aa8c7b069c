"""Every ``--community`` of ``clcp report`` (template, cycle, timeline) takes an id, a name
or "name, district", through the one resolver; a name two communities share is refused with
exit 2 and the choices listed, one line each (id, name, district)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from desktop.cli.entry import main
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.storage import open_database
from tests.reports.report_checks import pdf_page_texts
from tests.reports.report_world import START, make_report_world

COMMANDS = [
    ["template", "action-plan"],
    ["template", "meeting-record", "--cycle", "1"],
    ["cycle"],
    ["timeline"],
]


@pytest.fixture
def namesakes(db_path: Path) -> tuple[Path, uuid.UUID, uuid.UUID]:
    """Two communities called Kabwohe West: the report world's in Sheema, one in Lira."""
    db = open_database(db_path)
    services = Services(db, Actor("amina", role=SYSTEM_ROLE))
    sheema = make_report_world(services).community_id
    lira = services.communities.create(CommunityData(name="Kabwohe West", district="Lira")).id
    services.cycles.create(CycleData(community_id=lira, start_on=START, title="Lira's cycle"))
    db.close()
    return db_path, sheema, lira


@pytest.mark.parametrize("command", COMMANDS)
def test_a_shared_name_lists_the_choices_and_exits_2(
    namesakes: tuple[Path, uuid.UUID, uuid.UUID],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    path, sheema, lira = namesakes
    out = tmp_path / "out.pdf"
    argv = ["report", *command, "--db", str(path), "--community", "Kabwohe West"]
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    first, *choices = err.splitlines()
    assert first.startswith("clcp: 2 communities are called 'Kabwohe West'"), first
    assert [c.split() for c in choices] == [
        [str(lira), "Kabwohe", "West,", "Lira"],
        [str(sheema), "Kabwohe", "West,", "Sheema"],
    ]
    assert not out.exists()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("how", ["id", "name, district"])
def test_an_id_or_name_and_district_prints_that_community(
    namesakes: tuple[Path, uuid.UUID, uuid.UUID],
    tmp_path: Path,
    command: list[str],
    how: str,
) -> None:
    path, _sheema, lira = namesakes
    typed = str(lira) if how == "id" else "kabwohe west, LIRA"
    out = tmp_path / "out.pdf"
    argv = ["report", *command, "--db", str(path), "--community", typed, "--out", str(out)]
    assert main(argv) == 0
    text = " ".join(" ".join(pdf_page_texts(out)).split())
    assert "Kabwohe West" in text
    if command[0] != "timeline":
        assert "Lira" in text and "Sheema" not in text


def test_the_help_says_what_community_takes(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["template"], ["cycle"], ["timeline"]):
        assert main(["report", *command, "--help"]) == 0
        assert '"name, district"' in " ".join(capsys.readouterr().out.split())
