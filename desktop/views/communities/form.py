"""The community profile form: used to add a community and, on its page, to edit it.

The partnership status is set here only for a new community; afterwards it changes
through its own dialog on the community page, so every change keeps its date and reason.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from desktop.labels import labels
from desktop.models.enums import CommunityKind, PartnershipStatus
from desktop.services.framework.records import Record
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.drafts import DraftEntry
from desktop.views.forms import (
    Form,
    FormDialog,
    NumberEdit,
    OptionalDateEdit,
    choice_combo,
    fit_width,
    register_draft_opener,
)
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form

PARTNERSHIP_FIELDS = ("partnership_status", "partnership_since", "partnership_reason")
NEW_KEY = "community/new"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CommunityForm", text)


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def add_profile_fields(form: Form) -> None:
    """Every profile field of a community, in the order a person fills them in."""
    form.add_section(_tr("Name and place"))
    form.add_field("name", _tr("&Name:"), QLineEdit())
    form.add_field(
        "other_names",
        _tr("&Other names:"),
        QLineEdit(),
        hint=_tr("Other spellings or names people use, separated by commas"),
    )
    form.add_field("kind", _tr("&Kind:"), choice_combo(labels(CommunityKind)))
    form.add_field("country", _tr("Co&untry:"), QLineEdit())
    form.add_field("region", _tr("&Region:"), QLineEdit())
    form.add_field("district", _tr("&District:"), QLineEdit())
    form.add_field("locality", _tr("&Locality:"), QLineEdit())
    latitude = form.add_field("latitude", _tr("Lat&itude:"), NumberEdit(decimals=6))
    longitude = form.add_field("longitude", _tr("Longitud&e:"), NumberEdit(decimals=6))
    for widget in (latitude, longitude):
        fit_width(widget, 12)
        widget.setPlaceholderText(_tr("optional"))
    form.add_section(_tr("People"))
    population = form.add_field("population_estimate", _tr("&Population (estimate):"), NumberEdit())
    fit_width(population, 10)
    form.add_field(
        "languages",
        _tr("Lan&guages:"),
        QLineEdit(),
        hint=_tr("Languages spoken, separated by commas"),
    )
    form.add_field("notes", _tr("No&tes:"), _text_box(4))


def add_partnership_fields(form: Form) -> None:
    form.add_section(_tr("Partnership"))
    form.add_field("partnership_status", _tr("&Status:"), choice_combo(labels(PartnershipStatus)))
    form.add_field("partnership_since", _tr("Since:"), OptionalDateEdit())
    form.add_field(
        "partnership_reason",
        _tr("Re&ason or note:"),
        _text_box(2),
        hint=_tr("If the community declined, say why, as they put it"),
    )


def community_data(values: dict[str, Any], base: CommunityData | None = None) -> CommunityData:
    """The service's input from the form's values (fields not on the form kept from ``base``)."""
    start = base if base is not None else CommunityData(name="")
    known = {field.name for field in dataclasses.fields(CommunityData)}
    return dataclasses.replace(start, **{k: v for k, v in values.items() if k in known})


def new_community_form(context: AppContext, parent: QWidget | None = None) -> Form:
    def submit(values: dict[str, Any]) -> Record[CommunityData]:
        return context.services.communities.create(community_data(values))

    form = Form(context, form_key=NEW_KEY, title=_tr("New community"), submit=submit, parent=parent)
    route_form(form, context)
    add_profile_fields(form)
    add_partnership_fields(form)
    form.set_values({"partnership_status": "exploring", "partnership_since": context.today()})
    return form


def create_community(context: AppContext, parent: QWidget | None = None) -> uuid.UUID | None:
    """Ask for a new community's profile; its id once saved, None if cancelled."""
    form = new_community_form(context)
    dialog = FormDialog(form, parent)
    dialog.setObjectName("new_community_dialog")
    created: list[uuid.UUID] = []
    form.saved.connect(lambda record: created.append(record.id))
    if not dialog.exec() or not created:
        return None
    return created[0]


def _reopen(context: AppContext, entry: DraftEntry, parent: QWidget | None) -> None:
    if entry.form_key == NEW_KEY:
        community_id = create_community(context, parent)
        if community_id is not None:
            context.navigator.open_community.emit(str(community_id))
    else:
        context.navigator.open_community.emit(entry.form_key.split("/", 1)[1])


register_draft_opener("community", _reopen)
