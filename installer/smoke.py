"""Runs a built bundle the way a field officer's laptop would, without a display.

Each check starts the bundled program in a fresh process with a clean environment (no
user data folder of the machine is touched) and fails with what the program printed.
Used by ``build.py`` after a build and by the slow ``bundle`` test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import bundle_contents as contents

from desktop.portable import DATA_FOLDER_NAME, MARKER_NAMES
from desktop.startup_probe import EXIT_AFTER_START_ENV, STARTED_LINE
from desktop.storage.paths import DATA_DIR_ENV_VAR, DB_ENV_VAR

ON_WINDOWS = sys.platform == "win32"
COMMAND_TIMEOUT_S = 180  # generous: the first start of a bundle on a busy machine is slow
DEMO_COMMUNITIES = 20
# The demo accounts' password and one of their names (headless commands sign in with them).
DEMO_PASSWORD = "demo"
DEMO_USER = "admin"


class SmokeFailure(Exception):
    """A check failed; the message says which and shows the program's output."""


def program(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if ON_WINDOWS else name)


def _environment(home: Path) -> dict[str, str]:
    """The caller's environment, minus anything pointing at real data, plus a headless Qt."""
    env = {k: v for k, v in os.environ.items() if k not in (DB_ENV_VAR, DATA_DIR_ENV_VAR)}
    env[DATA_DIR_ENV_VAR] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")  # Qt's settings file on Linux
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    env["CLCP_PASSWORD"] = DEMO_PASSWORD
    env.pop(EXIT_AFTER_START_ENV, None)
    return env


def _run(
    exe: Path, args: Sequence[str], env: dict[str, str], *, expect: int = 0
) -> subprocess.CompletedProcess[str]:
    shown = " ".join([exe.name, *args])
    try:
        done = subprocess.run(
            [str(exe), *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise SmokeFailure(f"{shown}: still running after {COMMAND_TIMEOUT_S} s") from error
    if done.returncode != expect:
        raise SmokeFailure(
            f"{shown}: exit status {done.returncode}, expected {expect}\n"
            f"--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
        )
    return done


def check_version(bundle: Path, env: dict[str, str]) -> str:
    out = _run(program(bundle, contents.CLI_NAME), ["--version"], env).stdout.strip()
    if out != f"clcp {contents.version()}":
        raise SmokeFailure(f"--version printed {out!r}, expected 'clcp {contents.version()}'")
    return out


def check_demo_and_info(bundle: Path, env: dict[str, str], db: Path) -> str:
    cli = program(bundle, contents.CLI_NAME)
    _run(cli, ["demo", "--db", str(db), "--communities", str(DEMO_COMMUNITIES)], env)
    info = _run(cli, ["info", "--db", str(db), "--user", DEMO_USER], env).stdout
    # the migrations shipped as files ran, and the demo communities are there
    if "(current)" not in info:
        raise SmokeFailure(f"info does not show a current schema:\n{info}")
    if not re.search(rf"^community\s+{DEMO_COMMUNITIES}\s+0\s*$", info, re.MULTILINE):
        raise SmokeFailure(f"info does not count {DEMO_COMMUNITIES} communities:\n{info}")
    return f"demo + info: {DEMO_COMMUNITIES} communities, schema current"


def check_bad_input(bundle: Path, env: dict[str, str], missing: Path) -> str:
    done = _run(program(bundle, contents.CLI_NAME), ["info", "--db", str(missing)], env, expect=2)
    lines = done.stderr.strip().splitlines()
    if len(lines) != 1 or not lines[0].startswith("clcp: "):
        raise SmokeFailure(f"a missing file should give one 'clcp: ...' line, got:\n{done.stderr}")
    return "bad input: exit 2, one line"


def check_gui(bundle: Path, env: dict[str, str]) -> str:
    """``--demo`` as the Start-menu shortcut runs it: the demo is made on first use, then the
    main window opens (signed in), shows, and closes by itself."""
    # The console program opens the same window; the windowed one (Windows only) has no
    # output to print the line to.
    gui_env = {**env, EXIT_AFTER_START_ENV: "1"}
    done = _run(program(bundle, contents.CLI_NAME), ["--demo"], gui_env)
    if STARTED_LINE not in done.stdout:
        raise SmokeFailure(f"the window did not report being shown:\n{done.stdout}{done.stderr}")
    return "GUI: demo made on first use, window shown offscreen, closed, exit 0"


def check_windowed_program(bundle: Path, env: dict[str, str]) -> str:
    """The Windows-only windowed program starts and ends (its output goes nowhere)."""
    exe = program(bundle, contents.GUI_NAME)
    if not ON_WINDOWS or not exe.exists():
        return "windowed program: only built on Windows"
    _run(exe, ["--version"], env)
    return "windowed program: --version exits 0"


def check_portable(bundle: Path, env: dict[str, str]) -> str:
    """With a marker beside the program, data goes to data/ beside it; both are removed after."""
    marker = bundle / MARKER_NAMES[0]
    data = bundle / DATA_FOLDER_NAME
    if marker.exists() or data.exists():
        raise SmokeFailure(f"{bundle} is already in portable mode; remove {marker} and {data}")
    portable_env = {k: v for k, v in env.items() if k != DATA_DIR_ENV_VAR}
    marker.write_text("", encoding="utf-8")
    try:
        _run(program(bundle, contents.CLI_NAME), ["demo", "--communities", "1"], portable_env)
        if not (data / "demo.db").is_file():
            raise SmokeFailure(f"portable mode did not put demo.db in {data}")
    finally:
        marker.unlink(missing_ok=True)
        shutil.rmtree(data, ignore_errors=True)
    return "portable: demo.db written beside the program"


def smoke_test(bundle: Path, log: Callable[[str], None] = print) -> None:
    """Run every check on ``bundle`` (the one folder); raise SmokeFailure at the first failure."""
    if not program(bundle, contents.CLI_NAME).is_file():
        raise SmokeFailure(f"no {contents.CLI_NAME} program in {bundle}: build it first")
    with tempfile.TemporaryDirectory(prefix="clcp-smoke-") as scratch:
        home = Path(scratch)
        env = _environment(home)
        db = home / "smoke.db"
        log(f"  ok  {check_version(bundle, env)}")
        log(f"  ok  {check_demo_and_info(bundle, env, db)}")
        log(f"  ok  {check_bad_input(bundle, env, home / 'missing.db')}")
        log(f"  ok  {check_gui(bundle, env)}")
        log(f"  ok  {check_windowed_program(bundle, env)}")
        log(f"  ok  {check_portable(bundle, env)}")
