"""The office settings the app knows and their defaults, apart from the service that stores
them: the attention rules and the printed forms read them without loading the database
layer (a blank form prints without SQLAlchemy)."""

from __future__ import annotations

from enum import StrEnum


class SettingKey(StrEnum):
    """Settings the app knows; other keys may be stored as plain text."""

    OFFICE_NAME = "office_name"
    DEFAULT_LANGUAGE = "default_language"
    IDLE_LOCK_MINUTES = "idle_lock_minutes"
    OFFICE_LOGO = "office_logo"  # a PNG or JPEG picture, base64-encoded
    # When a community needs attention (desktop.services.queries.attention): days, or a share
    NO_MEETING_DAYS = "attention.no_meeting_days"
    NO_OBSERVATION_DAYS = "attention.no_observation_days"
    REVIEW_AFTER_DAYS = "attention.review_after_days"
    STALLED_PERCENT = "attention.stalled_percent"


DEFAULTS: dict[str, str] = {
    SettingKey.OFFICE_NAME: "",
    SettingKey.DEFAULT_LANGUAGE: "en",
    SettingKey.IDLE_LOCK_MINUTES: "10",
    SettingKey.NO_MEETING_DAYS: "60",
    SettingKey.NO_OBSERVATION_DAYS: "90",
    SettingKey.REVIEW_AFTER_DAYS: "30",
    SettingKey.STALLED_PERCENT: "5",
}
#: The attention thresholds and the whole numbers each may be.
THRESHOLD_RANGES: dict[str, tuple[int, int]] = {
    SettingKey.NO_MEETING_DAYS: (1, 3650),
    SettingKey.NO_OBSERVATION_DAYS: (1, 3650),
    SettingKey.REVIEW_AFTER_DAYS: (1, 3650),
    SettingKey.STALLED_PERCENT: (0, 100),
}
