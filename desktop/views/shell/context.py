"""What every screen is given: the database, the signed-in person, their services, and a navigator.

Screens never reach for each other. To show another screen they ask the
navigator (``context.navigator.open_community.emit(community_id)``). Writes go
through ``desktop.views.shell.operations.run_write``, which announces what changed as typed
``Changes`` on ``changes_made``, so other screens can refresh what they show; no screen
announces its own writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, QSettings, Signal

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.storage import Database


class Navigator(QObject):
    """Requests to show a screen or record, and news of writes; the main window acts on them."""

    #: Show a community's page (its id as text).
    open_community = Signal(str)
    #: Show a cycle's workspace (the cycle's id as text).
    open_cycle = Signal(str)
    #: Show one record where it lives: (entity name such as "action", id as text).
    open_record = Signal(str, str)
    #: Switch to a top-level page by its key ("communities", "timeline", "reports", ...).
    open_page = Signal(str)
    #: Something was written: a ``Changes`` (desktop.services.framework.changes): kinds, ids, who.
    changes_made = Signal(object)


def _today() -> date:
    return date.today()


@dataclass
class AppContext:
    """Shared by every page and dialog of one signed-in window."""

    db: Database
    actor: Actor
    services: Services
    settings: QSettings
    navigator: Navigator
    demo: bool = False
    #: "Today" for overdue marks and defaults; tests and the screenshot tour pin it.
    today: Callable[[], date] = field(default=_today)

    @classmethod
    def create(
        cls,
        db: Database,
        actor: Actor,
        *,
        settings: QSettings | None = None,
        demo: bool = False,
        today: date | None = None,
    ) -> AppContext:
        return cls(
            db=db,
            actor=actor,
            services=Services(db, actor),
            settings=settings if settings is not None else QSettings(),
            navigator=Navigator(),
            demo=demo,
            today=(lambda: today) if today is not None else _today,
        )
