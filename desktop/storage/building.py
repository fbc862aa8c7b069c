"""A new database is built beside its final name and renamed into place when complete.

``clcp demo``, the first ``clcp --demo``, the setup wizard and ``clcp restore`` make a
file that is unusable until the last step is done. Built under its final name, a run
stopped half-way (a kill, a power cut) leaves a key file and a half-filled database that
block every later try. Built under ``NAME.building``, a stopped run leaves only files the
next try removes, and the final name appears only complete.

The database is renamed first, then its key file. If the computer stops between the two,
:func:`settle` finishes the move the next time the database is opened.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from desktop.i18n import _
from desktop.storage import keyfile as kf
from desktop.storage.errors import StorageError

BUILD_SUFFIX = ".building"
SIDECARS = ("-wal", "-shm", "-journal")


def build_path(path: Path) -> Path:
    return path.with_name(path.name + BUILD_SUFFIX)


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def clear(build: Path) -> None:
    """Remove an unfinished build and its key file (only ever files named ``*.building``)."""
    assert build.name.endswith(BUILD_SUFFIX)
    for suffix in ("", *SIDECARS):
        _unlink(Path(f"{build}{suffix}"))
    kf.remove(build)


def _in_the_way(path: Path, *, empty_ok: bool) -> None:
    """StorageError if ``path`` or its key file exists (``empty_ok``: an empty file made to
    receive the new database is not in the way)."""
    empty = empty_ok and path.is_file() and path.stat().st_size == 0
    for existing in (path, kf.key_file_path(path)):
        if existing.exists() and not (existing == path and empty):
            raise StorageError(_("{path} already exists").format(path=existing))


def start(path: Path, *, empty_ok: bool = False) -> Path:
    """Where to build the database that will become ``path`` (leftovers of an earlier,
    stopped try removed); StorageError if ``path`` or its key file already exists."""
    _in_the_way(path, empty_ok=empty_ok)
    path.parent.mkdir(parents=True, exist_ok=True)
    build = build_path(path)
    clear(build)
    kf.remove_stale_temporaries(path, lock=True)
    return build


def put_in_place(build: Path, path: Path, *, empty_ok: bool = False) -> None:
    """Rename the finished, closed build to ``path``: the database, then its key file."""
    for suffix in SIDECARS:  # a closed database has folded its WAL back in
        _unlink(Path(f"{build}{suffix}"))
    _in_the_way(path, empty_ok=empty_ok)
    os.replace(build, path)
    if kf.has_key_file(build):
        os.replace(kf.key_file_path(build), kf.key_file_path(path))
    _unlink(kf.lock_path(build))
    kf.sync_folder(path.parent)


def settle(path: Path) -> None:
    """Finish a move stopped between the two renames (the database is in place, its key
    file still under the build name), undo an encryption stopped between its renames (see
    :func:`desktop.storage.encrypt.undo_interrupted`), and remove temporary key files a
    killed process left."""
    from desktop.storage.encrypt import undo_interrupted

    undo_interrupted(path)
    kf.remove_stale_temporaries(path, lock=True)
    build = build_path(path)
    moved = path.is_file() and not build.exists() and not kf.has_key_file(path)
    if moved and kf.has_key_file(build):
        os.replace(kf.key_file_path(build), kf.key_file_path(path))
        _unlink(kf.lock_path(build))
        kf.sync_folder(path.parent)
