"""What every part of the crash bench uses: a private environment, ``clcp`` run in this
process or in a new one, a child process killed at a chosen moment, and the look at a
folder afterwards (its files, their hashes, what a stopped run left behind)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.cli import entry as cli
from desktop.storage import keyfile as kf
from desktop.storage import keyslots

PASSWORD = "crash bench"
ADMIN = "admin"

#: Names a stopped run may leave: temporary key files, a database being built, encrypted
#: or imported, a backup's work folder, a half-written archive or export.
LEFTOVER_MARKS = (".tmp", ".building", ".encrypting", ".part", ".clcp-backup-")


@contextlib.contextmanager
def private_environment(folder: Path) -> Iterator[None]:
    """Keep every file of the run in ``folder``, sign in as the bench's administrator by
    default, and make key derivation and server password hashes cheap (each slot and hash
    records its own cost, so opening one is the same code path, as in the tests); all as
    it was afterwards."""
    from argon2 import PasswordHasher

    from desktop.sync import accounts

    saved = (keyslots.DEFAULT_KDF, accounts._hasher)
    keyslots.DEFAULT_KDF = keyslots.KdfParams(1, 64, 1)
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    values = {
        "CLCP_DATA_DIR": str(folder / "data"),
        "CLCP_USER": ADMIN,
        "CLCP_PASSWORD": PASSWORD,
        "CLCP_NEW_PASSWORD": PASSWORD,  # an imported workbook's new database
    }
    database = os.environ.pop("CLCP_DB", None)
    try:
        with environment(values):
            yield
    finally:
        keyslots.DEFAULT_KDF, accounts._hasher = saved
        if database is not None:
            os.environ["CLCP_DB"] = database


@dataclass(frozen=True)
class Ran:
    """What one ``clcp`` run ended with."""

    status: int
    out: str
    err: str

    @property
    def clean(self) -> bool:
        """Success, or a refusal in exactly one ``clcp: ...`` line (never a traceback)."""
        if "Traceback" in self.err or "unexpected error" in self.err:
            return False
        if self.status == 0:
            return True
        lines = self.err.splitlines()
        return self.status in (1, 2) and len(lines) == 1 and lines[0].startswith("clcp: ")

    def line(self) -> str:
        return " | ".join(self.err.splitlines())[:300] or self.out.strip()[:300]


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def clcp(*argv: str, env: dict[str, str] | None = None) -> Ran:
    """``clcp ARGV`` in this process (the command line's own ``main``), output captured."""
    out, err = io.StringIO(), io.StringIO()
    with environment(env or {}), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(argv))
    return Ran(status, out.getvalue(), err.getvalue())


def clcp_process(*argv: str, env: dict[str, str] | None = None) -> Ran:
    """``clcp ARGV`` in a new Python process: its real exit status and error output."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli.entry", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=300,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


@dataclass(frozen=True)
class Ended:
    """How a child process ended: killed (SIGKILL) or finished with ``status``; ``log``
    is what it wrote to its standard output and error."""

    killed: bool
    status: int
    log: str

    @property
    def traceback(self) -> bool:
        return "Traceback" in self.log


def start(work: Callable[[], int], log: Path) -> int:
    """Fork a child that runs ``work`` (its output into ``log``) and exits with its status."""
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child:
        return child
    status = 70
    try:
        descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(descriptor, 1)
        os.dup2(descriptor, 2)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        status = work()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(status)


def stop(child: int, log: Path, *, kill: bool) -> Ended:
    """SIGKILL the child (unless ``kill`` is False or it has finished) and reap it."""
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
    _pid, status = os.waitpid(child, 0)
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    if os.WIFSIGNALED(status):
        return Ended(True, -os.WTERMSIG(status), text)
    return Ended(False, os.WEXITSTATUS(status), text)


def run_and_kill(work: Callable[[], int], delay: float, log: Path) -> Ended:
    """Run ``work`` in a child process and kill it ``delay`` seconds in (if still running)."""
    child = start(work, log)
    time.sleep(delay)
    return stop(child, log, kill=True)


def timed(work: Callable[[], int], log: Path) -> tuple[Ended, float]:
    """Run ``work`` in a child to its end: how it ended and how long it took."""
    started = time.perf_counter()
    child = start(work, log)
    ended = stop(child, log, kill=False)
    return ended, time.perf_counter() - started


def cli_work(*argv: str, env: dict[str, str] | None = None) -> Callable[[], int]:
    """What a child runs for ``clcp ARGV`` (its environment set in the child only)."""

    def work() -> int:
        os.environ.update(env or {})
        return cli.main(list(argv))

    return work


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<folder>"


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its SHA-256 (lock files left out: only the lock on
    them, never their content, changes)."""
    return {
        str(found.relative_to(folder)): digest(found)
        for found in sorted(folder.rglob("*"))
        if not found.name.endswith(kf.LOCK_SUFFIX)
    }


def leftovers(folder: Path) -> list[str]:
    """What a stopped run left in ``folder`` (see :data:`LEFTOVER_MARKS`)."""
    return sorted(
        str(found.relative_to(folder))
        for found in folder.rglob("*")
        if any(mark in found.name for mark in LEFTOVER_MARKS)
    )


def master_key(path: Path, username: str = ADMIN, password: str = PASSWORD) -> bytes:
    key, _slot = kf.unlock(kf.load(path), username, password)
    return key


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a closed database and its key file (the folder made if needed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", kf.SUFFIX):
        origin = Path(f"{source}{suffix}")
        if origin.exists():
            Path(f"{target}{suffix}").write_bytes(origin.read_bytes())
    return target


def remove_database(path: Path) -> None:
    """A database, its journal, key file and whatever a stopped run left beside it."""
    for found in path.parent.glob(f"{path.name}*"):
        if found.is_file():
            found.unlink()
