"""``clcp bundle export|import`` (a laptop) and ``clcp server import`` (the office): a sync
carried on a USB stick when there is no network.

A laptop can make bundles once it has signed in to the office over the network (at
``clcp join`` or ``clcp sync``): that is when each side learns the other's public keys.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.catalogue import help_for
from desktop.cli.signin import open_signed_in
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import _


def add_bundle_commands(
    commands: Any, shared: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]
) -> None:
    bundle = commands.add_parser(
        "bundle",
        parents=[shared],
        help=help_for("bundle"),
        description=_("Sync by USB stick: export what is waiting, import the office's answer."),
    )
    actions = bundle.add_subparsers(
        dest="bundle_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    export = actions.add_parser("export", parents=[shared], help=_("write a bundle for the office"))
    export.add_argument("--out", required=True, metavar="F.clcpsync", help=_("the file to write"))
    export.set_defaults(handler=run_bundle_export)
    answer = actions.add_parser("import", parents=[shared], help=_("apply the office's answer"))
    answer.add_argument("file", metavar="ANSWER.clcpsync")
    answer.set_defaults(handler=run_bundle_import)


def add_server_import(actions: Any, url: dict[str, Any]) -> None:
    """``clcp server import`` (declared with the other server actions)."""
    command = actions.add_parser("import", help=_("apply a laptop's bundle, write its answer"))
    command.add_argument("--db", **url)
    command.add_argument("file", metavar="F.clcpsync")
    command.add_argument(
        "--out",
        default="",
        metavar="ANSWER.clcpsync",
        help=_("the answer to take back (default: beside the bundle, ending .answer.clcpsync)"),
    )
    command.set_defaults(handler=run_server_import)


def _existing(text: str) -> Path:
    path = Path(text).expanduser()
    if not path.is_file():
        raise UsageError(_("no file at {path}").format(path=path))
    return path


def run_bundle_export(args: argparse.Namespace) -> int:
    from desktop.sync.bundle import export_bundle

    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise UsageError(_("no folder {path}").format(path=out.parent))
    db, actor = open_signed_in(args)
    try:
        done = export_bundle(db, actor, out)
    finally:
        db.close()
    print(
        _("bundle {seq}: {n} changes, {r} resolved conflicts in {path}").format(
            seq=done.seq, n=done.changes, r=done.resolutions, path=out
        )
    )
    return EXIT_OK


def run_bundle_import(args: argparse.Namespace) -> int:
    from desktop.sync.bundle import import_answer

    path = _existing(args.file)
    db, actor = open_signed_in(args)
    try:
        answered = import_answer(db, actor, path)
    finally:
        db.close()
    print(answered.line())
    return EXIT_OK


def run_server_import(args: argparse.Namespace) -> int:
    from desktop.storage.server_database import open_server_database
    from desktop.sync.bundle_office import import_bundle

    path = _existing(args.file)
    out = Path(args.out).expanduser() if args.out else path.with_name(_answer_name(path))
    if not out.parent.is_dir():
        raise UsageError(_("no folder {path}").format(path=out.parent))
    db = open_server_database(args.db, create=False)
    try:
        imported = import_bundle(db, path.read_bytes())
    finally:
        db.close()
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(imported.answer)
    partial.replace(out)
    print(imported.line())
    print(_("answer written to {path}").format(path=out))
    return EXIT_OK


def _answer_name(path: Path) -> str:
    stem = path.name.removesuffix(".clcpsync")
    return f"{stem}.answer.clcpsync"
