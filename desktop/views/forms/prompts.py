"""The questions forms ask: leave with unsaved changes? restore a draft?

Kept in one module so every form asks them the same way (and tests can answer them).
The question about a draft names the record it is about, with its community and cycle
("Meeting of 2025-03-12 in Kafue, cycle 2 “Keeping girls in school”"): an office works
on many communities, and "Meeting" alone does not say which work would be put back or
thrown away. The record is found from the form's key
(:func:`desktop.services.queries.record_names.describe_form`); the form's title is the fallback.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.queries.record_names import describe_form
from desktop.services.usecases.drafts import DraftEntry
from desktop.views.shell.context import AppContext

_CONTEXT = "Forms"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class Leave(Enum):
    SAVE = "save"
    DISCARD = "discard"
    STAY = "stay"


def ask_unsaved(parent: QWidget | None, title: str) -> Leave:
    """Save, discard or keep editing the unsaved changes of the form called ``title``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Unsaved changes"))
    box.setText(_tr("“{title}” has changes that are not saved.").format(title=title))
    box.setInformativeText(_tr("Save them before you go on?"))
    save = box.addButton(_tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_tr("&Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton(_tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Leave.SAVE
    if clicked is discard:
        return Leave.DISCARD
    return Leave.STAY


def describe_draft(context: AppContext | None, entry: DraftEntry) -> str:
    """What the draft is about: the record, its community and cycle, else the form's title."""
    if context is None:
        return entry.title
    return describe_form(context.services, entry.form_key) or entry.title


def context_of(widget: QObject | None) -> AppContext | None:
    """The app context of ``widget`` or of the nearest window or form holding it."""
    while widget is not None:
        context = getattr(widget, "context", None)
        if isinstance(context, AppContext):
            return context
        widget = widget.parent()
    return None


def saved_at_text(entry: DraftEntry) -> str:
    """When the draft was last saved, in the person's locale and time zone."""
    return entry.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")


def restore_box(
    parent: QWidget | None, entry: DraftEntry, context: AppContext | None = None
) -> QMessageBox:
    """The question asked about a draft left by a form closed unexpectedly; its buttons
    are Restore (accept role), Discard (destructive role) and Ask me later (reject role).
    The record is named through ``context`` (by default the one of ``parent``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Unsaved work found"))
    about = describe_draft(context or context_of(parent), entry)
    box.setText(
        _tr("{about}: typed at {when} and not saved when the app last closed.").format(
            about=about, when=saved_at_text(entry)
        )
    )
    box.setInformativeText(_tr("Put that work back into the form?"))
    restore = box.addButton(_tr("&Restore it"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_tr("&Discard it"), QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton(_tr("Ask me &later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    return box


def ask_restore(parent: QWidget | None, entry: DraftEntry) -> bool | None:
    """Put back the unsaved input of a form closed unexpectedly (True), throw it away
    (False), or decide later (None: the draft is kept and asked about next time)."""
    box = restore_box(parent, entry)
    box.exec()
    role = box.buttonRole(box.clickedButton()) if box.clickedButton() else None
    if role == QMessageBox.ButtonRole.AcceptRole:
        return True
    return False if role == QMessageBox.ButtonRole.DestructiveRole else None
