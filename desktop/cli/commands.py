"""What ``clcp demo``, ``clcp info`` and ``clcp communities`` do.

Kept apart from the argument parsing in ``main.py``. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import csv
import sys

from desktop.cli.base import EXIT_OK, UsageError, local_path, target_for
from desktop.i18n import _
from desktop.labels import label
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.queries.community_list import CommunityQuery, list_communities
from desktop.services.queries.info import database_info
from desktop.storage import Database, building, open_database
from desktop.texttable import format_table


def has_communities(db: Database) -> bool:
    return list_communities(db, CommunityQuery(limit=0), actor=SYSTEM).total > 0


def fill_demo(db: Database, *, communities: int, seed: int, actor: Actor) -> str:
    """Write the demo data set; the one-line summary to print."""
    from desktop.demo import generate_demo  # its word lists load only when needed

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


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


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
        (_("Size"), f"{human_size(info.file_size)} ({info.file_size:,} bytes)"),
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
