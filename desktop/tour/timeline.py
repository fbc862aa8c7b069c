"""The timeline screens in the screenshot tour: all communities, and one community."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.tour.base import Tour
from desktop.views.timeline.page import TimelinePage


def _page(tour: Tour) -> TimelinePage:
    page = TimelinePage(tour.context)
    page.resize(tour.window.size())
    page.show()
    tour.opened.append(page)
    return page


def office_shot(tour: Tour) -> QWidget:
    page = _page(tour)
    page.sort.setCurrentIndex(page.sort.findData("meeting"))
    return page


def office_overdue_shot(tour: Tour) -> QWidget:
    page = _page(tour)
    page.sort.setCurrentIndex(page.sort.findData("overdue"))
    return page


def office_table_shot(tour: Tour) -> QWidget:
    """The same rows in words (Show as table, Ctrl+Shift+T), as a screen reader reads them."""
    page = _page(tour)
    page.sort.setCurrentIndex(page.sort.findData("overdue"))
    page.as_table.setChecked(True)
    return page


def community_shot(tour: Tour) -> QWidget:
    page = _page(tour)
    if tour.community_id is not None:
        page.show_community(str(tour.community_id))
    return page
