"""The one kind of error a person can act on: bad input, a file that cannot be used, a
write the rules refuse. ``str(error)`` is one sentence, shown as is (after ``clcp:`` on the
command line, in a message box or beside a field in the window).

Storage, the services and the command line each have their own subclasses. This module
imports nothing, so the command line can catch every refusal without loading the
database layer first (``clcp --version`` and ``--help`` stay instant).
"""


class Refusal(Exception):
    """Something was refused for a reason the person can read and act on."""
