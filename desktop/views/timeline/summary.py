"""The timelines in a few sentences: their accessible descriptions.

A painted timeline is only pixels to a screen reader. Its accessible description says
what the picture tells at a glance (how many communities, which are late, where each
cycle stands); the "Show as table" view gives every row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication

from desktop.i18n import ngettext
from desktop.labels import label
from desktop.services.queries.timeline import (
    CommunityTimeline,
    OfficeRow,
)
from desktop.views.timeline.drawing import day_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimelineSummary", text)


def office_summary(rows: Sequence[OfficeRow], today: date) -> str:
    """E.g. "12 communities. 4 need attention: 3 with no recent meeting, 2 with overdue
    actions or follow-ups. Phases today: learning 4, action 5." """
    gaps = sum(row.meeting_gap() for row in rows)
    late = sum(bool(row.overdue_actions or row.overdue_follow_ups) for row in rows)
    flagged = sum(bool(row.flags) for row in rows)
    now = Counter(kind for row in rows for kind in set(row.phases_on(today)))
    sentences = [
        ngettext("{n} community.", "{n} communities.", len(rows)).format(n=len(rows)),
        _tr(
            "{flagged} need attention: {gaps} with no recent meeting, "
            "{late} with overdue actions or follow-ups."
        ).format(flagged=flagged, gaps=gaps, late=late),
    ]
    if now:
        phases = ", ".join(f"{label(kind)} {count}" for kind, count in sorted(now.items()))
        sentences.append(_tr("Phases today: {phases}.").format(phases=phases))
    sentences.append(_tr("Show as table lists every community and phase."))
    return " ".join(sentences)


def community_summary(timeline: CommunityTimeline) -> str:
    """E.g. "Kerewe: 1 cycle. Cycle 1, Girls in school, from 3 Feb 2025: now in action;
    4 actions: 1 planned, 2 under way, 1 done; 1 overdue; 3 meetings, the last on ..."."""
    today = timeline.today
    sentences = [
        ngettext("{name}: {n} cycle.", "{name}: {n} cycles.", len(timeline.lanes)).format(
            name=timeline.name, n=len(timeline.lanes)
        )
    ]
    for lane in timeline.lanes:
        parts = [
            _tr("Cycle {number}, {title}, from {start}").format(
                number=lane.number, title=lane.title, start=day_text(lane.start)
            )
        ]
        current = [p.kind for p in lane.phases if p.start <= today <= (p.end or today)]
        if current:
            parts.append(_tr("now in {phase}").format(phase=", ".join(map(label, current))))
        if lane.actions:
            statuses = Counter(action.status for action in lane.actions)
            counts = ", ".join(f"{count} {label(status)}" for status, count in statuses.items())
            parts.append(
                ngettext("{n} action", "{n} actions", len(lane.actions)).format(n=len(lane.actions))
                + f" ({counts})"
            )
            overdue = sum(action.overdue for action in lane.actions)
            if overdue:
                parts.append(
                    ngettext("{n} overdue action", "{n} overdue actions", overdue).format(n=overdue)
                )
        meetings = [m.on for m in lane.markers if m.entity == "meeting"]
        if meetings:
            parts.append(
                ngettext("{n} meeting", "{n} meetings", len(meetings)).format(n=len(meetings))
                + " "
                + _tr("(the last on {day})").format(day=day_text(max(meetings)))
            )
        late = sum(m.overdue for m in lane.markers)
        if late:
            parts.append(
                ngettext("{n} overdue follow-up", "{n} overdue follow-ups", late).format(n=late)
            )
        sentences.append("; ".join(parts) + ".")
    return " ".join(sentences)
