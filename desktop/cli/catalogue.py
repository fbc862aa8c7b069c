"""Every ``clcp`` command by name: its one-line help and the module that defines it.

``clcp --help`` and ``clcp --version`` are answered from this table alone; only the
module of the command being run is imported (with the database layer, the reports or Qt
it needs), so a command starts no slower than its own work requires.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.i18n import _


@dataclass(frozen=True)
class CommandGroup:
    """Commands defined together: ``adder`` ("module:function") adds all of them."""

    adder: str
    helps: dict[str, str]


def groups() -> list[CommandGroup]:
    """The command groups in the order ``clcp --help`` lists them (help text translated)."""
    return [
        CommandGroup(
            "desktop.cli.commands:add_general_commands",
            {
                "demo": _("write a made-up demo data set"),
                "info": _("show schema version, record counts and file size"),
                "communities": _("list communities"),
            },
        ),
        CommandGroup(
            "desktop.cli.report:add_report_commands",
            {"report": _("print templates and reports to PDF")},
        ),
        CommandGroup(
            "desktop.cli.exchange:add_exchange_commands",
            {
                "export": _("write records to a workbook or CSV files, tagged with HXL"),
                "import": _(
                    "bring records in: a full export, phone submissions, a list of communities"
                ),
                "xlsform": _("write a form for phones (ODK Collect, KoboCollect)"),
            },
        ),
        CommandGroup(
            "desktop.cli.signin:add_security_commands",
            {
                "users": _("list and manage accounts"),
                "check": _("verify the file, its links and the audit trail"),
            },
        ),
        CommandGroup(
            "desktop.cli.encrypt:add_encrypt_command",
            {"encrypt": _("encrypt a database made without encryption")},
        ),
        CommandGroup(
            "desktop.cli.backup:add_backup_commands",
            {
                "backup": _("write the database and its key file as one checked archive"),
                "restore": _("put a backup archive back, checked"),
            },
        ),
        *_office_groups(),
        CommandGroup(
            "desktop.cli.screenshots:add_screenshots_command",
            {"screenshots": _("save a picture of every screen, filled with the database's data")},
        ),
    ]


def _office_groups() -> list[CommandGroup]:
    """The office server and the laptops that sync with it."""
    return [
        CommandGroup(
            "desktop.cli.server:add_server_commands",
            {
                "server": _(
                    "the office server: make its database, run it, set passwords, list and revoke "
                    "laptops, import bundles"
                )
            },
        ),
        CommandGroup(
            "desktop.cli.sync:add_sync_commands",
            {
                "join": _("make this laptop's database from the office server"),
                "sync": _("send this laptop's changes and receive the office's"),
                "conflicts": _("list, show or resolve sync conflicts"),
            },
        ),
        CommandGroup(
            "desktop.cli.duplicates:add_duplicates_commands",
            {"duplicates": _("list, show or decide possible duplicates (keep both or merge)")},
        ),
        CommandGroup(
            "desktop.cli.bundle:add_bundle_commands",
            {"bundle": _("sync by USB stick: export a bundle, import the office's answer")},
        ),
    ]


def help_for(command: str) -> str:
    """The one-line help of ``command`` (the same words in ``clcp --help`` and below it)."""
    for group in groups():
        if command in group.helps:
            return group.helps[command]
    raise KeyError(command)
