"""The Communities page at 10,000 communities: open, type to filter, sort, and memory.

Run on purpose: ``uv run python -m benchmarks.bench_gui_list [--db PATH] [--communities N]``.
Without ``--db`` it makes an encrypted demo database (the demo accounts' password) in a
temporary folder; with ``--db`` it makes it there once and reuses it on later runs. It signs
in as the manager, then measures in the same run, best of a few runs each:

- opening the real ``CommunityListPage`` offscreen at 1366x768: the model filled with its
  first page and the first rows painted;
- each keystroke typed through ``QTest`` into the real search box, until the model has
  reloaded and the pending repaint is done (the page waits for a short pause in typing
  before it queries; the benchmark fires that pause at once, so the figure is the work a
  keystroke causes, not the wait);
- sorting by each column (a header click), until painted;
- the process's resident memory (VmRSS) and its peak (VmHWM) at the end;

and, as the baseline, the raw SQLCipher cursor reading the same rows (the first page of
names, districts and statuses, filtered with the same folded text, or sorted by district).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks.measure import Figure, best_of, table
from desktop.demo.accounts import DEMO_PASSWORD, create_demo_database
from desktop.demo.generate import generate_demo
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.framework.text import fold
from desktop.services.security.signin import unlock_master_key
from desktop.storage import open_database
from desktop.storage.connect import apply_key, dbapi_module
from desktop.views.communities.list_page import CommunityListPage
from desktop.views.communities.table_model import Column, CommunityTableModel
from desktop.views.shell.context import AppContext

MANAGER = Actor("manager", role="manager")
PAGE = CommunityTableModel.PAGE_SIZE  # the raw baseline reads as many rows as the page
RAW_PAGE = """
SELECT id, name, district, partnership_status FROM community
WHERE deleted_at IS NULL {where} ORDER BY {order}, name LIMIT {page}
"""
RAW_COUNT = "SELECT count(*) FROM community WHERE deleted_at IS NULL {where}"


def memory_mb(field: str) -> float:
    """A line of /proc/self/status (VmRSS: now, VmHWM: peak) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ensure_demo(path: Path, count: int) -> None:
    if path.exists():
        return
    started = time.perf_counter()
    db = create_demo_database(path)
    generate_demo(db, communities=count, seed=7, today=date.today(), actor=SYSTEM)
    db.checkpoint()
    db.close()
    print(f"demo data: {count} communities in {time.perf_counter() - started:.0f} s")


def raw_rows(cursor: Any, text: str = "", order: str = "name") -> list[Any]:
    """The same rows the page shows, straight from the file: the page and the count."""
    where, parameters = ("", ())
    if text:
        where, parameters = ("AND search_text LIKE ?", (f"%{fold(text)}%",))
    rows: list[Any] = cursor.execute(
        RAW_PAGE.format(where=where, order=order, page=PAGE), parameters
    ).fetchall()
    cursor.execute(RAW_COUNT.format(where=where), parameters).fetchone()
    return rows


def measure(path: Path, settings_folder: Path) -> list[Figure]:
    app = QApplication.instance() or QApplication([])
    rss_start = memory_mb("VmRSS")
    key, _must_change = unlock_master_key(path, MANAGER.username, DEMO_PASSWORD)
    db = open_database(path, key=key, create=False)
    raw = dbapi_module(key).connect(str(path))
    apply_key(raw, key)
    cursor = raw.cursor()
    settings = QSettings(str(settings_folder / "bench.ini"), QSettings.Format.IniFormat)
    context = AppContext.create(db, MANAGER, settings=settings)

    def settle(page: CommunityListPage) -> None:
        app.processEvents()  # the page is shown: the pending layout and paint happen here

    def open_page() -> CommunityListPage:
        page = CommunityListPage(context)
        page.resize(1366, 768)
        page.show()
        settle(page)
        page.grab()  # the first paint, whatever the window system did on show
        return page

    rows: list[tuple[str, float, float]] = []
    opening = best_of(3, lambda: open_page().deleteLater())
    rows.append(
        ("open the list (first page painted)", opening, best_of(5, lambda: raw_rows(cursor)))
    )
    page = open_page()
    total = page.model.total

    name = page.model.row_at(page.model.rowCount() // 2).name
    word = fold(name).split()[0][:5] if fold(name).split() else "ka"
    page.search.setFocus()

    def keystroke(before: str, letter: str) -> float:
        """Time one key typed after ``before`` (the page already showing ``before``)."""
        times = []
        for _ in range(3):
            page.search.setText(before)
            page.apply_filters()
            settle(page)
            started = time.perf_counter()
            QTest.keyClick(page.search, letter)
            page.apply_filters()  # what the pause timer runs
            settle(page)
            times.append(time.perf_counter() - started)
        return min(times)

    for end in range(1, len(word) + 1):
        typed = word[:end]
        seconds = keystroke(word[: end - 1], word[end - 1])
        baseline = best_of(5, lambda text=typed: raw_rows(cursor, text))
        rows.append((f"keystroke -> '{typed}' ({page.model.total} match)", seconds, baseline))
    page.search.clear()
    page.apply_filters()
    settle(page)

    header = page.table.horizontalHeader()
    district_raw = best_of(5, lambda: raw_rows(cursor, order="district"))
    for column in Column:

        def click_header(column: Column = column) -> None:
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                page.table.sortByColumn(column, order)
                settle(page)

        label = str(page.model.headerData(column, Qt.Orientation.Horizontal))
        seconds = best_of(3, click_header) / 2
        rows.append((f"sort by {label.lower()}", seconds, district_raw))
    header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)

    def scroll_page() -> None:
        page.table.scrollToBottom()
        settle(page)

    scrolled = best_of(3, scroll_page)
    more = CommunityTableModel.PAGE_SIZE
    rows.append((f"scroll to the end of what is loaded (+{more} rows)", scrolled, district_raw))

    print(f"{total} communities the manager may read; {page.model.rowCount()} rows loaded")
    rss = memory_mb("VmRSS")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"resident memory: {rss_start:.0f} MB before opening, {rss:.0f} MB now, "
        f"peak {memory_mb('VmHWM'):.0f} MB"
    )
    raw.close()
    db.close()
    return [
        Figure("gui_list", f"{label} ({total:,})", seconds, baseline, "raw SQLCipher rows")
        for label, seconds, baseline in rows
    ]


def run(quick: bool = False, count: int | None = None, db: Path | None = None) -> list[Figure]:
    count = count or (1_000 if quick else 10_000)
    with tempfile.TemporaryDirectory() as folder:
        path = db or Path(folder) / "bench.db"
        ensure_demo(path, count)
        return measure(path, Path(folder))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="demo database to make once and reuse")
    parser.add_argument("--communities", type=int, default=10_000)
    args = parser.parse_args()
    print(table(run(count=args.communities, db=args.db)))


if __name__ == "__main__":
    main()
