"""What the main window needs to know about forms: which have unsaved changes, and how to
reopen a form whose draft was left behind by a crash."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal, SignalInstance
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from desktop.services.usecases.drafts import DraftEntry
from desktop.views.shell.context import AppContext

#: The Qt property a form keeps true while it has unsaved changes (``Form`` sets it), so the
#: tracker needs no import of the form module.
UNSAVED = "unsaved"

#: Opens the form a draft belongs to (the form then restores it): (context, draft, parent).
DraftOpener = Callable[[AppContext, DraftEntry, QWidget | None], None]

_openers: dict[str, DraftOpener] = {}
_reopened: set[str] = set()


class DirtyForms(QObject):
    """Counts the open forms with unsaved changes (for the status bar).

    A form counts while it has unsaved changes *and* its window is shown: a dialog that
    was saved or closed (hidden, perhaps not yet deleted) holds nothing the person can
    still lose, so it must not keep "2 forms have unsaved changes" in the status bar.
    Every form is watched from creation until it is destroyed; showing or hiding its
    window, or a change of its dirty state, announces the new count.
    """

    count_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._forms: weakref.WeakSet[QWidget] = weakref.WeakSet()

    def track(self, form: QWidget, dirty_changed: SignalInstance) -> None:
        self._forms.add(form)
        ref = weakref.ref(form)
        dirty_changed.connect(lambda _dirty: self._announce())
        form.destroyed.connect(lambda *_: self._forget(ref))
        form.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._announce()
        return False

    def _forget(self, ref: weakref.ref[QWidget]) -> None:
        form = ref()
        if form is not None:
            self._forms.discard(form)
        self._announce()

    def _announce(self) -> None:
        if isValid(self):  # at exit the tracker may go before the last forms
            self.count_changed.emit(self.count())

    def count(self) -> int:
        return len(self.forms())

    def forms(self) -> list[QWidget]:
        """The forms with unsaved changes in a window that is shown."""
        return [form for form in list(self._forms) if _open_and_dirty(form)]


def _open_and_dirty(form: QWidget) -> bool:
    if not _alive(form):
        return False
    return bool(form.property(UNSAVED)) and form.window().isVisible()


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
    drafts = context.services.drafts.list()
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
            context.services.drafts.discard(entry.form_key)
    return reopened
