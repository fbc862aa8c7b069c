"""A lost laptop reveals nothing: no SQLite header, no names, no harm text in the files."""

from __future__ import annotations

from pathlib import Path

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.usecases.harms import HarmPriorityData
from tests.services.security.security_world import Office


def test_the_database_file_holds_no_plaintext(office: Office) -> None:
    services = Services(office.db, SYSTEM)
    harms = {h.data.code: h.id for h in services.harms.list().items}
    secret = "Girls from the upper village leave school to marry before fifteen"
    services.priorities.create(
        HarmPriorityData(
            cycle_id=office.cycle_a, harm_id=harms["child_marriage"], selected=True, reasons=secret
        )
    )
    wal = Path(f"{office.path}-wal")
    in_wal = wal.read_bytes() if wal.exists() else b""
    office.db.checkpoint()
    content = office.path.read_bytes()
    keys = Path(f"{office.path}.keys").read_bytes()

    assert not content.startswith(b"SQLite format 3\x00")
    for text in ("Kéréwé", "Amuru", secret, "facilitator1", "Lira field office"):
        needle = text.encode("utf-8")
        assert needle not in content, text
        assert needle not in in_wal, text
        assert needle not in keys, text
    assert b"SQLite format 3" not in in_wal


def test_backups_stay_encrypted_and_keep_their_key_file(office: Office) -> None:
    from desktop.storage.backup import backup_file

    office.db.checkpoint()
    copy = backup_file(office.path, "test")
    assert not copy.read_bytes().startswith(b"SQLite format 3")
    assert Path(f"{copy}.keys").read_bytes() == Path(f"{office.path}.keys").read_bytes()
