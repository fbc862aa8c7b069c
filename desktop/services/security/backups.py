"""Backups that restore: ``clcp backup``, File > Back up…, the daily automatic backup and
``clcp restore``.

A backup is an archive (see :mod:`desktop.storage.archive`) of a consistent snapshot of
the database and its key file. Before the archive is written, the snapshot is opened and
checked like ``clcp check`` does (file integrity, links, the audit chain, the seal between
the two files), so a damaged database is never archived as if it were sound. Restoring
unpacks the archive beside the target, signs in to it with a password of the day it was
made and checks it again; only then is it renamed into place, and a database it replaces
is first moved to the ``backups/`` folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.i18n import _
from desktop.services.framework.actor import SYSTEM
from desktop.services.security.integrity import check_database
from desktop.services.security.signin import sign_in
from desktop.storage import Database, StorageError, building, damage, filelock, open_database
from desktop.storage import archive as arc
from desktop.storage import keyfile as kf
from desktop.storage.backup import backup_dir_for
from desktop.storage.errors import disk_full, disk_full_message

AUTOMATIC = "auto-"
KEEP_AUTOMATIC = 7
WORK_PREFIX = ".clcp-backup-"
WORK_LOCK = "in-use.lock"
STALE_SECONDS = 3600


@dataclass(frozen=True)
class BackupMade:
    path: Path
    size: int
    events: int


@dataclass(frozen=True)
class Restored:
    path: Path
    made_at: str
    events: int
    set_aside: Path | None  # where the database it replaced was moved


def back_up(
    db: Database, out_dir: Path, *, label: str = "", moment: datetime | None = None
) -> BackupMade:
    """Write a checked archive of ``db`` (and its key file) into the folder ``out_dir``;
    its name carries ``label`` and the moment it was made."""
    if db.path is None:
        raise StorageError(_("only a database file can be backed up"))
    if out_dir.exists() and not out_dir.is_dir():
        raise StorageError(_("{path} is not a folder").format(path=out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_work(out_dir)
    out = out_dir / arc.archive_name(db.path, label, moment or datetime.now())
    if out.exists():
        raise StorageError(_("{path} already exists").format(path=out))
    _require_room(db, out_dir)
    try:
        events = _write_archive(db, out_dir, out)
    except Exception as error:
        if disk_full(error):
            raise StorageError(disk_full_message(out_dir)) from None
        raise
    return BackupMade(out, out.stat().st_size, events)


def _write_archive(db: Database, out_dir: Path, out: Path) -> int:
    """Snapshot, check and pack ``db`` as ``out`` in a work folder of ``out_dir``."""
    assert db.path is not None
    key = db.keyring.master_key if db.keyring is not None else None
    with (
        tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=out_dir) as work,
        filelock.exclusive(Path(work) / WORK_LOCK),  # in use: see _remove_stale_work
    ):
        snapshot = Path(work) / db.path.name
        with damage.named(db.path, key):  # a page that cannot be read is named
            arc.snapshot(db.path, key, snapshot)
            events = _checked(open_database(snapshot, key=key, create=False), _("the copy"))
        arc.pack(snapshot, out, Path(work))
    return events


ROOM_MARGIN = 256 * 1024


def _require_room(db: Database, out_dir: Path) -> None:
    """Refuse at once when ``out_dir`` cannot hold the copy and the archive made of it
    (rather than fill the disk and fail half-way)."""
    needed = 2 * db.file_size() + ROOM_MARGIN
    free = shutil.disk_usage(out_dir).free
    if free < needed:
        raise StorageError(
            _(
                "not enough room in {folder} for the backup ({free:,} bytes free, about "
                "{needed:,} needed); nothing was written - free some space or choose "
                "another folder"
            ).format(folder=out_dir, free=free, needed=needed)
        )


def _checked(db: Database, what: str) -> int:
    """The number of audit events of a sound database (closed here); StorageError if not."""
    try:
        result = check_database(db, SYSTEM)
    finally:
        db.close()
    if result.problem is not None:
        raise StorageError(
            _("{what} failed its check ({problem}); nothing was written").format(
                what=what, problem=result.problem
            )
        )
    return result.events


def _remove_stale_work(folder: Path) -> None:
    """Work folders of backups that were stopped (a kill, a power cut): a backup under way
    holds the lock in its folder, so a folder whose lock nobody holds, or that has none
    (stopped just after making it, or half-way through removing it, or made by an earlier
    version), is left over. A backup in the microseconds between making its folder and
    locking it would fail in one line and can be run again; none is ever half-written.
    An earlier version's temporary archive is removed once an hour old."""
    for stale in folder.glob(f"{WORK_PREFIX}*"):
        lock = stale / WORK_LOCK
        try:
            left_over = filelock.is_free(lock) if lock.is_file() else True
        except OSError:  # finished and removed meanwhile
            continue
        if left_over:
            shutil.rmtree(stale, ignore_errors=True)
    for stale in folder.glob(f"*{arc.SUFFIX}.tmp"):
        if _hour_old(stale):
            stale.unlink(missing_ok=True)


def _hour_old(path: Path) -> bool:
    return time.time() - path.stat().st_mtime > STALE_SECONDS


def daily_backup(db: Database, now: datetime | None = None) -> Path | None:
    """Today's automatic backup in ``backups/`` beside the database, if none was made
    today; the oldest automatic ones beyond :data:`KEEP_AUTOMATIC` are removed."""
    if db.path is None:
        return None
    moment = now or datetime.now()
    folder = backup_dir_for(db.path)
    prefix = f"{db.path.stem}-{AUTOMATIC}"
    day = moment.strftime("%Y%m%d")
    if any(found.name.startswith(prefix + day) for found in arc.archives(folder, prefix)):
        return None
    made = back_up(db, folder, label=AUTOMATIC, moment=moment)
    for old in arc.archives(folder, prefix)[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)
    return made.path


def restore(
    archive: Path,
    db_path: Path,
    *,
    username: str,
    password: Callable[[], str],
    force: bool = False,
) -> Restored:
    """Put the database and key file of ``archive`` at ``db_path``, checked; ``password``
    is asked for only if the archive is encrypted."""
    exists = db_path.exists() or kf.has_key_file(db_path)
    if exists and not force:
        raise StorageError(
            _(
                "{path} already exists; add --force to replace it (it is first moved to {backups})"
            ).format(path=db_path, backups=backup_dir_for(db_path))
        )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    build = building.build_path(db_path)
    building.clear(build)
    try:
        manifest = arc.read_archive(archive, build)
        if kf.has_key_file(build):
            copy = sign_in(build, username, password(), checking=True).db
        else:
            copy = open_database(build, create=False)
        events = _checked(copy, _("the restored database"))
        set_aside = _set_aside(db_path) if exists else None
        building.put_in_place(build, db_path)
    except BaseException:
        building.clear(build)
        raise
    return Restored(db_path, manifest.made_at, events, set_aside)


def _set_aside(db_path: Path) -> Path:
    """Move the database being replaced (with its journal and key file) to ``backups/``."""
    folder = backup_dir_for(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db_path.stem}-before-restore-{stamp}{db_path.suffix or '.db'}"
    for suffix in ("", "-wal", kf.SUFFIX):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{target}{suffix}"))
    for suffix in ("-shm", kf.LOCK_SUFFIX):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return target
