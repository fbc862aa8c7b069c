"""The workbook's layout: one sheet per kind of record, its columns and their HXL hashtags.

A sheet holds one table's rows with the table's own column names as headers (stable, so
a full export can be read back in), an HXL hashtag under each header (so humanitarian
tools read the figures without a mapping), and a few readable columns added after the
stored ones (a community's name beside its id, a code's words beside the code). The
readable columns end in ``_label`` or are named in :data:`READABLE`; an import ignores them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer

from desktop.models import (
    Action,
    ActionStakeholder,
    BenchmarkAssessment,
    Comment,
    CommentRead,
    Community,
    CommunityAssignment,
    Cycle,
    FollowUp,
    Harm,
    HarmName,
    HarmPriority,
    HarmRank,
    Indicator,
    LearningFinding,
    Linkage,
    LinkageChange,
    Meeting,
    MeetingAttendance,
    MentorReview,
    Observation,
    OfficeSetting,
    ParticipantGroup,
    PartnershipChange,
    Phase,
    PlanningGroupMember,
    Reflection,
    ReflectionAction,
    Stakeholder,
    User,
)
from desktop.models.base import UTCDateTime


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: its name in the workbook and the model whose rows it holds."""

    name: str
    model: type[Any]

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    def columns(self) -> list[str]:
        names = [column.name for column in self.model.__table__.columns]
        return ["id", *(name for name in names if name != "id")]


# In the order an import writes them: every row's parents come before it.
SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("participant_groups", ParticipantGroup),
    SheetSpec("office_settings", OfficeSetting),
    SheetSpec("users", User),
    SheetSpec("communities", Community),
    SheetSpec("partnership_changes", PartnershipChange),
    SheetSpec("assignments", CommunityAssignment),
    SheetSpec("planning_group", PlanningGroupMember),
    SheetSpec("stakeholders", Stakeholder),
    SheetSpec("harms", Harm),
    SheetSpec("harm_names", HarmName),
    SheetSpec("cycles", Cycle),
    SheetSpec("phases", Phase),
    SheetSpec("meetings", Meeting),
    SheetSpec("attendance", MeetingAttendance),
    SheetSpec("findings", LearningFinding),
    SheetSpec("harm_priorities", HarmPriority),
    SheetSpec("harm_ranks", HarmRank),
    SheetSpec("actions", Action),
    SheetSpec("action_stakeholders", ActionStakeholder),
    SheetSpec("indicators", Indicator),
    SheetSpec("observations", Observation),
    SheetSpec("reflections", Reflection),
    SheetSpec("reflection_actions", ReflectionAction),
    SheetSpec("linkages", Linkage),
    SheetSpec("linkage_changes", LinkageChange),
    SheetSpec("reviews", MentorReview),
    SheetSpec("assessments", BenchmarkAssessment),
    SheetSpec("follow_ups", FollowUp),
    SheetSpec("comments", Comment),
    SheetSpec("comment_reads", CommentRead),
)

ABOUT_SHEET = "about"
WIDE_ATTENDANCE_SHEET = "attendance_wide"
READABLE = ("community",)
"""Readable columns that are not ``..._label``: the community a row belongs to, by name."""

# Column name -> HXL hashtag, where one names what the column holds better than the
# generic tag by type (see :func:`hxl_tag`).
_BY_COLUMN: dict[str, str] = {
    "id": "#meta+id",
    "country": "#country+name",
    "region": "#adm1+name",
    "district": "#adm2+name",
    "locality": "#adm3+name",
    "latitude": "#geo+lat",
    "longitude": "#geo+lon",
    "population_estimate": "#population",
    "community_id": "#loc+id",
    "community": "#loc+name",
    "cycle_id": "#activity+cycle+id",
    "group_code": "#group+code",
    "count": "#reached",
    "value_number": "#indicator+value+num",
    "value_text": "#indicator+value+text",
    "wording": "#indicator+name",
    "what": "#activity+name",
    "status": "#status",
    "kind": "#activity+type",
    "rank": "#priority+rank",
    "language": "#meta+lang",
    "stakeholder_id": "#org+id",
}
_BY_TABLE: dict[tuple[str, str], str] = {
    ("community", "name"): "#loc+name",
    ("stakeholder", "name"): "#org+name",
    ("stakeholder", "type"): "#org+type",
    ("harm", "name"): "#sector+harm+name",
    ("harm", "code"): "#sector+harm+code",
    ("participant_group", "name"): "#group+name",
    ("participant_group", "code"): "#group+code",
    ("meeting", "held_on"): "#date+meeting",
    ("observation", "observed_on"): "#date+observed",
}


def hxl_tag(table: str, column: str) -> str:
    """The HXL hashtag (with attributes) for a column of a sheet."""
    if (table, column) in _BY_TABLE:
        return _BY_TABLE[(table, column)]
    if column in _BY_COLUMN:
        return _BY_COLUMN[column]
    attribute = column.removesuffix("_label").removesuffix("_id").removesuffix("_on")
    if column.endswith("_label"):
        return f"#meta+{attribute}+label"
    if column.endswith("_on") or column.endswith("_at"):
        return f"#date+{attribute}"
    return f"#meta+{attribute}"


def sql_kind(model: type[Any], column: str) -> str:
    """How a column's values are written and read back: uuid, date, timestamp, bool, int,
    float or text."""
    found = model.__table__.columns[column]
    kind = found.type
    for sql_type, name in (
        (UTCDateTime, "timestamp"),
        (Date, "date"),
        (Boolean, "bool"),
        (Integer, "int"),
        (Float, "float"),
    ):
        if isinstance(kind, sql_type):
            return name
    if "Uuid" in type(kind).__name__:
        return "uuid"
    return "text"
