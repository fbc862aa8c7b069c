"""First run: a new encrypted database for an office, its first administrator, and the
recovery key (shown once, to be printed and kept in the office safe)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.i18n import _
from desktop.services.facade import Services
from desktop.services.framework import audit
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.framework.errors import ValidationError
from desktop.services.security.passwords import check_password_rules
from desktop.services.security.signin import SignedIn, record_session
from desktop.services.security.users import USERNAME_PATTERN, UserData
from desktop.services.usecases.office import ParticipantGroupData
from desktop.storage import Database, StorageError, building, open_database
from desktop.storage import keyfile as kf
from desktop.storage.keyslots import new_master_key, new_recovery_key


@dataclass(frozen=True)
class OfficeSetup:
    """What the setup wizard asks for."""

    office_name: str
    admin_username: str
    admin_password: str
    admin_display_name: str = ""
    groups: Sequence[str] = ()  # codes of the default groups to keep (empty: keep all)
    extra_groups: Sequence[str] = ()  # names of groups the office adds
    logo: bytes | None = None
    language: str = "en"


def check_setup(setup: OfficeSetup) -> None:
    """ValidationError (field -> message) for input the wizard must correct."""
    errors: dict[str, str] = {}
    if not setup.office_name.strip():
        errors["office_name"] = _("Required.")
    name = setup.admin_username.strip().lower()
    if not USERNAME_PATTERN.match(name):
        errors["admin_username"] = _("2 to 40 letters a-z, digits, dots, dashes or underscores.")
    try:
        check_password_rules(setup.admin_password, "admin_password")
    except ValidationError as error:
        errors.update(error.errors)
    if errors:
        raise ValidationError(errors)


def create_office(db_path: Path, setup: OfficeSetup) -> tuple[SignedIn, str]:
    """Make the encrypted database and its key file; the administrator signed in, and the
    recovery key. The file is built beside its name and put in place complete, so nothing
    is left in the way if this fails or is stopped."""
    check_setup(setup)
    if db_path.exists() and db_path.stat().st_size > 0:
        raise StorageError(_("{path} already exists").format(path=db_path))
    master_key, recovery_key = new_master_key(), new_recovery_key()
    username = setup.admin_username.strip().lower()
    if db_path.exists():  # an empty file (made by hand, or by an older version): replaced
        db_path.unlink()
    build = building.start(db_path)
    db: Database | None = None
    try:
        kf.create(build, master_key, recovery_key, {username: setup.admin_password})
        db = open_database(build, key=master_key)
        _fill_office(Services(db, SYSTEM), setup, username)
        actor = Actor(username=username, role="admin")
        with db.sessions.begin() as session:
            audit.record(
                session,
                actor=actor,
                action="office.created",
                device_id=db.device_id,
                entity_type="database",
                changes={"office_name": setup.office_name.strip()},
            )
            # The administrator is signed in from here on: this session starts now.
            record_session(session, db, actor, "login")
        db.close()
        db = None
        building.put_in_place(build, db_path)
        db = open_database(db_path, key=master_key, create=False)
    except BaseException:
        if db is not None:
            db.close()
        building.clear(build)
        raise
    shown = setup.admin_display_name.strip() or username
    return SignedIn(db, actor, shown), recovery_key


def _fill_office(services: Services, setup: OfficeSetup, username: str) -> None:
    services.settings.set_office_name(setup.office_name.strip())
    if setup.logo:
        services.settings.set_office_logo(setup.logo)
    if setup.groups:
        keep = set(setup.groups)
        for group in services.participant_groups.participant_groups(active_only=False):
            if group.data.code not in keep and group.data.active:
                services.participant_groups.update(
                    group.id, ParticipantGroupData(**{**group.data.__dict__, "active": False})
                )
    position = 100
    for name in setup.extra_groups:
        if not name.strip():
            continue
        code = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_") or f"group{position}"
        services.participant_groups.create(
            ParticipantGroupData(code=code[:40], name=name.strip(), position=position)
        )
        position += 1
    services.users.create(
        UserData(
            username=username,
            role="admin",
            display_name=setup.admin_display_name.strip(),
            language=setup.language,
        )
    )
