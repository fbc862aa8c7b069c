"""A manager's quarterly summary in the real window, keyboard only: the Reports page, the
summary filled for the whole programme and last quarter, built, saved as a PDF; the PDF and
the audit trail are read afterwards."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from desktop.services.queries.periods import recent_quarters
from tests.real_window.conftest import PASSWORD, audit_actions
from tests.real_window.screen import Screen
from tests.reports.report_checks import pdf_page_texts


def test_the_quarterly_summary_is_filled_and_saved_by_keyboard(
    screen: Screen, demo_db: Path, tmp_path: Path
) -> None:
    name, first, last = recent_quarters(date.today())[1]  # last quarter: the list's second
    out = tmp_path / "summary.pdf"
    app: subprocess.Popen[bytes] = screen.start(
        [sys.executable, "-m", "desktop", "--db", str(demo_db)],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    sign_in_window = screen.wait_window("Sign in", app=app)
    screen.type("manager")
    screen.key("Tab")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(sign_in_window)
    window = screen.wait_window("CLCP Desktop", app=app)
    screen.xdotool("windowactivate", "--sync", window)
    screen.key("ctrl+4")  # Reports
    time.sleep(2)  # the page is made on first use
    screen.screenshot("reports-page")
    screen.key("alt+w")  # What to print
    screen.key("End", "Up", "Up")  # the quarterly summary, above the two reports
    screen.key("alt+i")  # Fill in for a district or the programme
    screen.key("alt+r", "Home", "Down", "Down")  # Period: all dates, this quarter, last
    screen.screenshot("reports-quarterly")
    screen.key("alt+b")  # Build preview, in the background
    chooser = ""
    deadline = time.monotonic() + 180
    while not chooser and time.monotonic() < deadline:  # Save as PDF… once it is built
        screen.key("alt+s")
        found = screen.xdotool("search", "--onlyvisible", "--name", "Save as PDF")
        chooser = found.splitlines()[-1] if found else ""
        time.sleep(1)
    assert chooser, screen.output(app)
    screen.key("ctrl+a")
    screen.type(str(out))
    screen.key("Return")
    screen.wait_gone(chooser)
    screen.screenshot("reports-saved")
    screen.key("ctrl+q")
    assert app.wait(timeout=60) == 0, screen.output(app)
    assert "Traceback" not in screen.output(app)

    first_page = " ".join(pdf_page_texts(out)[0].split())
    assert "Manager's quarterly monitoring summary" in first_page
    assert f"{name} ({first.isoformat()} to {last.isoformat()})" in first_page
    assert "The whole programme" in first_page
    assert ("print", "manager") in audit_actions(demo_db)
