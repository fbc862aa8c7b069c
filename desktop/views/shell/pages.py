"""The window's catalogue of pages: each top-level page once (key, label, where its class
lives, shortcut), the cycle workspace, and the modules that reopen drafts.

Pages are named by ``"module:Class"`` and loaded when first shown, so a page whose
module is not installed is simply left out of the navigation.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import Any

from desktop.i18n import N_
from desktop.views.shell.context import AppContext


@dataclass(frozen=True)
class PageEntry:
    key: str
    label: str  # marked with N_(), translated when shown
    target: str  # "module:Class"; the class takes (context, parent=None)
    shortcut: str


# The top-level pages, in navigation order. Add a page with one line here.
PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "communities",
        N_("Communities"),
        "desktop.views.communities.list_page:CommunityListPage",
        "Ctrl+1",
    ),
    PageEntry("timeline", N_("Timeline"), "desktop.views.timeline.page:TimelinePage", "Ctrl+2"),
    PageEntry("reviews", N_("Reviews"), "desktop.views.reviews.page:ReviewsPage", "Ctrl+3"),
    PageEntry("reports", N_("Reports"), "desktop.views.reports.page:ReportsPage", "Ctrl+4"),
    PageEntry(
        "stakeholders",
        N_("Stakeholders"),
        "desktop.views.stakeholders.page:StakeholdersPage",
        "Ctrl+5",
    ),
    PageEntry("settings", N_("Settings"), "desktop.views.settings.page:SettingsPage", "Ctrl+6"),
)

WORKSPACE = "desktop.views.cycle.workspace:CycleWorkspace"

# Modules that say how to reopen their forms' drafts (``register_draft_opener``); loaded
# before the drafts left by a crash are offered back at start-up.
DRAFT_OPENERS: tuple[str, ...] = (
    "desktop.views.communities.form",
    "desktop.views.communities.partnership",
    "desktop.views.stakeholders.linkage",
    "desktop.views.stakeholders.page",
    "desktop.views.settings.page",
    "desktop.views.cycle.drafts",
)


def installed(target: str) -> bool:
    """Whether the module of a ``"module:Class"`` target can be imported."""
    module = target.split(":", 1)[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def load(target: str) -> Any:
    """The class a ``"module:Class"`` target names."""
    module, name = target.split(":", 1)
    return getattr(importlib.import_module(module), name)


def service_for(context: AppContext, entity: str) -> Any:
    """The service of an entity name ("action" -> services.actions), or None."""
    services = context.services
    for name in (f"{entity}s", entity, f"{entity}es"):
        candidate = getattr(services, name, None)
        if candidate is not None and getattr(candidate, "entity", None) == entity:
            return candidate
    return next(
        (
            value
            for value in vars(services).values()
            if getattr(value, "entity", None) == entity and hasattr(value, "get")
        ),
        None,
    )
