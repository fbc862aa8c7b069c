"""Pages that never strand a heading or a row: the two rules every printout follows.

- A table never leaves one row alone: it parts only where at least two rows stay on each
  side (a table of three rows or fewer moves to the next page whole), its header repeated
  on every page (:class:`KeptTable`, which :func:`desktop.reports.blocks.grid` makes).
- A heading is never left at the foot of a page: :func:`keep_headings` puts a conditional
  page break before each heading, asking for room for the heading, what leads into the
  content (a note, a second heading) and the content's first rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import ActionFlowable, CondPageBreak, Flowable, KeepTogether, Spacer, Table

from desktop.reports.table_text import TextTable

#: The tallest block kept whole when it would otherwise part (half a portrait page).
SHORT_BLOCK = 400.0
#: Rows taller than this (long notes) may part anywhere: holding two of them together
#: could ask for more than a page.
TALL_ROW = 150.0
#: The most room a heading asks for before it: more would leave half-empty pages.
MOST_ASKED = 300.0
#: Rows that must stay together at either end of a table's part.
ROWS_TOGETHER = 2
HEADING_STYLES = frozenset({"title", "h1", "h2", "title_rtl", "h1_rtl", "h2_rtl"})
BIG = 1e6


def _header_rows(table: Table) -> int:
    repeat = table.repeatRows
    return repeat if isinstance(repeat, int) else max(repeat) + 1


class KeptTable(TextTable):
    """A table that never leaves a single row alone at the foot or the head of a page.

    Its size is worked out once per width: measuring it for :func:`keep_headings` and
    laying it out then cost one pass, not two (a thousand-page report has thousands)."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(availWidth, BIG)  # every row measured
        self._wrapped = (availWidth, size)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._wrapped = None  # splitting lays the rows out for the room left
        self._calc(availWidth, availHeight)
        header = _header_rows(self)
        heights = self._rowHeights
        body = heights[header:]
        self._rowSplitRange = None
        if len(body) <= 2 * ROWS_TOGETHER - 1:
            if sum(heights) <= SHORT_BLOCK:
                return []  # a few rows: all of them on the next page
        elif max(body) <= TALL_ROW:
            self._rowSplitRange = (header + ROWS_TOGETHER, len(heights) - ROWS_TOGETHER)
        parts: list[Flowable] = super().split(availWidth, availHeight)
        return parts


def is_heading(flowable: Flowable) -> bool:
    """A heading (a section's or a sub-section's title), whatever flowable draws it."""
    style = getattr(flowable, "style", None)
    return getattr(style, "name", None) in HEADING_STYLES or hasattr(flowable, "bookmark")


def first_height(flowable: Flowable, width: float) -> float:
    """The height of the start of ``flowable`` that must follow a heading onto its page:
    a table's header and first rows, the least room a form's writing space takes, or a
    short block whole."""
    if isinstance(flowable, Table):
        flowable.wrap(width, BIG)
        heights, header = flowable._rowHeights, _header_rows(flowable)
        if len(heights) - header < 2 * ROWS_TOGETHER:  # too few rows to part: all of them
            return float(min(sum(heights), SHORT_BLOCK))
        return float(sum(heights[: header + ROWS_TOGETHER]))
    minimum = getattr(flowable, "minimum", None)
    if minimum is not None:  # room that fills the page (blocks.FillRest)
        return float(minimum)
    content = getattr(flowable, "_content", None)
    if isinstance(flowable, KeepTogether) and content:
        total = sum(natural_height(part, width) for part in content)
        return min(total, SHORT_BLOCK)
    return min(natural_height(flowable, width), SHORT_BLOCK)


def natural_height(flowable: Flowable, width: float) -> float:
    """The height ``flowable`` takes with its spaces: a container (KeepTogether) by its
    content, room that fills the page (``blocks.FillRest``) by the least it takes."""
    minimum = getattr(flowable, "minimum", None)
    if minimum is not None:
        return float(minimum)
    content = getattr(flowable, "_content", None)
    if content is not None:
        return float(sum(natural_height(part, width) for part in content))
    height = flowable.wrap(width, BIG)[1]
    return float(height + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def _leads_in(flowable: Flowable) -> bool:
    """What sits between a heading and its content: another heading, a note, a space."""
    return isinstance(flowable, Spacer) or is_heading(flowable) or _is_short_text(flowable)


def _is_short_text(flowable: Flowable) -> bool:
    return type(flowable).__name__ in {"Paragraph", "BidiText", "HeadingLine"}


def keep_headings(story: Sequence[Any], width: float) -> list[Any]:
    """``story`` with a conditional page break before each heading, so that the heading,
    what leads into its content and the content's first rows start a page together."""
    kept: list[Any] = []
    items = list(story)
    for index, flowable in enumerate(items):
        if is_heading(flowable):
            needed = natural_height(flowable, width)
            following = index + 1
            while following < len(items) and _leads_in(items[following]):
                needed += natural_height(items[following], width)
                following += 1
            if following < len(items) and not isinstance(items[following], ActionFlowable):
                needed += first_height(items[following], width)
            kept.append(CondPageBreak(min(needed, MOST_ASKED)))
        kept.append(flowable)
    return kept
