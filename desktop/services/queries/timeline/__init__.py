"""What the timelines show: one community's cycles over time, and every community's phases.

Plain, immutable values for the timeline screens and the timeline PDF. Each timeline is
read with a handful of queries whatever the number of communities or cycles (never one
query per community or per cycle), and only what the person asking may read (a
facilitator or mentor: the communities they are assigned to).

The pieces: ``community`` (one community's lanes), ``office`` (every community's row),
``layout`` (the date axis and row packing the screen and the PDF share); their shared
colours are in ``desktop.services.queries.palette``. This face names them all, so a
caller need not know which piece holds what.
"""

from __future__ import annotations

from desktop.services.queries.palette import (
    ACTION_COLOURS,
    DARK_TEXT,
    FALLBACK_COLOUR,
    LIGHT_TEXT,
    MARKER_COLOURS,
    OVERDUE_COLOUR,
    PHASE_COLOURS,
    TODAY_COLOUR,
    text_colour_on,
)
from desktop.services.queries.timeline.community import (
    MARKER_ENTITIES,
    OPEN_ACTION_STATUSES,
    ActionBar,
    CommunityTimeline,
    CycleLane,
    Marker,
    PhaseBar,
    community_timeline,
)
from desktop.services.queries.timeline.layout import DateAxis, pack_rows, period_starts
from desktop.services.queries.timeline.office import (
    OfficePhase,
    OfficeQuery,
    OfficeRow,
    OfficeTimeline,
    day_count,
    office_timeline,
)

#: The kinds of record the timelines are drawn from; a change to any other leaves them be.
TIMELINE_KINDS = (
    "community",
    "community_assignment",
    "cycle",
    "phase",
    "meeting",
    "action",
    "follow_up",
    "indicator",
    "observation",
    "reflection",
    "mentor_review",
    "user",
)

__all__ = [
    "ACTION_COLOURS",
    "DARK_TEXT",
    "FALLBACK_COLOUR",
    "LIGHT_TEXT",
    "MARKER_COLOURS",
    "MARKER_ENTITIES",
    "OPEN_ACTION_STATUSES",
    "OVERDUE_COLOUR",
    "PHASE_COLOURS",
    "TIMELINE_KINDS",
    "TODAY_COLOUR",
    "ActionBar",
    "CommunityTimeline",
    "CycleLane",
    "DateAxis",
    "Marker",
    "OfficePhase",
    "OfficeQuery",
    "OfficeRow",
    "OfficeTimeline",
    "PhaseBar",
    "community_timeline",
    "day_count",
    "office_timeline",
    "pack_rows",
    "period_starts",
    "text_colour_on",
]
