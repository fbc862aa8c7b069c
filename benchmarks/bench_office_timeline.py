"""Office timeline at 1,000 communities: load, paint and scroll, against raw baselines.

Run: ``uv run python -m benchmarks.bench_office_timeline [--communities N]``. Makes a demo
database in a temporary folder, then measures in the same run:

- loading the rows through the service, against the raw SQL fetch of the same phases, and
  against running the service's own five SELECTs raw (sqlite3, no SQLAlchemy, no Python
  work on the rows);
- painting the viewport into a QImage, against painting the same number of plain
  rectangles (one per phase drawn) into the same image;
- scrolling: 20 steps of one page down, each painted.
Figures are reported as times and as ratios to their baseline.

Measured on a shared 2-core machine (times vary with its load; ratios less so):

- before the rows were read as plain text (one ORM row, one ``uuid.UUID`` and one ``date``
  per value fetched): load 726 ms against a raw phase fetch of 31 ms, ratio 23.4;
- after (ids and days as text, meeting days grouped per community in SQL, each distinct day
  parsed once): load 320-350 ms against a raw phase fetch of 63-76 ms, ratio 4.6-5.1; the
  same five queries run raw take 149-152 ms, ratio 2.2-2.3. The old and new code run side
  by side on one database: 538 ms against 144 ms.
- paint the viewport (116 phases): 12.4 ms quiet, 39 ms under load; scroll one page and
  paint: 31 ms per step quiet (32 steps per second), 53-62 ms under load.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from benchmarks.measure import Figure, table
from desktop.demo.generate import generate_demo
from desktop.services.framework.actor import SYSTEM
from desktop.services.queries.timeline import OfficeQuery, office_timeline
from desktop.storage import Database, open_database
from desktop.views.timeline.office_view import OfficeTimelineView

# Few paints on purpose: PySide6 6.12.0 on Python 3.11 drops a reference to None on every
# QPainter draw call made from Python, and the interpreter aborts once None's count runs out.
STEPS = 20
RAW_PHASES = """
SELECT cycle.community_id, cycle.number, phase.kind, phase.start_on, phase.end_on
FROM phase JOIN cycle ON phase.cycle_id = cycle.id
WHERE phase.deleted_at IS NULL AND cycle.deleted_at IS NULL ORDER BY phase.start_on
"""


def best(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def service_selects(db: Database, today: date) -> list[tuple[str, Any]]:
    """The SELECT statements (and their parameters) the service runs, as sent to SQLite."""
    sent: list[tuple[str, Any]] = []

    def record(_conn: object, _cursor: object, sql: str, params: Any, *_rest: object) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            sent.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        office_timeline(db, OfficeQuery(), today, actor=SYSTEM)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return sent


def run(quick: bool = False, count: int | None = None) -> list[Figure]:
    count = count or (300 if quick else 1000)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        db = open_database(path)
        generate_demo(db, communities=count, seed=1, actor=SYSTEM)
        today = date.today()

        load = best(5, lambda: office_timeline(db, OfficeQuery(), today, actor=SYSTEM))
        raw = sqlite3.connect(path)
        raw_fetch = best(5, lambda: raw.execute(RAW_PHASES).fetchall())
        selects = service_selects(db, today)
        raw_all = best(5, lambda: [raw.execute(sql, params).fetchall() for sql, params in selects])
        rows = office_timeline(db, OfficeQuery(), today, actor=SYSTEM).rows

        view = OfficeTimelineView()
        view.resize(1366, 720)
        view.set_rows(rows, today)
        view.scroll_to_day(today)
        view.show()
        app.processEvents()
        image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

        def paint_view() -> None:
            view.viewport().render(image)

        drawn = sum(len(rows[i].phases) for i in view.visible_rows())

        def paint_rectangles() -> None:
            painter = QPainter(image)
            for index in range(drawn):
                painter.fillRect(QRectF(index % 1000, (index * 7) % 700, 40, 11), QColor("#5FAF8A"))
            painter.end()

        paint = best(5, paint_view)
        baseline = best(5, paint_rectangles)
        bar = view.verticalScrollBar()

        def scroll() -> None:
            bar.setValue(0)
            for _ in range(STEPS):
                bar.setValue(bar.value() + bar.pageStep())
                view.viewport().render(image)

        scrolling = best(1, scroll) / STEPS
        db.close()
        raw.close()
    print(f"communities: {len(rows)}, phases drawn in one viewport: {drawn}")
    print(
        f"load rows ({len(selects)} queries): {load * 1000:.1f} ms; raw phase fetch"
        f" {raw_fetch * 1000:.1f} ms -> ratio {load / raw_fetch:.1f}; the same {len(selects)}"
        f" queries raw {raw_all * 1000:.1f} ms -> ratio {load / raw_all:.1f}"
    )
    print(
        f"paint viewport: {paint * 1000:.2f} ms; {drawn} plain rectangles {baseline * 1000:.2f} ms"
        f" -> ratio {paint / baseline:.1f}"
    )
    print(
        f"scroll one page and paint: {scrolling * 1000:.2f} ms per step"
        f" ({1 / scrolling:.0f} steps per second)"
    )
    del app
    name = "office_timeline"
    return [
        Figure(name, f"load rows ({count:,})", load, raw_all, "the same queries raw"),
        Figure(name, "paint the viewport", paint, baseline, f"{drawn} plain rectangles"),
        Figure(name, "scroll one page and paint", scrolling, baseline, f"{drawn} plain rectangles"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=1000)
    print(table(run(count=parser.parse_args().communities)))


if __name__ == "__main__":
    main()
