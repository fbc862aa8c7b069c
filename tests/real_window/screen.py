"""A real X screen for the app: Xvfb, the openbox window manager, and xdotool as the person.

``qtbot`` hands events straight to a widget, so it cannot see which widget really has the
keyboard focus, which button Enter presses, or whether a window fits a screen with a title
bar. Here the app runs as its own process on a virtual 1366x768 screen under a real window
manager; xdotool types into whatever has the focus and presses keys, as a person would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "openbox", "xdotool")
SCREEN_SIZE = "1366x768x24"


def tools_missing() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def require_tools() -> None:
    """Skip where the X tools are not installed; in CI their absence is a failure."""
    missing = tools_missing()
    if not missing:
        return
    message = f"needs {', '.join(missing)} (Debian: xvfb, openbox, xdotool)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Screen:
    """One virtual display with a window manager; ``env`` runs programs on it."""

    display: str
    env: dict[str, str]
    shots: Path
    _processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def xdotool(self, *args: str, timeout: float = 30) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return done.stdout.strip()

    def wait_window(
        self, name: str, timeout: float = 60, *, app: subprocess.Popen[bytes] | None = None
    ) -> str:
        """The id of a visible window whose title contains ``name``, once it is there.

        With ``app``, fails at once (with what it printed) if that program has ended.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if app is not None and app.poll() is not None:
                raise AssertionError(
                    f"the app ended (status {app.returncode}) while waiting for {name!r}:\n"
                    + self.output(app)
                )
            found = self.xdotool("search", "--onlyvisible", "--name", name)
            if found:
                return found.splitlines()[-1]
            time.sleep(0.2)
        raise AssertionError(f"no window titled {name!r} after {timeout:.0f} s")

    def wait_gone(self, window: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if window not in self.xdotool("search", "--onlyvisible", "--name", ".").split():
                return
            time.sleep(0.2)
        raise AssertionError(f"window {window} still open after {timeout:.0f} s")

    def active_title(self) -> str:
        return self.xdotool("getactivewindow", "getwindowname")

    def type(self, text: str) -> None:
        """Type into whatever has the keyboard focus."""
        self.xdotool("type", "--delay", "30", text)
        time.sleep(0.3)

    def key(self, *keys: str) -> None:
        for key in keys:
            self.xdotool("key", key)
            time.sleep(0.25)

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """x, y, width, height of a window on the screen (its frame excluded)."""
        out = dict(
            line.split("=", 1)
            for line in self.xdotool("getwindowgeometry", "--shell", window).splitlines()
            if "=" in line
        )
        return int(out["X"]), int(out["Y"]), int(out["WIDTH"]), int(out["HEIGHT"])

    def screenshot(self, name: str) -> Path | None:
        """A PNG of the whole screen (when ImageMagick's ``import`` is here), for looking at."""
        if shutil.which("import") is None:
            return None
        path = self.shots / f"{name}.png"
        subprocess.run(
            ["import", "-window", "root", str(path)], env=self.env, check=False, timeout=30
        )
        return path

    def start(self, args: Sequence[str], **env: str) -> subprocess.Popen[bytes]:
        """Start a program on this screen; it is ended when the screen goes."""
        log = (self.shots / f"process-{len(self._processes)}.log").open("wb")
        process = subprocess.Popen(
            list(args), env={**self.env, **env}, stdout=log, stderr=subprocess.STDOUT
        )
        self._processes.append(process)
        return process

    def output(self, process: subprocess.Popen[bytes]) -> str:
        """What a program started here has printed so far."""
        index = self._processes.index(process)
        return (self.shots / f"process-{index}.log").read_text(errors="replace")

    def close(self) -> None:
        for process in reversed(self._processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def screen(tmp_path: Path) -> Iterator[Screen]:
    """A fresh 1366x768 display with openbox; Xvfb picks a free display number."""
    require_tools()
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN_SIZE, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    # The demo accounts open in French, Swahili and Arabic; the journeys read English words
    # (a journey in another language passes CLCP_LANG to ``start``).
    env.update(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb", CLCP_LANG="en")
    shots = tmp_path / "screens"
    shots.mkdir()
    made = Screen(display=f":{number}", env=env, shots=shots)
    made._processes.append(xvfb)
    made.start(["openbox"])
    time.sleep(0.5)
    try:
        yield made
    finally:
        made.close()
