"""Where databases live: the per-user data folder, overridable by ``--db`` or ``CLCP_DB``.

In portable mode (a ``portable`` file beside the program, see :mod:`desktop.portable`) the
data folder is the ``data`` folder beside the program instead.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from desktop import APP_AUTHOR, APP_NAME
from desktop.portable import portable_data_dir

DB_ENV_VAR = "CLCP_DB"
DATA_DIR_ENV_VAR = "CLCP_DATA_DIR"


def data_dir() -> Path:
    """The folder for the user's databases and backups.

    ``CLCP_DATA_DIR`` first, then the portable folder beside the program, then the
    platform's per-user data folder.
    """
    override = os.environ.get(DATA_DIR_ENV_VAR)
    if override:
        return Path(override)
    portable = portable_data_dir()
    if portable is not None:
        return portable
    return user_data_path(APP_NAME, APP_AUTHOR)


def default_database_path() -> Path:
    return data_dir() / "clcp.db"


def demo_database_path() -> Path:
    return data_dir() / "demo.db"


def resolve_target(explicit: str | None) -> str:
    """The database to open: ``--db`` first, then ``CLCP_DB``, then the default file."""
    if explicit:
        return explicit
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return from_env
    return str(default_database_path())
