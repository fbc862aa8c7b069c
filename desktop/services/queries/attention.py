"""What needs attention in a community: the one place that decides it, and the words for it.

A manager reads flags, not tables of zeros. Seven things make a community need attention:
actions or mentor follow-ups past their date, no meeting for a while during a running
cycle, a participant group absent from every meeting of the cycle that took decisions,
an indicator nobody observed for a while or one moving away from its target, and a
running cycle without a mentor review. The rules are the functions below; the thresholds
are office settings with defaults (:class:`Thresholds`). ``attention_reads`` applies the
rules to many communities at once with a handful of queries.

Every screen and printout that warns (the community list, the office timeline, the
monitoring and cycle reports, the filled forms) takes its flags from here and shows
them the same way: the words of :func:`flag_words` beside the attention mark (a disc
with "!"), never a colour alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.i18n import _, ngettext
from desktop.services.usecases.office_keys import DEFAULTS, SettingKey

#: The attention mark printed and shown beside a flag's words (drawn as a disc around it).
MARK = "!"


class FlagKind(StrEnum):
    """Why a community needs attention, in the order its flags are listed."""

    OVERDUE_ACTIONS = "overdue_actions"
    OVERDUE_FOLLOW_UPS = "overdue_follow_ups"
    NO_MEETING = "no_meeting"
    GROUP_ABSENT = "group_absent"
    INDICATOR_AWAY = "indicator_away"
    INDICATOR_SILENT = "indicator_silent"
    NO_REVIEW = "no_review"


@dataclass(frozen=True)
class Thresholds:
    """When a flag is raised; each is the office setting of the same meaning."""

    no_meeting_days: int = int(DEFAULTS[SettingKey.NO_MEETING_DAYS])
    no_observation_days: int = int(DEFAULTS[SettingKey.NO_OBSERVATION_DAYS])
    review_after_days: int = int(DEFAULTS[SettingKey.REVIEW_AFTER_DAYS])
    #: an indicator whose latest value moved less than this share of the way from its
    #: start to its target (either way) has stalled
    stalled_percent: int = int(DEFAULTS[SettingKey.STALLED_PERCENT])

    @classmethod
    def from_settings(cls, stored: Mapping[str, str]) -> Thresholds:
        """The thresholds from stored setting values (missing or unreadable: the default)."""
        defaults = cls()
        keys = {
            "no_meeting_days": SettingKey.NO_MEETING_DAYS,
            "no_observation_days": SettingKey.NO_OBSERVATION_DAYS,
            "review_after_days": SettingKey.REVIEW_AFTER_DAYS,
            "stalled_percent": SettingKey.STALLED_PERCENT,
        }
        values = {}
        for name, key in keys.items():
            text = stored.get(key, "")
            values[name] = (
                int(text) if text.isascii() and text.isdigit() else getattr(defaults, name)
            )
        return cls(**values)


@dataclass(frozen=True)
class Flag:
    """One reason a community needs attention, since when, and what it concerns."""

    kind: FlagKind
    since: date
    count: int = 1
    #: what it concerns, by name: the groups absent, the indicators
    names: tuple[str, ...] = ()
    #: the number of the cycle it is about (None: every cycle)
    cycle: int | None = None


@dataclass(frozen=True)
class CommunityAttention:
    """A community's flags, in :class:`FlagKind` order (none: nothing needs attention)."""

    community_id: uuid.UUID
    name: str
    district: str
    flags: tuple[Flag, ...]

    @property
    def since(self) -> date:
        """The day the longest-standing flag began."""
        return min(flag.since for flag in self.flags)


def by_urgency(communities: Iterable[CommunityAttention]) -> list[CommunityAttention]:
    """Flagged communities, most urgent first: the most reasons, then the longest waiting."""
    flagged = [c for c in communities if c.flags]
    return sorted(flagged, key=lambda c: (-len(c.flags), c.since, c.name, c.community_id))


def ordered(flags: Iterable[Flag]) -> tuple[Flag, ...]:
    kinds = list(FlagKind)
    return tuple(sorted(flags, key=lambda flag: kinds.index(flag.kind)))


# --- the rules ------------------------------------------------------------------------------


def days_waiting(since: date | None, today: date, limit: int) -> bool:
    """Whether more than ``limit`` days have passed since ``since``."""
    return since is not None and (today - since).days > limit


def meeting_gap_since(
    last_meeting: date | None, cycle_start: date, today: date, thresholds: Thresholds
) -> date | None:
    """The day a running cycle's community last met (its start if never), when that is
    longer ago than the threshold; None when it met recently enough."""
    since = last_meeting or cycle_start
    return since if days_waiting(since, today, thresholds.no_meeting_days) else None


def silent_since(
    last_observed: date | None, defined_on: date, today: date, thresholds: Thresholds
) -> date | None:
    """The day an indicator was last observed (defined, if never), when that is longer
    ago than the threshold; None when it was observed recently enough."""
    since = last_observed or defined_on
    return since if days_waiting(since, today, thresholds.no_observation_days) else None


def review_missing_since(
    cycle_start: date, reviews: int, today: date, thresholds: Thresholds
) -> date | None:
    """The start of a running cycle with no mentor review once it has run long enough."""
    if reviews or not days_waiting(cycle_start, today, thresholds.review_after_days):
        return None
    return cycle_start


def took_decisions(decisions: str | None) -> bool:
    """A meeting took decisions when its decisions were written down."""
    return bool(decisions and decisions.strip())


class Direction(StrEnum):
    """Where a counted indicator's latest value went, against its start and its target."""

    TOWARD = "toward"
    STALLED = "stalled"
    AWAY = "away"
    UNKNOWN = "unknown"  # no target, or nothing to compare yet


