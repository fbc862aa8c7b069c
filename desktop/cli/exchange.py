"""``clcp export``, ``clcp import ...`` and ``clcp xlsform``: data in and out as spreadsheets.

Every command checks its arguments before it reads anything; files are written beside
their destination and renamed into place only when complete, and an import writes all
of a file or nothing of it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.catalogue import help_for
from desktop.cli.report_options import checked_output, iso_date, signed_in_services
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import LANGUAGES, _


def add_exchange_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    shared: argparse.ArgumentParser,
    parser_class: type[argparse.ArgumentParser],
) -> None:
    """Add ``clcp export``, ``clcp import`` and ``clcp xlsform``."""
    _add_export(commands, shared)
    _add_import(commands, shared, parser_class)
    _add_xlsform(commands, shared)


def _add_language(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    parser.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=[] if many else None,
        action="append" if many else "store",
        metavar="L",
        help=_("language of the labels: %(choices)s")
        + (_(" (repeat for more)") if many else _(" (default: the command's language)")),
    )


def _add_export(commands: Any, shared: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export",
        parents=[shared],
        help=help_for("export"),
        description=_(
            "Write every kind of record you may read to a workbook (one sheet each) or to a "
            "folder of CSV files, with HXL hashtags under the headers. The shareable profile "
            "leaves out every personal or sensitive field."
        ),
    )
    export.add_argument("--out", required=True, metavar="FILE.xlsx|DIR", help=_("where to write"))
    export.add_argument("--format", choices=["xlsx", "csv"], help=_("default: from --out"))
    export.add_argument("--profile", choices=["full", "shareable"], default="full")
    _add_language(export)
    export.add_argument("--district", default="", metavar="D", help=_("only district D"))
    export.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE")
    export.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE")
    export.set_defaults(handler=run_export)


def _add_import(commands: Any, shared: argparse.ArgumentParser, parser_class: Any) -> None:
    importing = commands.add_parser(
        "import", parents=[shared], help=help_for("import"), description=help_for("import")
    )
    kinds = importing.add_subparsers(
        dest="import_kind", metavar="KIND", title=_("kinds"), parser_class=parser_class
    )
    kinds.required = True
    workbook = kinds.add_parser(
        "workbook",
        parents=[shared],
        help=_(
            "re-create a full export's records in a new, encrypted database (--db names it; "
            "--user names its administrator, whose new password comes from {env} or is typed "
            "twice)"
        ).format(env="CLCP_NEW_PASSWORD"),
    )
    workbook.add_argument("file", metavar="FILE.xlsx", help=_("a full export"))
    workbook.set_defaults(handler=run_import_workbook)
    submissions = kinds.add_parser(
        "submissions",
        parents=[shared],
        help=_("records from phones: an ODK Central or KoboToolbox export of a form"),
    )
    _add_submission_source(submissions)
    submissions.add_argument(
        "--dry-run", action="store_true", help=_("check every row and show what would be added")
    )
    submissions.set_defaults(handler=run_import_submissions)
    for name, help_text in (
        ("communities", _("the office's existing list of communities")),
        ("stakeholders", _("the office's existing list of stakeholders")),
    ):
        _add_import_list(kinds, shared, name, help_text)


def _add_submission_source(submissions: argparse.ArgumentParser) -> None:
    submissions.add_argument(
        "file", nargs="?", metavar="FILE.csv|.xlsx|.json", help=_("the submissions")
    )
    server = submissions.add_argument_group(_("or pull them from a server"))
    server.add_argument(
        "--from-server",
        metavar="URL",
        help=_("an ODK Central (with --project) or KoboToolbox server (https://...)"),
    )
    server.add_argument("--project", default="", metavar="ID", help=_("ODK Central project"))
    server.add_argument(
        "--form", metavar="ID", help=_("the form's id (Central) or asset uid (KoboToolbox)")
    )
    server.add_argument(
        "--token-file",
        metavar="FILE",
        help=_("a file holding the API token (never given on the command line)"),
    )


def _add_import_list(
    kinds: Any, shared: argparse.ArgumentParser, name: str, help_text: str
) -> None:
    communities = kinds.add_parser(name, parents=[shared], help=help_text)
    communities.add_argument("file", metavar="FILE.csv|.xlsx", help=_("the list"))
    communities.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=field",
        help=_("read field from COLUMN (repeat for more); other columns match by name"),
    )
    twins = communities.add_mutually_exclusive_group()
    twins.add_argument(
        "--skip-duplicates", action="store_true", help=_("leave out likely duplicates")
    )
    twins.add_argument(
        "--add-duplicates", action="store_true", help=_("add likely duplicates all the same")
    )
    communities.add_argument(
        "--dry-run", action="store_true", help=_("check every row and show what would be added")
    )
    communities.set_defaults(handler=run_import_list, list_kind=name)


def _add_xlsform(commands: Any, shared: argparse.ArgumentParser) -> None:
    form = commands.add_parser("xlsform", parents=[shared], help=help_for("xlsform"))
    form.add_argument("form_id", metavar="ID", help=_("meeting, observation or action"))
    form.add_argument("--out", required=True, metavar="FORM.xlsx", help=_("XLSForm to write"))
    _add_language(form, many=True)
    form.set_defaults(handler=run_xlsform)


# --- commands -----------------------------------------------------------------------------


def _export_target(args: argparse.Namespace) -> tuple[Path, str]:
    fmt = args.format or ("xlsx" if args.out.lower().endswith(".xlsx") else "")
    if not fmt:
        raise UsageError(_("say --format xlsx or csv, or name a .xlsx file"))
    if fmt == "xlsx":
        if not args.out.lower().endswith(".xlsx"):
            raise UsageError(_("a workbook's name ends in .xlsx: {out}").format(out=args.out))
        return checked_output(args.out), fmt
    folder = Path(args.out).expanduser()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(_("{path} exists and is not an empty folder").format(path=folder))
    checked_output(str(folder.parent / f"{folder.name}.csv"))  # the folder it goes in
    return folder, fmt


def run_export(args: argparse.Namespace) -> int:
    from desktop.exchange.collect import Selection
    from desktop.exchange.export import export

    out, fmt = _export_target(args)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(_("--from must not be after --to"))
    selection = Selection(args.profile, args.district, args.date_from, args.date_to)
    db, services = signed_in_services(args)
    try:
        summary = export(services, out, fmt=fmt, selection=selection, language=args.lang)
    finally:
        db.close()
    print(
        _("{rows} records in {sheets} sheets written to {path}").format(
            rows=summary.rows, sheets=summary.sheets, path=summary.path
        )
    )
    return EXIT_OK


def run_import_workbook(args: argparse.Namespace) -> int:
    from desktop.cli.signin import NEW_PASSWORD_ENV, secret, username_for
    from desktop.exchange.workbook_import import (
        Administrator,
        check_new_database,
        import_workbook,
    )

    if not args.db:
        raise UsageError(_("name the new database with --db NEW.db"))
    target = Path(args.db).expanduser()
    username = username_for(args).strip().lower()
    check_new_database(target, Administrator(username, ""))
    password = secret(
        NEW_PASSWORD_ENV, _("New password for {user}: ").format(user=username), confirm=True
    )
    summary = import_workbook(
        Path(args.file).expanduser(), target, Administrator(username, password)
    )
    print(
        _("{rows} records from {file} written to {db}, encrypted; {user} signs in").format(
            rows=summary.rows, file=args.file, db=args.db, user=username
        )
    )
    print(_("Recovery key (print it and keep it in the office safe; it is shown only once):"))
    print(f"    {summary.recovery_key}")
    if summary.without_password:
        print(
            _(
                "These accounts have no password yet; give them one with "
                "clcp users passwd NAME or in the accounts window: {names}"
            ).format(names=", ".join(summary.without_password))
        )
    return EXIT_OK


def _server_source(args: argparse.Namespace) -> tuple[Any, str] | None:
    """The server form and its token, when the submissions come from a server."""
    from desktop.exchange.pull import ServerForm, check_url, read_token

    if not args.from_server:
        if args.project or args.form or args.token_file:
            raise UsageError(_("--project, --form and --token-file go with --from-server"))
        if not args.file:
            raise UsageError(_("give a file of submissions, or --from-server URL"))
        return None
    if args.file:
        raise UsageError(_("give a file or --from-server, not both"))
    if not args.form or not args.token_file:
        raise UsageError(_("--from-server needs --form ID and --token-file FILE"))
    check_url(args.from_server)
    token = read_token(Path(args.token_file).expanduser())
    return ServerForm(args.from_server, args.form, args.project), token


def run_import_submissions(args: argparse.Namespace) -> int:
    from desktop.exchange.pull import pull
    from desktop.exchange.submissions import import_sheet, import_submissions

    server = _server_source(args)
    db, services = signed_in_services(args)
    try:
        if server is None:
            path = Path(args.file).expanduser()
            summary = import_submissions(services, path, dry_run=args.dry_run)
        else:
            form, token = server
            sheet = pull(form, token)
            source = form.first_page().partition("?")[0]
            summary = import_sheet(services, sheet, source=source, dry_run=args.dry_run)
    finally:
        db.close()
    print(submission_summary(summary))
    return EXIT_OK


def submission_summary(summary: Any) -> str:
    """What an import of submissions did (or would do), in one line."""
    dry = _(" (dry run: nothing written)") if summary.dry_run else ""
    if not summary.form:
        return _("no submissions yet") + dry
    text = _("{form} form: {new} new records, {old} submissions already imported").format(
        form=summary.form, new=summary.created, old=summary.already
    )
    if summary.updated:
        text += _(", {n} earlier records changed by edits").format(n=summary.updated)
    if summary.rejected:
        text += _(", {n} rejected on the server left out").format(n=summary.rejected)
    return text + dry


def _overrides(pairs: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        column, sign, name = pair.partition("=")
        if not sign or not column.strip() or not name.strip():
            raise UsageError(_("--map takes COLUMN=field, not {pair!r}").format(pair=pair))
        found[column.strip()] = name.strip()
    return found


def run_import_list(args: argparse.Namespace) -> int:
    from desktop.exchange.list_import import KINDS, Duplicates, import_list

    overrides = _overrides(args.map)
    duplicates = (
        Duplicates.SKIP
        if args.skip_duplicates
        else Duplicates.ADD
        if args.add_duplicates
        else Duplicates.REFUSE
    )
    path = Path(args.file).expanduser()
    db, services = signed_in_services(args)
    try:
        summary = import_list(
            services,
            KINDS[args.list_kind],
            path,
            overrides=overrides,
            duplicates=duplicates,
            dry_run=args.dry_run,
        )
    finally:
        db.close()
    print(
        _("{n} {kind} added").format(n=summary.created, kind=args.list_kind)
        + (_(" (dry run: nothing written)") if summary.dry_run else "")
    )
    if summary.skipped:
        print(_("likely duplicates left out: {names}").format(names=", ".join(summary.skipped)))
    if summary.unused_columns:
        print(_("columns not read: {names}").format(names=", ".join(summary.unused_columns)))
    return EXIT_OK


def run_xlsform(args: argparse.Namespace) -> int:
    from desktop.exchange.xlsform import FORMS, write_xlsform

    if args.form_id not in FORMS:
        raise UsageError(
            _("no form {id!r}; choose one of: {ids}").format(id=args.form_id, ids=", ".join(FORMS))
        )
    out = checked_output(args.out)
    if not out.name.lower().endswith(".xlsx"):
        raise UsageError(_("an XLSForm's name ends in .xlsx: {out}").format(out=out))
    db, services = signed_in_services(args)
    try:
        write_xlsform(services, args.form_id, out, languages=args.lang or ["en"])
    finally:
        db.close()
    print(_("form {id} written to {path}").format(id=args.form_id, path=out))
    return EXIT_OK
