"""Joining a laptop to the office: a new encrypted database holding only what its user
may read, its key slot made from the same password the user signs in to the server with."""

from __future__ import annotations

from pathlib import Path

from desktop.i18n import _
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.storage import Database, StorageError, open_database
from desktop.storage import keyfile as kf
from desktop.storage.keyslots import new_master_key, new_recovery_key
from desktop.sync.bundle_keys import own_keys, remember_office
from desktop.sync.client import HttpTransport
from desktop.sync.laptop import Received, apply_download
from desktop.sync.office_password import remember_accepted


def join(
    path: Path, transport: HttpTransport, username: str, password: str
) -> tuple[Database, Actor, str, Received]:
    """Make the laptop database at ``path`` from a full download; returns it open, the
    actor, the new recovery key (shown once) and what was received. Nothing is left
    behind if any step fails."""
    if path.exists() and path.stat().st_size > 0:
        raise StorageError(_("{path} already exists").format(path=path))
    username = username.strip().lower()
    master_key, recovery_key = new_master_key(), new_recovery_key()
    db: Database | None = None
    try:
        kf.create(path, master_key, recovery_key, {username: password})
        db = open_database(path, key=master_key)
        role = transport.sign_in(username, password, db.device_id, own_keys(db).public)
        if transport.office_keys is not None:
            remember_office(db, transport.office_keys)
        actor = Actor(username=username, role=role)
        received = apply_download(db, actor, transport.fetch(0), transport.name)
        remember_accepted(db, username)  # the office and the key slot share the password
        with db.sessions.begin() as session:
            audit.record(
                session,
                actor=actor,
                action="office.joined",
                device_id=db.device_id,
                entity_type="database",
                changes={"server": transport.name, "records": received.records},
            )
    except BaseException:
        if db is not None:
            db.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        kf.remove(path)
        raise
    return db, actor, recovery_key, received
