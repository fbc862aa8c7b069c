"""A week of an office, as the README sets it up: the office server on PostgreSQL, three
laptops joined to it with ``clcp join``, people recording their meetings and actions
offline, syncing over the network or by USB stick when they can, two of them editing the
same field. At the end every laptop agrees with the office, the office holds every
meeting anyone recorded, the manager's monitoring report counts all of them, and the one
clash was decided by a person, never lost."""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.models import Meeting, SyncConflict
from desktop.server.run import BackgroundServer, server_config
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.queries.reporting_monitoring import MonitoringFilter, monitoring_data
from desktop.services.security.signin import sign_in
from desktop.services.security.users import AssignmentData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.services.usecases.meetings import MeetingData
from desktop.storage.server_database import ServerDatabase
from tests.cli.cli_support import run
from tests.reports.report_checks import pdf_text
from tests.sync.office_world import PASSWORD
from tests.sync.test_http import free_port

TODAY = date.today()
WEEK = [TODAY - timedelta(days=6 - n) for n in range(7)]


@dataclass
class Machine:
    """One person's laptop: its file and whose it is."""

    path: Path
    user: str

    def work(self, job: Callable[[Services], Any]) -> Any:
        """Sign in as a person does, do the job, close the laptop."""
        signed = sign_in(self.path, self.user, PASSWORD)
        try:
            return job(Services(signed.db, signed.actor))
        finally:
            signed.db.close()


