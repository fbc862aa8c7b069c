"""The one way to open a database: ``open_database(path_or_url, key=...)``.

Opening checks the file first (read-only), then connects with the pragmas the
app relies on, backs the file up if a migration is due, migrates, and makes
sure the file knows which device it lives on.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop import __version__
from desktop.i18n import _
from desktop.models import AppMeta
from desktop.storage.backup import backup_file
from desktop.storage.connect import (
    BEGIN_MODE_OPTION,
    apply_key,
    apply_pragmas,
    checkpoint,
    dbapi_module,
)
from desktop.storage.damage import damaged, find_damage
from desktop.storage.errors import (
    DatabaseMissingError,
    StorageError,
    disk_full,
    disk_full_message,
    one_line_reason,
)
from desktop.storage.inspect import inspect_file
from desktop.storage.keyfile import has_key_file
from desktop.storage.migrate import current_revision, head_revision, upgrade
from desktop.storage.paths import resolve_target
from desktop.storage.seal import KeyRing, SealProblem, read_state, verify

__all__ = ["AUDIT_HEAD_INFO", "BEGIN_MODE_OPTION", "Database", "open_database"]

AUDIT_HEAD_INFO = "clcp_audit_head"
"""``session.info`` key set by the audit trail when a transaction adds events (the seal
itself follows whatever the trail ends with at commit, see :mod:`desktop.storage.seal`)."""


@dataclass
class Database:
    """An open database: its engine, session factories, and facts about the file.

    ``sessions`` is for writing (``with db.sessions.begin() as session:``);
    ``session()`` is for reading.
    """

    engine: Engine
    path: Path | None
    device_id: str
    sessions: sessionmaker[Session]
    readers: sessionmaker[Session]
    migration_backup: Path | None = None
    encrypted: bool = False
    meta: dict[str, str] = field(default_factory=dict)
    keyring: KeyRing | None = None
    seal_problem: str | None = None
    """Set when opened for ``clcp check`` despite a key file that does not match; every
    write is then refused."""

    def session(self) -> Session:
        """A session for reading: its transaction takes no write lock."""
        return self.readers()

    def file_size(self) -> int:
        """Bytes on disk, the WAL included."""
        if self.path is None:
            return 0
        total = 0
        for suffix in ("", "-wal"):
            candidate = Path(str(self.path) + suffix)
            if candidate.exists():
                total += candidate.stat().st_size
        return total

    def checkpoint(self) -> bool:
        """Fold the WAL into the main file; False if another connection kept it busy."""
        return _checkpoint(self.engine)

    def close(self) -> None:
        """Let SQLite refresh its query-planner statistics, then release the file.

        The refresh is a courtesy: on a damaged file it can fail in any way (even
        MemoryError), and that must not hide the problem the caller is reporting."""
        try:
            connection = self.engine.raw_connection()
            try:
                connection.dbapi_connection.execute("PRAGMA optimize")  # type: ignore[union-attr]
            finally:
                connection.close()
        except (Exception, MemoryError):
            pass
        self.engine.dispose()


def _split_target(target: str | Path | None) -> tuple[URL, Path | None]:
    text = resolve_target(str(target) if target is not None else None)
    if "://" in text:
        url = make_url(text)
        if url.get_backend_name() != "sqlite":
            raise StorageError(
                _(
                    "{url} is not a laptop database: the app works on a file that syncs with the "
                    "office server"
                ).format(url=url.render_as_string())
            )
        database = url.database or ""
        return url, (Path(database).expanduser() if database not in ("", ":memory:") else None)
    path = Path(text).expanduser()
    return URL.create("sqlite", database=str(path)), path


def _make_engine(url: URL, key: bytes | None) -> Engine:
    engine = create_engine(url, module=dbapi_module(key))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        apply_key(dbapi_connection, key)
        # Let SQLAlchemy, not the driver, decide when transactions begin, so DDL
        # (migrations) and SAVEPOINTs are transactional too.
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection)
        if key is not None:  # sorts and temporary tables stay in memory, never in clear on disk
            dbapi_connection.execute("PRAGMA temp_store = MEMORY")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the write lock up front (a deferred transaction that later
        # writes can fail with "database is locked" despite the busy timeout);
        # readers begin deferred and never block a writer.
        mode = connection.get_execution_options().get(BEGIN_MODE_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def open_database(
    target: str | Path | None = None,
    *,
    key: bytes | None = None,
    create: bool = True,
    checking: bool = False,
) -> Database:
    """Open (and if needed create or upgrade) the database at a path or SQLAlchemy URL.

    ``target`` None means ``CLCP_DB`` or the default file in the user data folder.
    ``key`` is the 32-byte SQLCipher master key, or None for an unencrypted file.
    Raises a :class:`StorageError` with a one-line message when the file cannot be used;
    in that case the file has not been modified. An encrypted file whose key file does not
    match it (see :mod:`desktop.storage.seal`) is refused, unless ``checking`` (for
    ``clcp check``, which reports it): it then opens with every write refused.
    """
    url, path = _split_target(target)
    revision_before = _revision_before(path, key, create=create)
    engine = _make_engine(url, key)
    head = head_revision()
    keyring = (
        KeyRing(path, key, engine) if key is not None and path and has_key_file(path) else None
    )
    try:
        seal_problem = (
            _seal_problem(engine, keyring, checking=checking) if keyring is not None else None
        )
        backup = _backup_before_migrating(engine, path, revision_before, head)
        _migrate(engine, head)
        sessions = sessionmaker(
            engine.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"}), expire_on_commit=False
        )
        readers = sessionmaker(engine, expire_on_commit=False)
        if keyring is not None:
            for factory in (sessions, readers):
                _seal_on_commit(factory, keyring, seal_problem)
        meta = _ensure_meta(sessions, readers)
    except StorageError:
        engine.dispose()
        raise
    except Exception as error:  # MemoryError too: a damaged encrypted page can end so
        engine.dispose()
        raise _opening_failed(error, path, url, key) from error
    return Database(
        engine=engine,
        path=path,
        device_id=meta["device_id"],
        sessions=sessions,
        readers=readers,
        migration_backup=backup,
        encrypted=key is not None,
        meta=meta,
        keyring=keyring,
        seal_problem=seal_problem,
    )


def _revision_before(path: Path | None, key: bytes | None, *, create: bool) -> str | None:
    """The revision of the file as found (None for a new file, made ready to be created);
    a file that cannot be used is refused here, before anything touches it."""
    if path is None:
        return None
    if path.exists():
        return inspect_file(path, key).revision
    if not create:
        raise DatabaseMissingError(_("no database at {path}").format(path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            _("cannot create {path}: {reason}").format(path=path, reason=error.strerror)
        ) from error
    return None


def _backup_before_migrating(
    engine: Engine, path: Path | None, revision_before: str | None, head: str
) -> Path | None:
    """A copy of an older file, made before its migration (None when none is due)."""
    if path is None or revision_before is None or revision_before == head:
        return None
    if not _checkpoint(engine):
        raise StorageError(
            _("{path} is in use by another program; close it there and try again").format(path=path)
        )
    return backup_file(path, f"before-{head}")


def _opening_failed(
    error: BaseException, path: Path | None, url: object, key: bytes | None
) -> StorageError:
    """The one-line refusal for a file that failed to open: its damage when it is damaged,
    the full disk when that is what stopped it (a migration or a new file writes)."""
    if disk_full(error):
        return StorageError(disk_full_message(path or url))
    problem = find_damage(path, key) if path is not None else None
    if path is not None and problem is not None:
        return damaged(path, problem)
    return StorageError(
        _("cannot open {target}: {reason}").format(
            target=path or url, reason=one_line_reason(error)
        )
    )


def _seal_problem(engine: Engine, keyring: KeyRing, *, checking: bool) -> str | None:
    """Refuse (or, when checking, note) a key file that does not match the database."""
    try:
        with engine.connect() as connection:
            verify(keyring.data(), keyring.master_key, read_state(connection))
    except SealProblem as problem:
        if not checking:
            raise SealProblem(
                _("{problem}; nothing was changed - run clcp check, or restore a backup").format(
                    problem=problem
                )
            ) from None
        return str(problem)
    return None


def _seal_on_commit(sessions: sessionmaker[Session], keyring: KeyRing, problem: str | None) -> None:
    @event.listens_for(sessions, "before_commit")
    def _before_commit(session: Session) -> None:
        session.info.pop(AUDIT_HEAD_INFO, None)
        if problem is not None:
            raise SealProblem(_("{problem}; nothing was changed").format(problem=problem))
        keyring.seal(session.connection())

    @event.listens_for(sessions, "after_rollback")
    def _after_rollback(session: Session) -> None:
        session.info.pop(AUDIT_HEAD_INFO, None)


def _checkpoint(engine: Engine) -> bool:
    connection = engine.raw_connection()
    try:
        return checkpoint(connection.dbapi_connection)
    finally:
        connection.close()


def _migrate(engine: Engine, head: str) -> None:
    """Upgrade to ``head`` in one transaction, with foreign keys off while tables are rebuilt.

    SQLite batch migrations copy a table, drop the original and rename the copy;
    with ``foreign_keys=ON`` dropping a table other rows point at fails (and the
    pragma cannot change inside a transaction). Links are checked before commit.
    """
    with engine.connect() as connection:
        if current_revision(connection) == head:
            return
        connection.rollback()
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                upgrade(connection)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StorageError(
                        _("the upgrade would break {count} links between records").format(
                            count=len(broken)
                        )
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
        _give_back_freed_space(raw)


def _give_back_freed_space(raw: Any) -> None:
    """An upgrade that rebuilt tables (0010 made every id 16 bytes) leaves the old copies'
    pages free inside the file; when they are over a quarter of it, VACUUM writes the file
    again without them, so an upgraded file is as small as a new one."""
    free = int(raw.execute("PRAGMA freelist_count").fetchone()[0])
    pages = int(raw.execute("PRAGMA page_count").fetchone()[0])
    if pages and free * 4 > pages:
        raw.execute("VACUUM")


def _ensure_meta(sessions: sessionmaker[Session], readers: sessionmaker[Session]) -> dict[str, str]:
    """Give the file a device id and remember which app version created it (a file that
    has both is only read: opening it writes nothing)."""
    with readers() as session:
        meta = {row.key: row.value for row in session.scalars(select(AppMeta))}
    wanted = {"device_id": str(uuid.uuid4()), "created_with": __version__}
    missing = {key: value for key, value in wanted.items() if key not in meta}
    if missing:
        with sessions.begin() as session:
            for key, value in missing.items():
                session.add(AppMeta(key=key, value=value))
        meta.update(missing)
    return meta
