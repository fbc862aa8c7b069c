"""How the bench judges one damaged file: the originals it compares with (``Bench``) and
the count of one outcome (``judge``), shared by the database, key-file and archive parts.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from benchmarks.crash.tally import Row
from benchmarks.crash.world import Ran, copy_database
from desktop.storage import keyfile as kf
from tests.storage.old_revisions import Rows, dump

WRONG_PASSWORD = "Wrong user name or password"
PROCESS_EVERY = 200


class Bench:
    """The original files, their data, and a folder to damage copies in."""

    def __init__(self, office: Path, key: bytes, folder: Path) -> None:
        self.folder = folder
        self.original = copy_database(office, folder / "original" / "office.db")
        self.key = key
        self.rows: Rows = dump(self.original, self.key)
        self.keys = json.loads(kf.key_file_path(self.original).read_bytes())
        self.work = folder / "work" / "office.db"
        self.processes = True  # a sample also run as a process of its own

    def fresh(self) -> Path:
        shutil.rmtree(self.work.parent, ignore_errors=True)
        return copy_database(self.original, self.work)

    def same_data(self, path: Path) -> bool:
        try:
            return dump(path, self.key) == self.rows
        except Exception:  # a page check let through but a full read does not
            return False

    def same_keys(self, content: bytes) -> bool:
        """Whether a key file says what the original says in every sealed field."""
        try:
            data = json.loads(content)
            return kf.sealed_part(data) == kf.sealed_part(self.keys) and (
                data.get("mac") == self.keys.get("mac")
            )
        except (ValueError, TypeError, AttributeError):
            return False


def judge(
    row: Row, kind: str, ran: Ran, changed: bool, same: Callable[[], bool], *, counted_try: bool
) -> None:
    """Count one outcome of ``clcp check`` (or restore) on a damaged file."""
    row.add("mutations")
    if not ran.clean:
        row.problem("unclean", f"{kind}: {ran.line()}")
    if ran.status == 0:
        if same():
            row.add("harmless")
            row.add(f"harmless {kind}")
        else:
            row.problem("undetected", f"{kind}: accepted, but the data differs")
        return
    row.add("refused")
    if counted_try and WRONG_PASSWORD in ran.err:
        row.add("wrong password")  # a damaged slot of the account signing in
    if changed and not (counted_try and WRONG_PASSWORD in ran.err):
        row.problem("modified", f"{kind}: refused ({ran.line()}) but a file changed")
