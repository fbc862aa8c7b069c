"""XLSForms for phones: the meeting record, an indicator observation and an action update,
as ODK Collect and KoboCollect read them once converted (by ODK Central or KoboToolbox).

The choice lists come from the office as the signed-in person sees it: the participant
groups, the communities they may read, those communities' indicators and actions (filtered
on the phone by the community chosen). Field names are the app's own column names, so a
submission maps back onto a record without a mapping table. Each language chosen gets its
own label columns (``label::Français (fr)``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.exchange.export import replace_file, save_workbook
from desktop.i18n import LANGUAGES, _, using_language
from desktop.labels import group_words, labels
from desktop.models.base import utcnow
from desktop.models.enums import ActionStatus, CycleStatus, MeetingKind
from desktop.services.facade import Services
from desktop.services.framework.records import Record

Row = dict[str, str]


@dataclass
class Form:
    """The three sheets of an XLSForm, as rows of column -> text."""

    form_id: str
    title: str
    survey: list[Row] = field(default_factory=list)
    choices: list[Row] = field(default_factory=list)

    def ask(self, kind: str, name: str, text: str, **extra: str) -> None:
        self.survey.append({"type": kind, "name": name, "label": text, **extra})

    def choice(self, list_name: str, name: str, text: str, **extra: str) -> None:
        self.choices.append({"list_name": list_name, "name": name, "label": text, **extra})


@dataclass(frozen=True)
class _Office:
    """What the forms offer to choose from, as the signed-in person may read it."""

    groups: list[tuple[str, str]]
    communities: list[tuple[uuid.UUID, str]]
    cycle_community: dict[uuid.UUID, uuid.UUID]


def _office(services: Services) -> _Office:
    groups = [
        (g.data.code, group_words(g.data.code, g.data.name))
        for g in services.participant_groups.participant_groups()
    ]
    communities = sorted(
        ((c.id, c.data.name) for c in services.communities.list().items), key=lambda c: c[1]
    )
    readable = {community_id for community_id, _name in communities}
    cycles = services.cycles.list(where={"status": CycleStatus.ACTIVE.value}).items
    owners = {c.id: c.data.community_id for c in cycles if c.data.community_id in readable}
    return _Office(groups, communities, owners)


def _communities(form: Form, office: _Office) -> None:
    form.ask("select_one community", "community_id", _("Community"), required="yes")
    for community_id, name in office.communities:
        form.choice("community", str(community_id), name)


def meeting_form(services: Services, office: _Office) -> Form:
    form = Form("clcp_meeting", _("Meeting record"))
    _communities(form, office)
    form.ask("date", "held_on", _("Date of the meeting"), required="yes")
    form.ask("select_one meeting_kind", "kind", _("Kind of meeting"), required="yes")
    for code, words in labels(MeetingKind).items():
        form.choice("meeting_kind", code, words)
    form.ask("text", "place", _("Place"))
    form.ask("text", "facilitated_by", _("Facilitated by"))
    form.ask("begin_group", "attendance", _("Who took part (number of people)"))
    for code, name in office.groups:
        form.ask(
            "integer",
            f"count_{code}",
            name,
            constraint=". >= 0 and . <= 100000",
            constraint_message=_("A number of people, 0 or more."),
        )
    form.ask("end_group", "attendance", "")
    form.ask("text", "decisions", _("Decisions"), appearance="multiline")
    form.ask("text", "notes", _("Notes"), appearance="multiline")
    return form


def _record_picker(
    form: Form,
    office: _Office,
    kind: str,
    question: str,
    items: list[Record[Any]],
    words: Callable[[Any], str],
) -> None:
    """A required choice of one ``kind`` record (``<kind>_id``), its list filtered to the
    community chosen above."""
    form.ask(
        f"select_one {kind}",
        f"{kind}_id",
        question,
        required="yes",
        choice_filter="community=${community_id}",
    )
    for item in items:
        form.choice(kind, str(item.id), words(item.data), community=_owner(item, office))


def observation_form(services: Services, office: _Office) -> Form:
    form = Form("clcp_observation", _("Indicator observation"))
    _communities(form, office)
    items = _in_live_cycles(services.indicators.list().items, office)
    _record_picker(form, office, "indicator", _("Indicator"), items, lambda d: d.wording)
    form.ask("date", "observed_on", _("Date observed"), required="yes")
    form.ask("decimal", "value_number", _("Value (a number)"))
    form.ask("text", "value_text", _("Value (in words)"))
    form.ask("text", "note", _("Note"), appearance="multiline")
    form.ask("text", "recorded_by", _("Recorded by"))
    return form


def action_form(services: Services, office: _Office) -> Form:
    form = Form("clcp_action_update", _("Action update"))
    _communities(form, office)
    items = _in_live_cycles(services.actions.list().items, office)
    _record_picker(form, office, "action", _("Action"), items, lambda d: d.what)
    form.ask("select_one action_status", "status", _("Where the action stands"), required="yes")
    for code, words in labels(ActionStatus).items():
        form.choice("action_status", code, words)
    form.ask(
        "date", "completed_on", _("Date completed"), relevant="${status} = 'done'", required="yes"
    )
    form.ask("text", "note", _("What happened"), appearance="multiline")
    return form


def _in_live_cycles(items: Any, office: _Office) -> list[Record[Any]]:
    return [item for item in items if item.data.cycle_id in office.cycle_community]


def _owner(item: Record[Any], office: _Office) -> str:
    return str(office.cycle_community[item.data.cycle_id])


FORMS: dict[str, Callable[[Services, _Office], Form]] = {
    "meeting": meeting_form,
    "observation": observation_form,
    "action": action_form,
}


def write_xlsform(services: Services, form_id: str, out: Path, *, languages: list[str]) -> None:
    """Write the form ``form_id`` (a key of FORMS) to ``out``, labelled in ``languages``:
    the form is made once in each language, and each label column holds its own."""
    office = _office(services)
    forms = {}
    for code in dict.fromkeys(languages):
        with using_language(code):
            forms[code] = FORMS[form_id](services, office)
    replace_file(out, lambda path: _save(forms, path, utcnow().strftime("%Y%m%d%H%M")))


def _save(forms: dict[str, Form], path: Path, version: str) -> None:
    from openpyxl import Workbook

    names = [f"{LANGUAGES[code]} ({code})" for code in forms]
    form = next(iter(forms.values()))
    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    _rows(survey, [f.survey for f in forms.values()], names)
    _rows(book.create_sheet("choices"), [f.choices for f in forms.values()], names)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([form.title, form.form_id, version, names[0]])
    save_workbook(book, path)


def _rows(sheet: Any, per_language: list[list[Row]], languages: list[str]) -> None:
    """Write rows, with one label column (and constraint message) per language: the rows
    of each language's form, which differ only in their words."""
    translated = ("label", "constraint_message")
    rows = per_language[0]
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    header = [
        f"{column}::{language}" if column in translated else column
        for column in columns
        for language in (languages if column in translated else [""])
    ]
    sheet.append(header)
    for index, row in enumerate(rows):
        sheet.append(
            [
                words[index].get(column, "") if column in translated else row.get(column, "")
                for column in columns
                for words in (per_language if column in translated else [per_language[0]])
            ]
        )
