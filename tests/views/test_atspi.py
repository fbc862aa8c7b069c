"""What a screen reader reads, through the real accessibility bridge (AT-SPI on Linux).

The app runs in its own process on a private X server (Xvfb) with a private D-Bus
session, where Qt registers with AT-SPI; a second process, under the system Python with
pyatspi (as Orca would), reads the tree of the sign-in dialog, a new-cycle dialog and
the mentor's review form, and the test checks that every control a person can reach
is named, by itself or by the label it is "labelled by".

Needs Debian's at-spi2-core, python3-pyatspi and dbus-x11 (and Xvfb). Without them the
test is skipped on a developer's machine, and fails in CI (where the CI script installs
them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.views.shots import shots_dir

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"
INTERACTIVE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "text",
    "password text",
    "entry",
    "combo box",
    "spin button",
    "list",
    "table",
    "tree table",
    "page tab",
    "slider",
}

APP = """
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[2])
from desktop.gui import application
from desktop.storage import open_database
from desktop.views.auth.login_dialog import LoginDialog
from desktop.views.cycle.new_cycle_dialog import NewCycleDialog
from desktop.views.reviews.editor import ReviewDialog
from tests.views.reviews.review_world import build_review_world

app = application()
db_path = Path(sys.argv[1])
db = open_database(db_path)
world = build_review_world(db)
windows = [
    LoginDialog(db_path),
    NewCycleDialog(world.context(db, "amina", "manager"), world.community_id),
    ReviewDialog(world.context(db, "achen", "mentor"), world.cycle_id),
]
for window in windows:
    window.show()
print("READY", flush=True)
app.exec()  # until the test has read the tree and ends this process
"""

# Runs under the system Python: pyatspi is a Debian package, not a wheel.
READER = """
import json, sys, time
import pyatspi

def node(acc, depth):
    states = sorted(pyatspi.stateToString(s) for s in acc.getState().getStates())
    labels = []
    for relation in acc.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            labels += [relation.getTarget(i).name for i in range(relation.getNTargets())]
    item = {"role": acc.getRoleName(), "name": acc.name or "", "states": states,
            "labelled_by": labels, "children": []}
    if depth < 30 and acc.childCount < 300:
        for i in range(acc.childCount):
            child = acc.getChildAtIndex(i)
            if child is not None:
                item["children"].append(node(child, depth + 1))
    return item

windows = int(sys.argv[2])
for attempt in range(150):  # the bridge registers the app's windows as they map
    desktop = pyatspi.Registry.getDesktop(0)
    apps = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
    found = [a for a in apps if a is not None and a.name == sys.argv[1]]
    if found and found[0].childCount >= windows:
        print(json.dumps(node(found[0], 0)))
        sys.exit(0)
    time.sleep(0.2)
print(json.dumps({"apps": [a.name for a in apps if a is not None]}))
sys.exit(1)
"""


def _missing() -> str:
    for program in ("Xvfb", "dbus-daemon"):
        if shutil.which(program) is None:
            return program
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi2-core"
    if not Path(SYSTEM_PYTHON).exists():
        return SYSTEM_PYTHON
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    return "python3-pyatspi" if probe.returncode else ""


@pytest.fixture
def bridge(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private X display and D-Bus session: the environment for both processes."""
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} is needed to test the accessibility bridge")
        pytest.skip(f"{missing} is not installed")
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as display_pipe:
        display = display_pipe.readline().strip()
    env = {
        **os.environ,
        "DISPLAY": f":{display}",
        "QT_QPA_PLATFORM": "xcb",
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        "CLCP_DATA_DIR": str(tmp_path / "data"),
    }
    # The accessibility bus is started by D-Bus activation: the daemon passes on DISPLAY.
    dbus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert dbus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = dbus.stdout.readline().strip()
    try:
        yield env
    finally:
        for process in (dbus, xvfb):
            process.terminate()
            process.wait()


def read_tree(env: dict[str, str], tmp_path: Path) -> dict[str, Any]:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "reader.py").write_text(READER, encoding="utf-8")
    app = subprocess.Popen(
        [sys.executable, str(tmp_path / "app.py"), str(tmp_path / "clcp.db"), str(ROOT)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=(tmp_path / "app.log").open("w"),
        text=True,
    )
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "READY"
        reader = subprocess.run(
            [SYSTEM_PYTHON, str(tmp_path / "reader.py"), "CLCP Desktop", "3"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert reader.returncode == 0, reader.stdout + reader.stderr
        tree: dict[str, Any] = json.loads(reader.stdout)
        return tree
    finally:
        app.terminate()
        app.wait()


def controls(node: dict[str, Any], parent: str = "") -> Iterator[dict[str, Any]]:
    """The controls a person reaches: shown, focusable, interactive (a combo box's own
    drop-down list is part of the combo box, not a control of its own)."""
    if (
        node["role"] in INTERACTIVE
        and "showing" in node["states"]
        and "focusable" in node["states"]
        and not (node["role"] == "list" and parent == "combo box")
    ):
        yield node
    for child in node["children"]:
        yield from controls(child, node["role"])


def spoken(node: dict[str, Any]) -> str:
    """What a screen reader says a control is: its name, else the label it is labelled by.
    (On Linux Qt gives a combo box its current choice as name, and its label as relation.)"""
    if node["role"] == "combo box":
        return " ".join(node["labelled_by"]).strip() or node["name"]
    return node["name"].strip() or " ".join(node["labelled_by"]).strip()


def test_a_screen_reader_hears_a_name_for_every_control(
    bridge: dict[str, str], tmp_path: Path
) -> None:
    tree = read_tree(bridge, tmp_path)
    tree_file = shots_dir(tmp_path) / "atspi-tree.json"  # what a screen reader reads, to look at
    tree_file.write_text(json.dumps(tree, indent=1, ensure_ascii=False), encoding="utf-8")
    windows = {window["name"]: window for window in tree["children"]}
    assert set(windows) >= {"Sign in - CLCP Desktop", "New cycle"}
    review = next(name for name in windows if name.startswith("Review of"))
    unnamed = {
        name: [node["role"] for node in controls(window) if not spoken(node)]
        for name, window in windows.items()
    }
    assert unnamed == {name: [] for name in windows}
    sign_in = {spoken(node): node["role"] for node in controls(windows["Sign in - CLCP Desktop"])}
    assert sign_in["User name"] == "text"
    assert sign_in["Password"] == "password text"
    assert any(role == "push button" for role in sign_in.values())
    assert len(list(controls(windows["New cycle"]))) >= 3
    assert len(list(controls(windows[review]))) >= 5
