"""The ``clcp`` command line: ``entry.py`` parses the arguments and starts the window or a
command; ``base.py`` holds what every command shares; the commands are grouped by what
they are about (``commands.py``: demo, info, communities; ``signin.py``: accounts and
checks; ``report.py``: printing; ``encrypt.py``: encrypting an older file)."""

from desktop.cli.entry import main

__all__ = ["main"]
