"""Opening, migrating and backing up the local database. No Qt here."""

from desktop.storage.database import Database, open_database
from desktop.storage.errors import (
    DatabaseMissingError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
)
from desktop.storage.paths import default_database_path, demo_database_path, resolve_target

__all__ = [
    "Database",
    "DatabaseMissingError",
    "NewerDatabaseError",
    "NotADatabaseError",
    "StorageError",
    "default_database_path",
    "demo_database_path",
    "open_database",
    "resolve_target",
]
