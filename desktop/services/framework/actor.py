"""Who is acting: every service call is made on behalf of an actor."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

SYSTEM_ROLE = "system"
"""The role of the app itself (migrations, demo generation): allowed everything."""


@dataclass(frozen=True)
class Actor:
    """The person behind a service call: their account name and role.

    ``role`` is one of admin, manager, facilitator, mentor (``desktop.models.enums.Role``),
    or ``system`` for the app's own work. An actor without a role may do nothing.
    """

    username: str
    role: str | None = None

    @property
    def is_system(self) -> bool:
        return self.role == SYSTEM_ROLE

    @classmethod
    def from_environment(cls, username: str | None = None, *, role: str | None = None) -> Actor:
        """``--user NAME`` if given, else the operating-system login name."""
        if username:
            return cls(username=username, role=role)
        try:
            return cls(username=getpass.getuser(), role=role)
        except (KeyError, OSError):
            return cls(username="unknown", role=role)


SYSTEM = Actor(username="system", role=SYSTEM_ROLE)
