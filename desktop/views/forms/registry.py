"""What the main window needs to know about forms: which have unsaved changes, and how to
reopen a form whose draft was left behind by a crash."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.services.drafts import DraftEntry, DraftService
from desktop.views.context import AppContext

if TYPE_CHECKING:
    from desktop.views.forms.form import Form

#: Opens the form a draft belongs to (the form then restores it): (context, draft, parent).
DraftOpener = Callable[[AppContext, DraftEntry, QWidget | None], None]

_openers: dict[str, DraftOpener] = {}
_reopened: set[str] = set()


class DirtyForms(QObject):
    """Counts the open forms with unsaved changes (for the status bar)."""

    count_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._dirty: weakref.WeakSet[Form] = weakref.WeakSet()

    def track(self, form: Form) -> None:
        ref = weakref.ref(form)
        form.dirty_changed.connect(lambda dirty: self._set_ref(ref, dirty))
        form.destroyed.connect(lambda *_: self._set_ref(ref, False))

    def _set_ref(self, ref: weakref.ref[Form], dirty: bool) -> None:
        form = ref()
        if form is not None:
            self._set(form, dirty)

    def _set(self, form: Form, dirty: bool) -> None:
        if dirty:
            self._dirty.add(form)
        else:
            self._dirty.discard(form)
        self.count_changed.emit(self.count())

    def count(self) -> int:
        return sum(1 for form in list(self._dirty) if _alive(form))

    def forms(self) -> list[Form]:
        return [form for form in list(self._dirty) if _alive(form)]


def _alive(form: QObject) -> bool:
    try:
        form.objectName()
    except RuntimeError:  # the C++ object is gone
        return False
    return True


_tracker: DirtyForms | None = None


def dirty_forms() -> DirtyForms:
    global _tracker
    if _tracker is None:
        _tracker = DirtyForms()
    return _tracker


def register_draft_opener(kind: str, opener: DraftOpener) -> None:
    """How to reopen forms whose key starts with ``kind/`` (e.g. "community")."""
    _openers[kind] = opener


def take_reopened(form_key: str) -> bool:
    """Whether the person chose to reopen this draft at start-up (asked only once)."""
    if form_key in _reopened:
        _reopened.discard(form_key)
        return True
    return False


def reopen_draft(context: AppContext, entry: DraftEntry, parent: QWidget | None) -> bool:
    """Open the form ``entry`` belongs to, which restores it; False if no opener is known."""
    opener = _openers.get(entry.kind)
    if opener is None:
        return False
    _reopened.add(entry.form_key)
    opener(context, entry, parent)
    _reopened.discard(entry.form_key)
    return True


def reopenable_drafts(context: AppContext) -> list[DraftEntry]:
    """The signed-in person's drafts whose forms can be reopened, newest first."""
    drafts = DraftService(context.db, context.actor).list()
    return [entry for entry in drafts if entry.kind in _openers]


def offer_drafts(context: AppContext, parent: QWidget | None) -> int:
    """At start-up: for each form left with unsaved work, offer to reopen it; how many were."""
    from desktop.views.forms import prompts

    reopened = 0
    for entry in reopenable_drafts(context):
        answer = prompts.ask_restore(parent, entry)
        if answer is None:
            continue
        if answer:
            reopened += reopen_draft(context, entry, parent)
        else:
            DraftService(context.db, context.actor).discard(entry.form_key)
    return reopened
