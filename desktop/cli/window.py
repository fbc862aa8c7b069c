"""``clcp`` with no command: open the window on the chosen database (the demo one, a new
file's setup wizard, the sign-in dialog, or the offer to encrypt a plain file)."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import threading

from desktop.cli.base import is_office_url, local_path, settle_database_file, target_for
from desktop.cli.commands import DEFAULT_DEMO_COMMUNITIES, make_demo
from desktop.cli.signin import open_signed_in
from desktop.cli.usage import UsageError
from desktop.demo.accounts import DEMO_PASSWORD
from desktop.i18n import _
from desktop.refusal import Refusal
from desktop.services.framework.actor import Actor
from desktop.storage.encrypt import is_plain_database
from desktop.storage.keyfile import has_key_file


def run_gui(args: argparse.Namespace) -> int:
    """Open the window on the chosen database: the demo one (made on first use, signed in
    as the facilitator) with --demo; the setup wizard for a new file; the sign-in dialog
    for an encrypted one. A refusal is also shown in a message box when nobody reads the
    error output (the windowed program started from a shortcut)."""
    try:
        return _open_window(args)
    except Refusal as error:
        if _no_console():
            from desktop import gui

            gui.show_refusal(" ".join(str(error).split()))
        raise


def _no_console() -> bool:
    """Whether error output goes nowhere (a windowed program has none, or the null device)."""
    stream = sys.stderr
    return stream is None or getattr(stream, "name", None) == os.devnull


def _open_window(args: argparse.Namespace) -> int:
    target = target_for(args)
    if is_office_url(target):  # the window writes only through a laptop's change log
        raise UsageError(_("the app opens a laptop database; make one with clcp join --server URL"))
    path = local_path(target)
    settle_database_file(path)
    if args.demo:
        _make_demo_on_first_use(target)
    elif path is not None and (not path.exists() or path.stat().st_size == 0):
        from desktop import gui

        return gui.run_first_time(path)
    elif path is not None and has_key_file(path):
        from desktop import gui

        return gui.run_sign_in(path, username=args.user or "")
    elif path is not None and is_plain_database(path):
        from desktop import gui

        gui.application()
        from desktop.views.auth.encrypt_wizard import offer_encryption

        encrypted = offer_encryption(path, args.user or "")
        if encrypted is not None:
            try:
                return gui.run(encrypted.db, actor=encrypted.actor)
            finally:
                encrypted.db.close()
    loading = _start_loading_the_window()
    try:
        db, actor = open_signed_in(args)
    finally:
        loading.join()
    from desktop import gui  # PySide6 is loaded only from here on

    try:
        return gui.run(db, actor=actor, demo=bool(args.demo))
    finally:
        db.close()


def _load_the_window() -> None:
    with contextlib.suppress(Exception):  # the main thread imports it again and says why
        importlib.import_module("desktop.gui")


def _start_loading_the_window() -> threading.Thread:
    """Import Qt and the screens in a thread while the password is checked (the key's
    derivation leaves the interpreter free) and the database opened."""
    thread = threading.Thread(target=_load_the_window, name="load-window", daemon=True)
    thread.start()
    return thread


def _make_demo_on_first_use(target: str) -> None:
    path = local_path(target)
    if path is not None and path.exists():
        return
    note = _("clcp: making the demo database at {target} (first use)...")
    print(note.format(target=target), file=sys.stderr)
    make_demo(
        target,
        password=DEMO_PASSWORD,
        communities=DEFAULT_DEMO_COMMUNITIES,
        seed=1,
        actor=Actor("demo"),
        first_use=True,
    )
