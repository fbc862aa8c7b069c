"""One password for the laptop and the office server.

A person's laptop password opens their key slot; the office checks its own hash of the
same password. The two can drift apart in two ways, and each is mended at a sync, never
by locking anyone out:

- **Changed on this laptop** (Settings, or a reset on the laptop): the office still has
  the previous password. The laptop notes which key slot the office last accepted (the
  slot's id changes with every new password), so it knows. At the next sync the office
  refuses the new password; the person proves who they are with the previous one, typed
  once (or with a token still held from a sync minutes ago), and the office takes the
  new password (``POST /api/v1/password``).
- **Changed at the office** (an administrator's reset, or another laptop of the same
  person): the slot is the one the office accepted, yet the office refuses it. The sync
  asks for the office's password once, signs in with it, and offers to make it the
  laptop's password too (the key slot made anew; the laptop password proves the rest).

A password that opens neither is a mistyped one and is refused as before. Until a person
mends it, nothing changes: both passwords keep working where they worked.
"""

from __future__ import annotations

from desktop.i18n import _
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import ServiceError, ValidationError
from desktop.services.security.passwords import AccountService
from desktop.storage import Database
from desktop.storage import keyfile as kf
from desktop.sync.bundle_keys import own_keys, remember_office
from desktop.sync.client import HttpTransport, WrongPasswordError
from desktop.sync.laptop import meta, set_meta

ACCEPTED_PREFIX = "office_password_slot:"  # + user name: the key slot the office accepted


class OfficePasswordNeeded(ServiceError):
    """The office did not take the laptop's password: ask for the office's, once."""

    def __init__(self, changed_here: bool) -> None:
        super().__init__(
            _("you changed your password on this laptop; type your previous one once")
            if changed_here
            else _("the office server has another password for you; type it once")
        )
        self.changed_here = changed_here


def _slot_marker(db: Database, username: str) -> str:
    if db.keyring is None:
        return ""
    return ",".join(sorted(slot["id"] for slot in kf.password_slots(db.keyring.data(), username)))


def remember_accepted(db: Database, username: str) -> None:
    """The office takes this person's laptop password as it is now."""
    marker = _slot_marker(db, username)
    if marker:
        with db.sessions.begin() as session:
            set_meta(session, ACCEPTED_PREFIX + username, marker)


def changed_here(db: Database, username: str) -> bool:
    """Whether the person's laptop password changed since the office last took it (False
    when the laptop never noted it: joined before this version, or without passwords)."""
    known = meta(db, ACCEPTED_PREFIX + username)
    return bool(known) and known != _slot_marker(db, username)


def sign_in_laptop(
    db: Database,
    actor: Actor,
    transport: HttpTransport,
    password: str,
    *,
    office_password: str | None = None,
    take_office_password: bool = False,
) -> str:
    """Sign ``transport`` in for the person of this laptop (see the module docstring).

    ``password`` is the one typed for the laptop. Without ``office_password``, a refusal
    of a password that opens the laptop raises :class:`OfficePasswordNeeded`; with it,
    the office is signed in to with that one and then follows the laptop (when it changed
    here) or, if ``take_office_password``, the laptop follows the office. Returns what
    was mended: "office", "laptop" or "". The laptop's keys for bundles are exchanged as
    at every network sign-in.
    """
    accounts = AccountService(db, actor)
    opens_laptop = accounts.opens_own_slot(password)
    keys = own_keys(db).public
    if office_password is None:
        try:
            transport.sign_in(actor.username, password, db.device_id, keys)
        except WrongPasswordError:
            if not opens_laptop:
                raise  # mistyped: neither the laptop's nor the office's
            raise OfficePasswordNeeded(changed_here(db, actor.username)) from None
        _signed_in(db, transport, actor, opens_laptop)
        return ""
    if not opens_laptop:
        raise ValidationError({"password": _("This is not your password on this laptop.")})
    transport.sign_in(actor.username, office_password, db.device_id, keys)
    _signed_in(db, transport, actor, False)
    if changed_here(db, actor.username):
        transport.change_password(password)
        remember_accepted(db, actor.username)
        return "office"
    if take_office_password and office_password != password:
        accounts.change_own_password(password, office_password)
        remember_accepted(db, actor.username)
        return "laptop"
    return ""


def follow_with_token(db: Database, actor: Actor, transport: HttpTransport, password: str) -> str:
    """A password changed here, while a sign-in from minutes ago still holds: that token
    proves the person, and the office takes the new password. Returns "office" or ""."""
    if not changed_here(db, actor.username):
        return ""
    if not AccountService(db, actor).opens_own_slot(password):
        raise ValidationError({"password": _("This is not your password on this laptop.")})
    transport.change_password(password)
    remember_accepted(db, actor.username)
    return "office"


def _signed_in(db: Database, transport: HttpTransport, actor: Actor, accepted: bool) -> None:
    if transport.office_keys is not None:
        remember_office(db, transport.office_keys)
    if accepted:
        remember_accepted(db, actor.username)
