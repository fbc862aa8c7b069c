"""Who was in the room: for each participant group, the meetings it attended, the meetings
that took decisions without it, and its share of the meetings held.

A count of people alone hides a group that never came: "0" reads like any other cell. So
the tally keeps, per group, how many meetings it was counted at (above zero) and how many
decision meetings it missed, and says in words which groups were never in the room. The
same tally is made from one cycle's meetings (the cycle report) and, by the database, for
every community and quarter of the monitoring report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from desktop.i18n import _, format_percent
from desktop.services.queries.attention import took_decisions


@dataclass
class GroupPresence:
    """One participant group over a set of meetings."""

    people: int = 0  # counted, over all the meetings
    attended: int = 0  # meetings where the group was counted above zero
    at_decisions: int = 0  # meetings that took decisions where it was counted above zero

    def add(self, other: GroupPresence) -> None:
        self.people += other.people
        self.attended += other.attended
        self.at_decisions += other.at_decisions


@dataclass
class MeetingTally:
    """Meetings held, those that took decisions, and each group's presence at them."""

    meetings: int = 0
    decision_meetings: int = 0
    groups: dict[str, GroupPresence] = field(default_factory=dict)

    def group(self, code: str) -> GroupPresence:
        return self.groups.get(code) or GroupPresence()

    def missed_decisions(self, code: str) -> int:
        """Meetings that took decisions with nobody of the group counted."""
        return self.decision_meetings - self.group(code).at_decisions

    def share(self, code: str) -> float | None:
        """The part of the meetings the group attended (None: no meeting)."""
        return self.group(code).attended / self.meetings if self.meetings else None

    def never_in_room(self, code: str) -> bool:
        """Meetings were held, and the group was counted at none of them."""
        return self.meetings > 0 and self.group(code).attended == 0

    def add(self, other: MeetingTally) -> None:
        self.meetings += other.meetings
        self.decision_meetings += other.decision_meetings
        for code, presence in other.groups.items():
            self.groups.setdefault(code, GroupPresence()).add(presence)

    def count(self, attendance: Mapping[str, int], decided: bool) -> None:
        """Add one meeting: the people counted per group, and whether it took decisions."""
        self.meetings += 1
        self.decision_meetings += decided
        for code, people in attendance.items():
            presence = self.groups.setdefault(code, GroupPresence())
            presence.people += people
            presence.attended += people > 0
            presence.at_decisions += decided and people > 0


def tally_meetings(meetings: Iterable[tuple[Mapping[str, int], str]]) -> MeetingTally:
    """The tally of (attendance, decisions written) pairs, e.g. one cycle's meetings."""
    tally = MeetingTally()
    for attendance, decisions in meetings:
        tally.count(attendance, took_decisions(decisions))
    return tally


def share_words(tally: MeetingTally, code: str) -> str:
    """ "7 of 10 (70%)", or "no meeting"; the share written as the language writes a
    percentage ("70 %" in French)."""
    share = tally.share(code)
    if share is None:
        return _("no meeting")
    return _("{n} of {total} ({percent})").format(
        n=tally.group(code).attended, total=tally.meetings, percent=format_percent(share)
    )


def never_in_room_words(names: Sequence[str]) -> str:
    """The groups never counted at a meeting, as a sentence (empty when there are none)."""
    if not names:
        return ""
    return _("Never in the room: {groups}.").format(groups=", ".join(names))
