"""Who was in the room, on paper: one row per participant group with the people counted,
the meetings it attended (and their share), and the decision meetings held without it. A
group never counted says so in words, with the attention mark, instead of a bare "0"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.platypus import Flowable

from desktop.i18n import _
from desktop.reports.blocks import grid
from desktop.reports.flags import FlagNote
from desktop.services.queries.participation import MeetingTally, share_words
from desktop.services.queries.sheet_group import Group


def never_words(tally: MeetingTally) -> str:
    return _("never in the room (0 of {n} meetings)").format(n=tally.meetings)


def participation_table(
    tally: MeetingTally,
    groups: Sequence[Group],
    width: float,
    *,
    never_in: Mapping[str, int] | None = None,
) -> Flowable:
    """The tally as a table; ``never_in`` adds, per group, how many communities met
    without it ever being counted (the programme's view)."""
    header = [
        _("Group"),
        _("People counted"),
        _("Meetings attended"),
        _("Decision meetings without them"),
    ]
    shares = [0.26, 0.14, 0.32, 0.28]
    if never_in is not None:
        header.append(_("Communities where never in the room"))
        shares = [0.22, 0.12, 0.26, 0.2, 0.2]
    rows = []
    for group in groups:
        presence = tally.group(group.code)
        attended: object = share_words(tally, group.code)
        if tally.never_in_room(group.code):
            attended = [FlagNote(never_words(tally))]
        missed = _("{n} of {total}").format(
            n=tally.missed_decisions(group.code), total=tally.decision_meetings
        )
        row: list[object] = [group.name, str(presence.people), attended, missed]
        if never_in is not None:
            row.append(str(never_in.get(group.code, 0)))
        rows.append(row)
    return grid(header, rows, [width * share for share in shares])


def never_in_room(tally: MeetingTally, groups: Sequence[Group]) -> list[str]:
    """The names of the groups never counted at any of the tally's meetings."""
    return [group.name for group in groups if tally.never_in_room(group.code)]
