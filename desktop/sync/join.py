"""Joining a laptop to the office: a new encrypted database holding only what its user
may read, its key slot made from the same password the user signs in to the server with."""

from __future__ import annotations

from pathlib import Path

from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.storage import Database, building, open_database
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
    actor, the new recovery key (shown once) and what was received. It is built beside
    ``path`` (see :mod:`desktop.storage.building`): a join that fails or is stopped half-way
    (a kill, a power cut) leaves nothing at ``path`` and nothing the next try minds."""
    username = username.strip().lower()
    master_key, recovery_key = new_master_key(), new_recovery_key()
    build = building.start(path, empty_ok=True)
    try:
        kf.create(build, master_key, recovery_key, {username: password})
        db = open_database(build, key=master_key)
        try:
            actor, received = _fill(db, transport, username, password)
        finally:
            db.close()
        building.put_in_place(build, path, empty_ok=True)
    except BaseException:
        building.clear(build)
        raise
    return open_database(path, key=master_key, create=False), actor, recovery_key, received


def _fill(
    db: Database, transport: HttpTransport, username: str, password: str
) -> tuple[Actor, Received]:
    """Sign in to the office, take everything the account may read, note the join."""
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
    return actor, received
