"""What ``clcp demo``, ``clcp info`` and ``clcp communities`` do.

With the arguments they take (``add_general_commands``). Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from desktop.cli.base import local_path, target_for
from desktop.cli.catalogue import help_for
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.demo.accounts import DEMO_PASSWORD
from desktop.i18n import _, format_bytes, format_size
from desktop.labels import label
from desktop.models.enums import PartnershipStatus, PhaseKind
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.queries.community_list import CommunityQuery, list_communities
from desktop.services.queries.info import database_info
from desktop.storage import Database, building, open_database
from desktop.texttable import format_table


def has_communities(db: Database) -> bool:
    return list_communities(db, CommunityQuery(limit=0), actor=SYSTEM).total > 0


def fill_demo(db: Database, *, communities: int, seed: int, actor: Actor) -> str:
    """Write the demo data set; the one-line summary to print."""
    from desktop.demo.generate import generate_demo  # its word lists load only when needed

    try:
        summary = generate_demo(db, communities=communities, seed=seed, actor=actor)
    except ValueError as error:  # the database already holds communities
        where = f"{db.path}: " if db.path is not None else ""
        raise UsageError(f"{where}{error}") from error
    return _("{communities:,} communities, {rows:,} rows in {seconds:.1f} s").format(
        communities=summary.communities, rows=summary.total_rows, seconds=summary.seconds
    )


# --- commands ---------------------------------------------------------------------------


def make_demo(
    target: str,
    *,
    password: str,
    communities: int,
    seed: int,
    actor: Actor,
    first_use: bool = False,
) -> str | None:
    """Write the demo data set; the summary to print (None: ``first_use`` found it made).

    A new file is encrypted, with the demo accounts' passwords, and built beside its name
    (see :mod:`desktop.storage.building`): a run stopped half-way leaves nothing in the
    way of the next. An existing or non-file target is filled as it is (refused if it
    already holds communities)."""
    from desktop.demo.accounts import create_demo_database

    path = local_path(target)
    if path is None or path.exists():
        db = open_database(target)
        try:
            if first_use and has_communities(db):
                return None
            return fill_demo(db, communities=communities, seed=seed, actor=actor)
        finally:
            db.close()
    build = building.start(path)
    try:
        db = create_demo_database(build, password)
        try:
            summary = fill_demo(db, communities=communities, seed=seed, actor=actor)
        finally:
            db.close()
        building.put_in_place(build, path)
    except BaseException:
        building.clear(build)
        raise
    return summary


def run_demo(args: argparse.Namespace) -> int:
    target = target_for(args, default_demo=True)
    actor = Actor.from_environment(args.user)
    summary = make_demo(
        target, password=args.password, communities=args.communities, seed=args.seed, actor=actor
    )
    print(_("Demo data written to {target}: {summary}").format(target=target, summary=summary))
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    from desktop.cli.signin import open_signed_in

    db, _actor = open_signed_in(args, read_only=True)
    try:
        info = database_info(db)
    finally:
        db.close()
    state = _("current") if info.is_current else _("upgraded on open")
    facts = [
        (_("Database"), str(info.path or target_for(args))),
        (_("Schema"), f"{info.schema_revision} ({state})"),
        (_("Size"), f"{format_size(info.file_size)} ({format_bytes(info.file_size)})"),
        (_("Encrypted"), _("yes") if info.encrypted else _("no")),
        (_("Device id"), info.device_id),
        (_("Created with"), f"clcp {info.created_with}" if info.created_with else "-"),
        (_("Audit events"), f"{info.audit_events:,}"),
    ]
    width = max(len(fact) for fact, _value in facts)
    for fact, value in facts:
        print(f"{fact.ljust(width)}  {value}")
    print()
    rows = [[t.table, f"{t.live:,}", f"{t.deleted:,}"] for t in info.tables]
    for line in format_table(
        [_("Records"), _("Live"), _("Deleted")], rows, right_aligned=frozenset({1, 2})
    ):
        print(line)
    return EXIT_OK


def run_communities(args: argparse.Namespace) -> int:
    query = CommunityQuery(
        text=args.search,
        district=args.district,
        partnership_status=args.status,
        phase=args.phase,
        limit=None,
    )
    from desktop.cli.signin import open_signed_in

    db, actor = open_signed_in(args, read_only=True)
    try:
        rows = list_communities(db, query, actor=actor).items
    finally:
        db.close()
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["name", "district", "partnership_status", "current_phase", "facilitator"])
        for row in rows:
            writer.writerow(
                [
                    row.name,
                    row.district,
                    row.partnership_status,
                    row.current_phase or "",
                    row.facilitator or "",
                ]
            )
        return EXIT_OK
    table = [
        [
            row.name,
            row.district or "-",
            label(row.partnership_status),
            label(row.current_phase),
            row.facilitator or "-",
        ]
        for row in rows
    ]
    headers = [_("Name"), _("District"), _("Partnership"), _("Current phase"), _("Facilitator")]
    for line in format_table(headers, table):
        print(line)
    if not rows:
        print(_("no communities match"), file=sys.stderr)
    return EXIT_OK


DEFAULT_DEMO_COMMUNITIES = 150
MAX_DEMO_COMMUNITIES = 100_000


def _community_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_DEMO_COMMUNITIES:
        raise argparse.ArgumentTypeError(
            _("must be a whole number from 1 to {max}, not {text!r}").format(
                max=MAX_DEMO_COMMUNITIES, text=text
            )
        )
    return value


def add_general_commands(
    commands: Any,  # argparse's sub-parser action
    shared: argparse.ArgumentParser,
    parser_class: type[argparse.ArgumentParser],
) -> None:
    """``clcp demo``, ``clcp info`` and ``clcp communities``."""
    _add_demo(commands, shared)
    info = commands.add_parser(
        "info",
        parents=[shared],
        help=help_for("info"),
        description=_("Show facts about a database. Never creates or changes one."),
    )
    info.set_defaults(handler=run_info)
    _add_communities(commands, shared)


def _add_demo(commands: Any, shared: argparse.ArgumentParser) -> None:
    demo = commands.add_parser(
        "demo",
        parents=[shared],
        help=help_for("demo"),
        description=_(
            "Write a made-up data set for training and trying the app. PATH defaults to "
            "the demo database (the one clcp --demo opens). Refuses a database that "
            "already holds communities."
        ),
    )
    demo.add_argument(
        "--communities",
        type=_community_count,
        default=DEFAULT_DEMO_COMMUNITIES,
        metavar="N",
        help=_("how many communities, 1 to {max} (default {default})").format(
            max=MAX_DEMO_COMMUNITIES, default=DEFAULT_DEMO_COMMUNITIES
        ),
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (default 1)"))
    demo.add_argument(
        "--password",
        default=DEMO_PASSWORD,
        metavar="P",
        help=_(
            "password of the demo accounts admin, manager, facilitator and mentor "
            "(default {default!r})"
        ).format(default=DEMO_PASSWORD),
    )
    demo.set_defaults(handler=run_demo)


def _add_communities(commands: Any, shared: argparse.ArgumentParser) -> None:
    communities = commands.add_parser(
        "communities",
        parents=[shared],
        help=help_for("communities"),
        description=_("List communities. Never creates or changes a database."),
    )
    communities.add_argument("--district", default="", metavar="D", help=_("only district D"))
    communities.add_argument(
        "--status",
        default="",
        choices=[status.value for status in PartnershipStatus],
        metavar="S",
        help=_("only this partnership status: %(choices)s"),
    )
    communities.add_argument(
        "--phase",
        default="",
        choices=[phase.value for phase in PhaseKind],
        metavar="P",
        help=_("only communities now in this phase: %(choices)s"),
    )
    communities.add_argument(
        "--search", default="", metavar="TEXT", help=_("names or places containing TEXT")
    )
    communities.add_argument(
        "--format", choices=["table", "csv"], default="table", help=_("output format")
    )
    communities.set_defaults(handler=run_communities)
