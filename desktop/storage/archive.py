"""Backup archives: the database and its key file together, in one checked file.

A database is useless without its key file (and a key file without its database), and
the two must be the pair written last (see :mod:`desktop.storage.seal`). An archive holds
a consistent snapshot of both: the key file is read while no writer can commit, and the
database is copied from a read snapshot taken at that moment (writers carry on while it
is copied). The archive is a ZIP file, stored without compression (the database is
encrypted already), with a manifest giving each member's SHA-256; it is written under a
temporary name, flushed to disk, read back and checked, then renamed.

The archive adds no encryption of its own: the database in it is encrypted (SQLCipher),
and its key file holds the database key only wrapped by each password and the recovery
key. Whoever has the archive and a password valid on the day it was made can read it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from desktop import __version__
from desktop.i18n import _
from desktop.storage import keyfile as kf
from desktop.storage.connect import apply_key, dbapi_module
from desktop.storage.errors import StorageError

SUFFIX = ".clcpbackup"
FORMAT = "clcp-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE, KEYS = "database", "database.keys"


@dataclass(frozen=True)
class Manifest:
    made_at: str
    database_name: str
    members: dict[str, str]  # member name -> SHA-256


def snapshot(db_path: Path, key: bytes | None, target: Path) -> None:
    """Copy the database at ``db_path`` and its key file to ``target`` (a new path) as one
    consistent pair, without stopping writers for longer than it takes to read the key file."""
    module = dbapi_module(key)
    writer, reader = module.connect(str(db_path)), module.connect(str(db_path))
    copy = None
    try:
        for connection in (writer, reader):
            apply_key(connection, key)
            connection.isolation_level = None
        writer.execute("BEGIN IMMEDIATE")  # no commit can happen from here ...
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()  # ... to this snapshot
        keys = kf.key_file_path(db_path)
        if keys.exists():
            with kf.locked(db_path):
                kf.key_file_path(target).write_bytes(keys.read_bytes())
        writer.execute("ROLLBACK")
        copy = module.connect(str(target))
        apply_key(copy, key)
        reader.backup(copy)
        reader.execute("ROLLBACK")
    finally:
        for connection in (copy, reader, writer):
            if connection is not None:
                connection.close()


CHUNK = 1 << 20


def _digest_stream(stream: IO[bytes], copy_to: IO[bytes] | None = None) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return _digest_stream(handle)


def archive_name(db_path: Path, label: str, moment: datetime) -> str:
    return f"{db_path.stem}-{label}{moment.strftime('%Y%m%d-%H%M%S')}{SUFFIX}"


def pack(snapshot_path: Path, out: Path, work: Path | None = None) -> Path:
    """Write the snapshot (database and key file) as the archive ``out``, checked; it is
    written in the folder ``work`` (default: beside ``out``) and moved to ``out`` whole."""
    members = {DATABASE: snapshot_path}
    if kf.has_key_file(snapshot_path):
        members[KEYS] = kf.key_file_path(snapshot_path)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database_name": snapshot_path.name,
        "members": {name: _file_digest(source) for name, source in members.items()},
    }
    temporary = (work or out.parent) / f"{out.name}.tmp"
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_STORED, allowZip64=True) as bundle:
            bundle.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
            for name, source in members.items():
                bundle.write(source, name)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        read_archive(temporary)
        os.replace(temporary, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    kf.sync_folder(out.parent)
    return out


def read_archive(path: Path, target: Path | None = None) -> Manifest:
    """The archive's manifest, each member checked against its SHA-256 (and written to
    ``target`` and its key file when given); a StorageError in one line for anything else
    (not an archive, damaged, incomplete)."""
    try:
        with zipfile.ZipFile(path) as bundle:
            manifest: dict[str, Any] = json.loads(bundle.read(MANIFEST))
            if manifest.get("format") != FORMAT or int(manifest.get("version", 0)) > VERSION:
                raise ValueError(_("not a CLCP backup of a version this program reads"))
            expected: dict[str, str] = dict(manifest["members"])
            if DATABASE not in expected or set(expected) - {DATABASE, KEYS}:
                raise ValueError(_("its list of files is wrong"))
            for name, digest in expected.items():
                _check_member(bundle, name, digest, _member_target(target, name))
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise StorageError(
            _("{path} is not a usable backup ({reason}); nothing was changed").format(
                path=path, reason=reason
            )
        ) from None
    return Manifest(str(manifest.get("made_at", "")), str(manifest["database_name"]), expected)


def _member_target(target: Path | None, name: str) -> Path | None:
    if target is None:
        return None
    return target if name == DATABASE else kf.key_file_path(target)


def _check_member(bundle: zipfile.ZipFile, name: str, digest: str, out: Path | None) -> None:
    with bundle.open(name) as stream:
        if out is None:
            found = _digest_stream(stream)
        else:
            with open(out, "wb") as handle:
                found = _digest_stream(stream, handle)
                handle.flush()
                os.fsync(handle.fileno())
    if found != digest:
        raise ValueError(_("its {member} does not match the manifest").format(member=name))


def archives(folder: Path, prefix: str) -> list[Path]:
    """The archives in ``folder`` whose names start with ``prefix``, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(found for found in folder.glob(f"{prefix}*{SUFFIX}") if found.is_file())
