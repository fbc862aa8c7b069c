"""The first-run setup builds the office database beside its name (issue: a stopped
creation left files that blocked every later try)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.framework.errors import ValidationError
from desktop.services.usecases.setup import OfficeSetup, create_office
from desktop.storage import building
from desktop.storage import keyfile as kf

SETUP = OfficeSetup(office_name="Gulu office", admin_username="amina", admin_password="a password!")


def test_leftovers_of_a_stopped_setup_do_not_block_the_next_one(tmp_path: Path) -> None:
    path = tmp_path / "clcp.db"
    build = building.build_path(path)
    build.write_bytes(b"half made")
    kf.key_file_path(build).write_text("{}")
    signed_in, _recovery_key = create_office(path, SETUP)
    signed_in.db.close()
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock"))
    assert names == ["clcp.db", "clcp.db.keys"]


def test_a_setup_failing_half_way_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "clcp.db"
    half_way = OfficeSetup("Gulu", "amina", "a password!", logo=b"not a picture")
    with pytest.raises(ValidationError):
        create_office(path, half_way)  # the database was made; the logo is refused
    assert list(tmp_path.iterdir()) == []