def direction(
    baseline: float | None,
    target: float | None,
    values: Sequence[float],
    thresholds: Thresholds,
) -> Direction:
    """Toward, stalled or away: the latest value against the start (the baseline, else the
    first value) measured as a share of the way to the target."""
    if target is None or not values:
        return Direction.UNKNOWN
    start = baseline if baseline is not None else (values[0] if len(values) > 1 else None)
    if start is None:
        return Direction.UNKNOWN
    latest = values[-1]
    if latest == target:
        return Direction.TOWARD  # reached
    way = target - start
    if way == 0:
        return Direction.AWAY  # it was on target and left it
    share = (latest - start) / way
    if abs(share) * 100 < thresholds.stalled_percent or latest == start:
        return Direction.STALLED
    return Direction.TOWARD if share > 0 else Direction.AWAY


# --- words ----------------------------------------------------------------------------------


def day_count(days: int) -> str:
    """ "1 day", "74 days": how long ago, for the screens and the paper alike."""
    return ngettext("{n} day", "{n} days", days).format(n=days)


def direction_words(value: Direction) -> str:
    return {
        Direction.TOWARD: _("moved toward its target"),
        Direction.STALLED: _("stalled"),
        Direction.AWAY: _("moved away from its target"),
        Direction.UNKNOWN: _("no target or too few results to tell"),
    }[value]


def flag_words(flag: Flag, today: date, *, names: bool = False) -> str:
    """The flag in words, the same on every screen and paper (with ``names``, followed by
    what it concerns: the indicators' words, say)."""
    day, n = flag.since.isoformat(), flag.count
    cycle = flag.cycle if flag.cycle is not None else ""
    kind = flag.kind
    if kind == FlagKind.OVERDUE_ACTIONS:
        words = ngettext(
            "{n} action overdue since {day}", "{n} actions overdue since {day}", n
        ).format(n=n, day=day)
    elif kind == FlagKind.OVERDUE_FOLLOW_UPS:
        words = ngettext(
            "{n} mentor follow-up overdue since {day}",
            "{n} mentor follow-ups overdue since {day}",
            n,
        ).format(n=n, day=day)
    elif kind == FlagKind.NO_MEETING:
        words = _("No meeting since {day} ({days})").format(
            day=day, days=day_count((today - flag.since).days)
        )
    elif kind == FlagKind.GROUP_ABSENT:
        return ngettext(
            "{groups}: absent from the {n} decision meeting of cycle {cycle} (since {day})",
            "{groups}: absent from all {n} decision meetings of cycle {cycle} (since {day})",
            n,
        ).format(groups=", ".join(flag.names), n=n, cycle=cycle, day=day)
    elif kind == FlagKind.INDICATOR_AWAY:
        words = ngettext(
            "{n} indicator moving away from its target (seen {day})",
            "{n} indicators moving away from their targets (since {day})",
            n,
        ).format(n=n, day=day)
    elif kind == FlagKind.INDICATOR_SILENT:
        words = ngettext(
            "{n} indicator not observed since {day}",
            "{n} indicators not observed since {day}",
            n,
        ).format(n=n, day=day)
    else:
        words = _("No mentor review in cycle {cycle}, running since {day}").format(
            cycle=cycle, day=day
        )
    if names and flag.names:
        words += ": " + "; ".join(flag.names)
    return words


def short_words(flag: Flag, today: date) -> str:
    """The flag in a few words, without its date (a summary line; the date goes beside)."""
    n, kind = flag.count, flag.kind
    if kind == FlagKind.OVERDUE_ACTIONS:
        return ngettext("{n} action overdue", "{n} actions overdue", n).format(n=n)
    if kind == FlagKind.OVERDUE_FOLLOW_UPS:
        return ngettext("{n} follow-up overdue", "{n} follow-ups overdue", n).format(n=n)
    if kind == FlagKind.NO_MEETING:
        return _("no meeting for {days}").format(days=day_count((today - flag.since).days))
    if kind == FlagKind.GROUP_ABSENT:
        return _("{groups} absent from decisions in cycle {cycle}").format(
            groups=", ".join(flag.names), cycle=flag.cycle
        )
    if kind == FlagKind.INDICATOR_AWAY:
        return ngettext("{n} indicator moving away", "{n} indicators moving away", n).format(n=n)
    if kind == FlagKind.INDICATOR_SILENT:
        return ngettext("{n} indicator not observed", "{n} indicators not observed", n).format(n=n)
    return _("no mentor review in cycle {cycle}").format(cycle=flag.cycle)


def kind_words(kind: FlagKind) -> str:
    """A flag's kind in a few words (a column heading, a legend)."""
    return {
        FlagKind.OVERDUE_ACTIONS: _("Overdue actions"),
        FlagKind.OVERDUE_FOLLOW_UPS: _("Overdue mentor follow-ups"),
        FlagKind.NO_MEETING: _("No recent meeting"),
        FlagKind.GROUP_ABSENT: _("A group absent from decisions"),
        FlagKind.INDICATOR_AWAY: _("Indicator moving away from its target"),
        FlagKind.INDICATOR_SILENT: _("Indicator not observed"),
        FlagKind.NO_REVIEW: _("No mentor review this cycle"),
    }[kind]


def flags_summary(flags: Sequence[Flag], today: date) -> str:
    """All of a community's flags in one line (a list cell, a tooltip, a screen reader)."""
    return "; ".join(flag_words(flag, today) for flag in flags)


def overdue_words(due_on: date) -> str:
    """What an overdue action or follow-up says instead of its status."""
    return _("Overdue since {day}").format(day=due_on.isoformat())
