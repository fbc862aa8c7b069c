"""The demo database is encrypted like a real one, with one account per role."""

from __future__ import annotations

from pathlib import Path

from desktop.storage import Database, open_database
from desktop.storage import keyfile as kf
from desktop.storage.keyslots import new_master_key

DEMO_ACCOUNTS = ("admin", "manager", "facilitator", "mentor")
"""The accounts that sign in with the demo password (see names.USERS for who they are)."""

DEMO_PASSWORD = "demo"


def create_demo_database(path: Path, password: str = DEMO_PASSWORD) -> Database:
    """A new, empty encrypted database whose demo accounts open it with ``password``."""
    master_key = new_master_key()
    kf.create(path, master_key, None, dict.fromkeys(DEMO_ACCOUNTS, password))
    return open_database(path, key=master_key)
