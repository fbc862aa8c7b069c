"""Running the tour: write one PNG per registered shot, as the given person sees it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from desktop.i18n import current_language
from desktop.services.framework.actor import Actor
from desktop.services.queries.community_list import CommunityQuery, SortKey
from desktop.storage import Database
from desktop.tour import exchange, screens  # noqa: F401  (register the shots)
from desktop.tour.base import SHOTS, WINDOW_SIZE, Shot, Tour

# --- running ----------------------------------------------------------------------------


def tour_actor(db: Database, username: str | None) -> Actor:
    """The named person with their role, else the first manager (who may do the most)."""
    from desktop.services.facade import Services
    from desktop.services.framework.actor import SYSTEM

    users = Services(db, SYSTEM).users
    where = {"username": username.lower()} if username else {"role": "manager"}
    found = users.list(where=where, limit=1).items
    if found:
        return Actor(found[0].data.username, role=found[0].data.role)
    return Actor(username or "manager", role="manager")


def samples(window: QWidget, today: date) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """A community with the most going on (overdue work first), and its latest cycle."""
    services = window.context.services  # type: ignore[attr-defined]
    rows = services.list_communities(
        CommunityQuery(sort=SortKey.OVERDUE_ACTIONS, descending=True, limit=1, today=today)
    ).items
    if not rows:
        return None, None
    community_id = rows[0].id
    cycles = services.cycles.list(
        where={"community_id": community_id}, order_by="start_on", descending=True, limit=1
    ).items
    return community_id, (cycles[0].id if cycles else None)


def run_tour(
    db: Database,
    out: Path,
    *,
    actor: Actor,
    today: date | None = None,
    only: set[str] | None = None,
    visit: Callable[[Shot, QWidget], None] | None = None,
    language: str | None = None,
) -> list[Path]:
    """Write the PNGs into ``out``; the paths written, in tour order. ``visit`` is called
    with each shot's widget once it is shown (to check it, say), before it is closed.
    ``language``: the screens in that language (and direction), the one before after."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.gui import application
    from desktop.views.language import apply_language

    app = application()
    before = current_language()
    apply_language(language or before)
    try:
        return _shoot(app, db, out, actor=actor, today=today, only=only, visit=visit)
    finally:
        apply_language(before)


def _shoot(
    app: QApplication,
    db: Database,
    out: Path,
    *,
    actor: Actor,
    today: date | None,
    only: set[str] | None,
    visit: Callable[[Shot, QWidget], None] | None,
) -> list[Path]:
    from desktop.views.shell.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(out / ".tour-settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        db, actor=actor, settings=settings, today=today, offer_drafts_at_start=False
    )
    window.resize(*WINDOW_SIZE)
    window.show()
    community_id, cycle_id = samples(window, today or date.today())
    written: list[Path] = []
    try:
        for shot in SHOTS:
            if only is not None and shot.name not in only:
                continue
            tour = Tour(window, community_id, cycle_id)
            widget = shot.make(tour)
            app.processEvents()
            path = out / f"{shot.name}.png"
            widget.grab().save(str(path))
            written.append(path)
            if visit is not None:
                visit(shot, widget)
            for opened in tour.opened:
                opened.hide()
                opened.deleteLater()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            app.processEvents()
    finally:
        settings_file = out / ".tour-settings.ini"
        window.hide()
        window.deleteLater()
        app.processEvents()
        settings_file.unlink(missing_ok=True)
    return written