@pytest.fixture
def office_url(office_db: ServerDatabase) -> Iterator[tuple[str, str]]:
    """The README's first steps: the office database made, then served."""
    url = office_db.engine.url.render_as_string(hide_password=False)
    port = free_port()
    server = BackgroundServer(server_config(office_db, "127.0.0.1", port))
    server.start()
    try:
        yield url, f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def clcp(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status, out, err = run(list(argv), capsys)
    assert status == 0, f"clcp {' '.join(argv)}: {err}"
    return out


def set_up_office(
    url: str, server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, Machine]:
    """Accounts on the office, laptops joined, communities and assignments made in the
    app (here: through the same services the app calls) and synced."""
    clcp(capsys, "server", "init", "--db", url, "--user", "ada")
    for name, role in (("mary", "manager"), ("fatima", "facilitator"), ("juma", "facilitator")):
        clcp(capsys, "users", "add", "--db", url, "--user", "ada", "--role", role, name)
    laptops = {
        name: Machine(tmp_path / f"{name}.db", name) for name in ("ada", "mary", "fatima", "juma")
    }

    def join(name: str) -> None:
        clcp(capsys, "join", "--server", server, "--db", str(laptops[name].path), "--user", name)

    join("ada")
    join("mary")

    def communities(s: Services) -> None:
        s.communities.create(CommunityData(name="Kéréwé", district="Lira"))
        s.communities.create(CommunityData(name="Amuru", district="Gulu"))

    laptops["mary"].work(communities)
    clcp(capsys, "sync", "--db", str(laptops["mary"].path), "--user", "mary")
    clcp(capsys, "sync", "--db", str(laptops["ada"].path), "--user", "ada")

    def assign(s: Services) -> None:
        places = {c.data.name: c.id for c in s.communities.list().items}
        people = {u.data.username: u.id for u in s.users.list().items}
        for person, place in (("fatima", "Kéréwé"), ("juma", "Amuru")):
            s.assignments.create(
                AssignmentData(
                    community_id=places[place], user_id=people[person], role="facilitator"
                )
            )

    laptops["ada"].work(assign)
    clcp(capsys, "sync", "--db", str(laptops["ada"].path), "--user", "ada")
    join("fatima")
    join("juma")
    return laptops


def record_meeting(day: date, rng: random.Random) -> Callable[[Services], uuid.UUID]:
    def job(s: Services) -> uuid.UUID:
        community = s.communities.list().items[0]
        cycles = s.cycles.list(where={"community_id": community.id}).items
        cycle = (
            cycles[0].id
            if cycles
            else s.cycles.create(CycleData(community_id=community.id, start_on=WEEK[0])).id
        )
        groups = ("girls", "boys", "women", "men")
        attendance = {g: rng.randint(0, 9) for g in groups}
        made = s.meetings.create(
            MeetingData(
                cycle_id=cycle,
                held_on=day,
                kind="small_group",
                decisions=rng.choice(["", "walk children to school in pairs"]),
                attendance=attendance,
            )
        )
        return made.id

    return job


def edit_notes(text: str) -> Callable[[Services], None]:
    def job(s: Services) -> None:
        place = next(c for c in s.communities.list().items if c.data.name == "Kéréwé")
        s.communities.update(place.id, replace(place.data, notes=text))

    return job


def carry_by_usb(
    machine: Machine, url: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, back = folder / f"{machine.user}.clcpsync", folder / f"{machine.user}-answer.clcpsync"
    clcp(
        capsys,
        "bundle",
        "export",
        "--db",
        str(machine.path),
        "--out",
        str(out),
        "--user",
        machine.user,
    )
    clcp(capsys, "server", "import", "--db", url, str(out), "--out", str(back))
    clcp(capsys, "bundle", "import", "--db", str(machine.path), str(back), "--user", machine.user)


def test_three_laptops_and_the_office_stay_in_step_through_a_week(
    office_url: tuple[str, str],
    office_db: ServerDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    monkeypatch.setenv("CLCP_NEW_PASSWORD", PASSWORD)
    url, server = office_url
    laptops = set_up_office(url, server, tmp_path, capsys)
    rng = random.Random(7)
    recorded: set[uuid.UUID] = set()
    stick = tmp_path / "stick"
    stick.mkdir()
    for number, day in enumerate(WEEK):
        for name in ("fatima", "juma"):
            for _meeting in range(rng.randint(1, 3)):
                recorded.add(laptops[name].work(record_meeting(day, rng)))
        if number == 2:  # the same field, changed on two laptops before either syncs
            laptops["mary"].work(edit_notes("new school path agreed"))
            laptops["fatima"].work(edit_notes("school path still under discussion"))
        for name in ("fatima", "mary"):
            if rng.random() < 0.6:  # a network some days, not others
                clcp(capsys, "sync", "--db", str(laptops[name].path), "--user", name)
        if number in (3, 6):  # Juma's community has no network: a USB stick twice a week
            carry_by_usb(laptops["juma"], url, stick, capsys)

    for _round in range(2):  # the end of the week: everyone syncs
        for name in ("fatima", "mary", "ada"):
            clcp(capsys, "sync", "--db", str(laptops[name].path), "--user", name)
        carry_by_usb(laptops["juma"], url, stick, capsys)

    with office_db.session() as session:
        on_server = set(session.scalars(select(Meeting.id).where(Meeting.deleted_at.is_(None))))
        clashes = session.scalars(select(SyncConflict)).all()
    assert on_server == recorded
    assert [c.field for c in clashes] == ["notes"]  # kept, both values, for a person

    listed = clcp(capsys, "conflicts", "list", "--db", str(laptops["mary"].path), "--user", "mary")
    conflict_id = listed.split()[0]
    clcp(
        capsys,
        "conflicts",
        "resolve",
        conflict_id,
        "--value",
        "new school path agreed; still under discussion with parents",
        "--db",
        str(laptops["mary"].path),
        "--user",
        "mary",
    )
    for name in ("mary", "fatima", "ada"):
        clcp(capsys, "sync", "--db", str(laptops[name].path), "--user", name)
    carry_by_usb(laptops["juma"], url, stick, capsys)

    def seen(s: Services) -> tuple[set[uuid.UUID], set[str]]:
        meetings = {m.id for m in s.meetings.list().items}
        return meetings, {c.data.notes for c in s.communities.list().items}

    mary_meetings, mary_notes = laptops["mary"].work(seen)
    assert mary_meetings == recorded
    assert "new school path agreed; still under discussion with parents" in mary_notes
    fatima_meetings, fatima_notes = laptops["fatima"].work(seen)
    assert fatima_meetings < recorded and fatima_notes == mary_notes - {""}
    juma_meetings, _notes = laptops["juma"].work(seen)
    assert juma_meetings == recorded - fatima_meetings

    def counted(s: Services) -> int:
        data = monitoring_data(s, MonitoringFilter(), TODAY)
        return sum(c.meetings for c in data.communities)

    assert counted(Services(office_db, Actor("mary", "manager"))) == len(recorded)
    assert laptops["mary"].work(counted) == len(recorded)
    report = tmp_path / "monitoring.pdf"  # the manager prints from the office's own database
    clcp(capsys, "report", "monitoring", "--db", url, "--user", "mary", "--out", str(report))
    per_community = re.findall(r"Meetings +Actions.*\n.*\n\n *(\d+) ", pdf_text(report))
    assert len(per_community) == 2 and sum(map(int, per_community)) == len(recorded)
