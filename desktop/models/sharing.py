"""Which fields may leave the office in a shareable export, declared once for every column.

Every column of every synced table is either ``PERSONAL`` (names, phone numbers, free
text that may tell about a child or a family, files, who typed what) or ``SHAREABLE``
(places, dates, counts, codes, statuses). A shareable export leaves out every personal
column; a test fails for a column that appears here under neither, so a new field
cannot reach a donor's spreadsheet before someone has decided what it is.

Free text is personal by default: a meeting's notes or a harm priority's reasons can
name a child even when the form did not ask for a name.
"""

from __future__ import annotations

from enum import StrEnum


class Sharing(StrEnum):
    PERSONAL = "personal"
    SHAREABLE = "shareable"


P, S = Sharing.PERSONAL, Sharing.SHAREABLE

SYNC_COLUMNS: dict[str, Sharing] = {
    "id": S,
    "created_at": S,
    "updated_at": S,
    "version": S,
    "updated_by": P,  # a person's account name
    "origin_device": P,  # identifies a laptop, so its user
    "deleted_at": S,
}
"""The bookkeeping columns every synced table has (``SyncMixin``)."""

# fmt: off
COLUMNS: dict[str, dict[str, Sharing]] = {
    "app_user": {"username": P, "display_name": P, "role": S, "language": S, "active": S},
    "attachment": {"entity_type": S, "entity_id": S, "file_name": P, "media_type": S,
                   "size": S, "sha256": P, "caption": P, "content": P},
    "community": {"name": S, "other_names": S, "kind": S, "country": S, "region": S,
                  "district": S, "locality": S, "latitude": S, "longitude": S,
                  "population_estimate": S, "languages": S, "notes": P,
                  "partnership_status": S, "partnership_since": S, "search_text": S},
    "office_setting": {"key": S, "value": S},
    "participant_group": {"code": S, "name": S, "position": S, "active": S},
    "stakeholder": {"name": S, "type": S, "level": S, "district": S, "contact_person": P,
                    "phone": P, "email": P, "address": P, "notes": P},
    "community_assignment": {"community_id": S, "user_id": P, "role": S, "from_on": S,
                             "to_on": S},
    "cycle": {"community_id": S, "number": S, "title": S, "start_on": S, "end_on": S,
              "status": S},
    "harm": {"code": S, "name": S, "description": S, "community_id": S, "retired": S},
    "linkage": {"community_id": S, "stakeholder_id": S, "kind": S, "status": S,
                "agreed_on": S, "agreement": P, "notes": P},
    "partnership_change": {"community_id": S, "status": S, "changed_on": S, "reason": P},
    "planning_group_member": {"community_id": S, "label": P, "group_code": S, "from_on": S,
                              "to_on": S},
    "action": {"cycle_id": S, "harm_id": S, "what": S, "lead_role": S, "participants": P,
               "start_on": S, "due_on": S, "status": S, "community_resources": S,
               "outside_resources": S, "is_manageable": S, "is_sustainable": S,
               "is_do_no_harm": S, "is_inclusive": S, "completed_on": S},
    "comment": {"cycle_id": S, "subject_kind": S, "subject_id": S, "parent_id": S,
                "author": P, "body": P, "resolved_on": S, "resolved_by": P},
    "harm_name": {"harm_id": S, "language": S, "name": S},
    "linkage_change": {"linkage_id": S, "status": S, "changed_on": S, "note": P},
    "meeting": {"cycle_id": S, "held_on": S, "kind": S, "place": S, "facilitated_by": P,
                "decisions": P, "notes": P},
    "mentor_review": {"cycle_id": S, "mentor_id": P, "reviewed_on": S, "overall_comment": P,
                      "facilitator_response": P, "signed_off_on": S, "signed_off_phase": S},
    "phase": {"cycle_id": S, "kind": S, "start_on": S, "end_on": S, "notes": P},
    "action_stakeholder": {"action_id": S, "stakeholder_id": S},
    "benchmark_assessment": {"review_id": S, "benchmark": S, "rating": S, "comment": P},
    "comment_read": {"comment_id": S, "username": P, "read_at": S},
    "follow_up": {"review_id": S, "description": P, "owner": P, "due_on": S, "status": S,
                  "closed_on": S},
    "harm_priority": {"cycle_id": S, "harm_id": S, "selected": S, "reasons": P,
                      "decided_at_meeting_id": S},
    "indicator": {"cycle_id": S, "harm_id": S, "action_id": S, "wording": S,
                  "defined_by_community": S, "method": S, "collected_by": P, "frequency": S,
                  "value_kind": S, "unit": S, "baseline": S, "target": S,
                  "baseline_number": S, "target_number": S},
    "learning_finding": {"cycle_id": S, "harm_id": S, "summary": P, "method": S,
                         "validated": S, "feedback_meeting_id": S},
    "meeting_attendance": {"meeting_id": S, "group_code": S, "count": S},
    "reflection": {"cycle_id": S, "held_on": S, "what_worked": P, "challenges": P,
                   "adjustments": P, "meeting_id": S},
    "harm_rank": {"priority_id": S, "group_code": S, "rank": S},
    "observation": {"indicator_id": S, "observed_on": S, "value_number": S, "value_text": P,
                    "note": P, "recorded_by": P},
    "reflection_action": {"reflection_id": S, "action_id": S},
    "possible_duplicate": {"kind": S, "first_id": S, "second_id": S, "first_added_by": P,
                           "first_added_at": S, "second_added_by": P, "second_added_at": S,
                           "status": S, "kept_id": S},
}
# fmt: on


def sharing_of(table: str, column: str) -> Sharing:
    """How a column of a synced table may be shared; KeyError for one nobody classified."""
    if column in SYNC_COLUMNS:
        return SYNC_COLUMNS[column]
    return COLUMNS[table][column]


def is_shareable(table: str, column: str) -> bool:
    return sharing_of(table, column) is Sharing.SHAREABLE
