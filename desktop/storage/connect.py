"""Low-level connections: the DB-API module, the encryption key and per-connection pragmas.

SQLCipher is used whenever a key is given; the key is the first statement on
every connection. Without a key the standard library's sqlite3 is used.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

CACHE_KIB = 16 * 1024
BEGIN_MODE_OPTION = "clcp_begin_mode"
"""Execution option: how a transaction begins (writers: IMMEDIATE, readers: DEFERRED)."""
BUSY_TIMEOUT_MS = 5000


def dbapi_module(key: bytes | None) -> ModuleType:
    if key is None:
        return sqlite3
    import sqlcipher3.dbapi2 as sqlcipher

    return sqlcipher


def apply_key(dbapi_connection: Any, key: bytes | None) -> None:
    """Key a fresh connection (must run before anything else touches the file)."""
    if key is None:
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cipher_log_level = NONE")
    cursor.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    cursor.close()


def apply_pragmas(dbapi_connection: Any) -> None:
    """WAL journal, enforced foreign keys and a busy timeout on every connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous = NORMAL")
    # 16 MB of page cache per connection (the default is 2 MB): an encrypted page is
    # decrypted each time it is read into the cache, so a list that fits stays fast.
    cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cursor.close()


def checkpoint(dbapi_connection: Any) -> bool:
    """Fold the WAL into the main file and empty it; False if another connection prevented it.

    Runs on the driver connection because it must be outside any transaction
    (through SQLAlchemy it would land inside the ``BEGIN IMMEDIATE`` it starts).
    """
    cursor = dbapi_connection.cursor()
    try:
        row = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        cursor.close()
    busy = row[0] if row else 0
    return not busy


def open_readonly(path: Path, key: bytes | None) -> Any:
    """A raw read-only connection for inspecting a file without changing a byte of it."""
    module = dbapi_module(key)
    uri = path.resolve().as_uri() + "?mode=ro"
    connection = module.connect(uri, uri=True)
    apply_key(connection, key)
    return connection
