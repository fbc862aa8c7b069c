"""``clcp duplicates``: records two laptops added as "the same" community or stakeholder.

The office server raises a possible duplicate instead of merging anything; a manager
lists them, looks at both records side by side, and keeps both or merges one into the
other (``--merge-into`` the record kept). The decision syncs like any other change.
"""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from desktop.cli.catalogue import help_for
from desktop.cli.signin import open_signed_in
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import _
from desktop.labels import label, record_kind
from desktop.services.facade import Services
from desktop.services.usecases.duplicate_review import DuplicateItem, DuplicateSide

SHORT = 8  # characters of an id shown in lists (and enough to name it)


def add_duplicates_commands(
    commands: Any, shared: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]
) -> None:
    duplicates = commands.add_parser(
        "duplicates",
        parents=[shared],
        help=help_for("duplicates"),
        description=_(
            "Communities or stakeholders added twice, kept both until a manager decides."
        ),
    )
    actions = duplicates.add_subparsers(
        dest="duplicate_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    listing = actions.add_parser("list", parents=[shared], help=_("one line a possible duplicate"))
    listing.add_argument("--all", action="store_true", help=_("decided ones too"))
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", parents=[shared], help=_("both records side by side"))
    show.add_argument("id", metavar="ID")
    show.set_defaults(handler=run_show)
    resolve = actions.add_parser("resolve", parents=[shared], help=_("keep both, or merge"))
    resolve.add_argument("id", metavar="ID")
    how = resolve.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep-both", action="store_true", help=_("they are different records"))
    how.add_argument(
        "--merge-into",
        default=None,
        metavar="RECORD_ID",
        help=_("keep this record; what hangs on the other moves to it"),
    )
    resolve.set_defaults(handler=run_resolve)


def _with_services(args: argparse.Namespace, work: Any) -> int:
    db, actor = open_signed_in(args)
    try:
        result: int = work(Services(db, actor))
        return result
    finally:
        db.close()


def list_line(item: DuplicateItem) -> str:
    """One line: the item's short id, the kind, both records and their districts."""
    state = label(item.status).lower()
    return (
        f"{str(item.id)[:SHORT]}  {record_kind(item.kind)}: {item.first.title}"
        f"  /  {item.second.title}  ({state})"
    )


def run_list(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        for item in services.duplicates.items(decided=args.all):
            print(list_line(item))
        return EXIT_OK

    return _with_services(args, work)


def run_show(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        item = services.duplicates.item(services.duplicates.find(args.id))
        print(f"{item.id}  {record_kind(item.kind)}  ({label(item.status).lower()})")
        for title, side in ((_("first"), item.first), (_("second"), item.second)):
            when = side.added_at.date().isoformat() if side.added_at else "?"
            gone = _(" (deleted)") if side.deleted else ""
            print(f"{title}: {side.id}  {side.title}{gone}")
            print(
                "  "
                + _("added by {who} on {when}; holds {what}").format(
                    who=side.added_by or "?", when=when, what=side.holds_words()
                )
            )
        if item.decided_by:
            print(_("decided by {who}").format(who=item.decided_by))
        return EXIT_OK

    return _with_services(args, work)


def chosen_record(item: DuplicateItem, text: str) -> uuid.UUID:
    """The record of ``item`` whose id is ``text`` or starts with it."""
    wanted = text.strip().lower()
    found = [
        side.id for side in (item.first, item.second) if wanted and str(side.id).startswith(wanted)
    ]
    if len(found) != 1:
        raise UsageError(
            _("--merge-into: {id} is neither record of this possible duplicate").format(id=text)
        )
    return found[0]


def run_resolve(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        reviews = services.duplicates
        item = reviews.item(reviews.find(args.id))
        short = str(item.id)[:SHORT]
        if args.keep_both:
            reviews.keep_both(item.id)
            print(_("{id}: kept both (sent at the next sync)").format(id=short))
            return EXIT_OK
        keep = chosen_record(item, args.merge_into)
        moved = reviews.merge_into(item.id, keep)
        what = DuplicateSide(keep, "", "", "", None, moved, False).holds_words()
        print(
            _("{id}: merged into {record}, moved {what} (sent at the next sync)").format(
                id=short, record=str(keep)[:SHORT], what=what
            )
        )
        return EXIT_OK

    return _with_services(args, work)
