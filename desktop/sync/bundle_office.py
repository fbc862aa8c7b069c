"""A sync by hand: the office's side (import a laptop's bundle, write its answer).

The bundle is checked before anything is written: its header must name this office's
keys and a laptop registered here, its signature must be that laptop's, its body must
decrypt, its number must be newer than the last one applied from that laptop, and it must
come from an app whose schema this office knows. Then its changes go through
:func:`apply_batch` exactly as a network upload would, as the account the laptop was
registered to, followed by its resolved conflicts and the download since its checkpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.i18n import _
from desktop.models import User
from desktop.services.framework.actor import Actor
from desktop.storage import Database
from desktop.sync.apply import apply_batch
from desktop.sync.bundle import check_versions, header_for
from desktop.sync.bundle_format import BundleError, open_sealed, read_header, seal
from desktop.sync.bundle_keys import own_keys
from desktop.sync.conflicts import resolve_on_server
from desktop.sync.devices import Device, device, record_bundle_seq, revoked_message
from desktop.sync.download import changes_since
from desktop.sync.scope import Scope
from desktop.sync.wire import ChangeMessage, WireError


@dataclass(frozen=True)
class Imported:
    device_id: str
    username: str
    seq: int
    applied: int
    refused: int
    conflicts: int
    answer: bytes

    def line(self) -> str:
        return _(
            "bundle {seq} of {user} ({device}): {n} changes, {refused} refused, "
            "{conflicts} conflicts"
        ).format(
            seq=self.seq,
            user=self.username,
            device=self.device_id[:8],
            n=self.applied,
            refused=self.refused,
            conflicts=self.conflicts,
        )


def import_bundle(db: Database, data: bytes) -> Imported:
    """Check, apply, and answer one bundle (see the module docstring)."""
    header = read_header(data)
    check_versions(header, _("the laptop"))  # before the keys: the newer format may differ
    office = own_keys(db)
    if header.get("kind") != "changes":
        raise BundleError(_("this is not a laptop's bundle (an answer?)"))
    if header.get("to") != office.public.key_id:
        raise BundleError(_("this bundle is for another office"))
    with db.session() as session:
        known = device(session, str(header.get("device", "")))
    if known is not None and known.revoked:
        raise BundleError(revoked_message())
    if known is None or known.keys is None:
        raise BundleError(
            _(
                "this bundle comes from a laptop this office does not know; "
                "sync it over the network once"
            )
        )
    opened = open_sealed(data, known.keys, office)
    seq = int(opened.header["seq"])
    if seq <= known.last_seq:
        raise BundleError(_("this bundle was already imported (bundle {n})").format(n=seq))
    actor = _owner(db, known)
    if opened.payload.get("username") != actor.username:
        raise BundleError(
            _(
                "this laptop is known to the office as {owner}'s: export as {owner}, or sync "
                "over the network once as {user}"
            ).format(owner=actor.username, user=opened.payload.get("username"))
        )
    messages, seen, resolved = _read_payload(opened.payload)
    held, repair = _read_wishes(opened.payload)
    outcomes = apply_batch(db, actor, known.device_id, messages, seen)
    resolve_on_server(db, actor, resolved)
    download = changes_since(db, actor, seen, known.device_id, held, repair)
    with db.sessions.begin() as session:
        record_bundle_seq(session, known.device_id, seq)
    payload = {
        "outcomes": [outcome.to_dict() for outcome in outcomes],
        "resolved": resolved,
        "download": download.to_dict(),
    }
    answer = seal(header_for("answer", known.device_id, seq), payload, office, known.keys)
    return Imported(
        known.device_id,
        actor.username,
        seq,
        len(outcomes),
        sum(outcome.outcome == "refused" for outcome in outcomes),
        sum(outcome.outcome == "conflict" for outcome in outcomes),
        answer,
    )


def _owner(db: Database, known: Device) -> Actor:
    """The account the laptop was registered to, if it may still sign in."""
    with db.session() as session:
        user = session.scalars(select(User).where(User.username == known.username)).first()
    if user is None or not user.active or user.deleted_at is not None:
        raise BundleError(
            _("the account {name} of this laptop is closed on the office server").format(
                name=known.username
            )
        )
    return Actor(username=user.username, role=user.role)


def _read_payload(payload: dict[str, Any]) -> tuple[list[ChangeMessage], int, list[Any]]:
    try:
        messages = [ChangeMessage.from_dict(item) for item in payload["changes"]]
        seen = max(int(payload["seen"]), 0)
        resolved = list(payload["resolved"])
    except (KeyError, TypeError, ValueError, WireError):
        raise BundleError(_("the bundle's contents are not what a bundle holds")) from None
    return messages, seen, resolved


def _read_wishes(payload: dict[str, Any]) -> tuple[Scope | None, list[str]]:
    """The scope the laptop holds and the kinds it asks whole (a bundle from an app of
    before scopes has neither)."""
    try:
        held = Scope.from_dict(payload["held"]) if payload.get("held") is not None else None
        repair = [str(kind) for kind in payload.get("repair") or []]
    except (TypeError, WireError):
        raise BundleError(_("the bundle's contents are not what a bundle holds")) from None
    return held, repair
