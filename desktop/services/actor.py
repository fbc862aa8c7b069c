"""Who is acting: every service call is made on behalf of an actor."""

from __future__ import annotations

import getpass
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The person behind a service call (``role`` is None until accounts exist)."""

    username: str
    role: str | None = None

    @classmethod
    def from_environment(cls, username: str | None = None) -> Actor:
        """``--user NAME`` if given, else the operating-system login name."""
        if username:
            return cls(username=username)
        try:
            return cls(username=getpass.getuser())
        except (KeyError, OSError):
            return cls(username="unknown")


SYSTEM = Actor(username="system")
