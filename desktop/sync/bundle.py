"""A sync by hand: the laptop's side (export a bundle, import the office's answer).

The bundle holds what a network sync would upload (every change waiting, the conflicts
resolved here, and the checkpoint those changes were made after); the answer holds what
the upload would have returned (one outcome per change) and the download since that
checkpoint. Importing an answer acknowledges the changes and applies the download in
one transaction. When this laptop changed something after the bundle left, the download
is held back (those edits were made without it, and the office must judge them against
what the laptop had seen): the next bundle carries them, and its answer the download.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.i18n import _
from desktop.services.framework import changelog
from desktop.services.framework.actor import Actor
from desktop.storage import Database
from desktop.storage.migrate import head_revision, known_revisions
from desktop.sync.bundle_format import FORMAT_VERSION, BundleError, open_sealed, read_header, seal
from desktop.sync.bundle_keys import office_keys, own_keys
from desktop.sync.laptop import (
    CHECKPOINT_KEY,
    SERVER_KEY,
    Received,
    acknowledge_in,
    meta,
    set_meta,
    waiting_messages,
    write_download,
)
from desktop.sync.repair import REPAIR_KEY
from desktop.sync.resolve import clear_pending_in, pending_resolutions
from desktop.sync.scope import held_scope
from desktop.sync.wire import PROTOCOL_VERSION, Outcome

EXPORTED_KEY = "bundle_seq"  # the number of the last bundle made here
ANSWERED_KEY = "bundle_answered"  # the number of the last bundle whose answer came back
SUFFIX = ".clcpsync"


@dataclass(frozen=True)
class Exported:
    seq: int
    changes: int
    resolutions: int


@dataclass(frozen=True)
class Answered:
    acknowledged: int
    held_back: bool
    download: Received

    @property
    def received(self) -> int:
        return self.download.records

    @property
    def conflicts(self) -> int:
        return self.download.conflicts

    def line(self) -> str:
        text = _("acknowledged {n}, received {r}, conflicts {c}").format(
            n=self.acknowledged, r=self.received, c=self.conflicts
        )
        if self.held_back:
            text += _(" (records held back: changes made after the export; send a new bundle)")
        left = self.download.left.communities
        if len(left) == 1:
            text += _("; 1 community left your assignments ({name})").format(name=left[0])
        elif left:
            text += _("; {n} communities left your assignments ({names})").format(
                n=len(left), names=", ".join(left)
            )
        if self.download.repaired == 1:
            text += _("; repaired 1 record")
        elif self.download.repaired:
            text += _("; repaired {n} records").format(n=self.download.repaired)
        if self.download.differing:
            text += _("; records differ from the office's: the next bundle repairs them")
        return text


def header_for(kind: str, device_id: str, seq: int) -> dict[str, Any]:
    return {
        "kind": kind,
        "protocol": PROTOCOL_VERSION,
        "schema": head_revision(),
        "device": device_id,
        "seq": seq,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def check_versions(header: dict[str, Any], sender: str) -> None:
    """Refuse a bundle made by a newer app (another format or protocol, an unknown schema).
    Read from the header before any key is used; a header changed on the way fails the
    signature later, so trusting it this far only ever leads to a refusal."""
    if (
        header.get("format") != FORMAT_VERSION
        or header.get("protocol") != PROTOCOL_VERSION
        or header.get("schema") not in known_revisions()
    ):
        raise BundleError(
            _("the bundle was made by a newer version of the app ({sender}); update first").format(
                sender=sender
            )
        )


def export_bundle(db: Database, actor: Actor, out: Path) -> Exported:
    """Write everything waiting here to ``out``, sealed for the office."""
    office = office_keys(db)
    if office is None:
        raise BundleError(
            _("this laptop does not know the office's key yet: sync over the network once")
        )
    changes = [message.to_dict() for message in waiting_messages(db)]
    resolved = pending_resolutions(db)
    seq = int(meta(db, EXPORTED_KEY, "0")) + 1
    with db.session() as session:
        held = held_scope(session)
    payload = {
        "seen": int(meta(db, CHECKPOINT_KEY, "0") or 0),
        "username": actor.username,
        "changes": changes,
        "resolved": resolved,
        "held": held.to_dict() if held is not None else None,
        "repair": json.loads(meta(db, REPAIR_KEY, "[]")),
    }
    data = seal(header_for("changes", db.device_id, seq), payload, own_keys(db), office)
    with db.sessions.begin() as session:  # a number used once even if writing fails
        set_meta(session, EXPORTED_KEY, str(seq))
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(data)
    partial.replace(out)
    return Exported(seq, len(changes), len(resolved))


def import_answer(db: Database, actor: Actor, path: Path) -> Answered:
    """Apply the office's answer (see the module docstring); refuses, changing nothing, an
    answer that is changed, cut short, already applied, or not for this laptop."""
    data = path.read_bytes()
    header = read_header(data)
    check_versions(header, _("the office"))  # before the keys: the newer format may differ
    office = office_keys(db)
    if header.get("kind") != "answer" or office is None or header.get("from") != office.key_id:
        raise BundleError(_("this is not an answer from this laptop's office"))
    if header.get("device") != db.device_id:
        raise BundleError(_("this answer is for another laptop"))
    opened = open_sealed(data, office, own_keys(db))
    seq = int(opened.header["seq"])
    if seq <= int(meta(db, ANSWERED_KEY, "0")):
        raise BundleError(_("this answer was already imported (bundle {n})").format(n=seq))
    if seq > int(meta(db, EXPORTED_KEY, "0")):
        raise BundleError(_("this answer is for a bundle this laptop never made"))
    return _apply_answer(db, actor, seq, opened.payload)


def _apply_answer(db: Database, actor: Actor, seq: int, payload: dict[str, Any]) -> Answered:
    try:
        outcomes = [Outcome.from_dict(item) for item in payload["outcomes"]]
        resolved = list(payload["resolved"])
        download = dict(payload["download"])
    except (KeyError, TypeError, ValueError):
        raise BundleError(_("the answer's contents are not what an answer holds")) from None
    server = meta(db, SERVER_KEY) or "usb"
    with db.sessions.begin() as session, changelog.receiving():
        acknowledge_in(session, db.device_id, outcomes)
        clear_pending_in(session, resolved)
        held_back = bool(changelog.waiting(session))
        received = None
        if not held_back:
            received = write_download(db, session, actor, download, server)
            set_meta(session, REPAIR_KEY, json.dumps(list(received.differing)))
        set_meta(session, ANSWERED_KEY, str(seq))
    return Answered(len(outcomes), held_back, received or Received(0, 0))
