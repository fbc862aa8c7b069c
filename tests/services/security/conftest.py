"""An encrypted office database per test: made once, copied for each test (see
security_world.make_office)."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.security.signin import sign_in
from tests.services.security.security_world import PASSWORD, Office, make_office


@pytest.fixture(scope="session")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Office:
    made = make_office(tmp_path_factory.mktemp("office") / "office.db")
    made.db.checkpoint()
    made.db.close()
    return made


@pytest.fixture
def office(office_template: Office, tmp_path: Path) -> Iterator[Office]:
    path = tmp_path / "office.db"
    for suffix in ("", ".keys"):
        shutil.copy2(f"{office_template.path}{suffix}", f"{path}{suffix}")
    db = sign_in(path, "admin1", PASSWORD).db
    try:
        yield dataclasses.replace(office_template, path=path, db=db)
    finally:
        db.close()
