"""A form's draft: what a person typed, kept a second after the last change until the form
is saved, so a crash or a closed laptop loses nothing; offered back when the form opens
again. Drafts are the signed-in person's own (``Services.drafts``).

:class:`DraftedForm` is the base of ``Form``: it keeps the draft of whatever the form
holds (``values``), under the form's key (``"meeting/<id>"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop.services.usecases.drafts import DraftEntry, DraftService
from desktop.views.forms import prompts
from desktop.views.forms.registry import take_reopened

#: Quiet time after the last keystroke before the draft is written.
DRAFT_DELAY_MS = 1000


class DraftedForm(QWidget):
    """A widget whose values are kept as a draft; ``Form`` says what the values are."""

    def __init__(
        self, drafts: DraftService, form_key: str, title: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.form_key = form_key
        self.title = title
        self._created = False  # a "new" form saved its record: it must not create another
        self._drafts = drafts
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)

    # --- what the form holds (``Form`` answers) -------------------------------------------

    @property
    def dirty(self) -> bool:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def set_values(self, values: Mapping[str, Any], *, saved: bool = True) -> None:
        raise NotImplementedError

    # --- drafts -------------------------------------------------------------------------

    def set_form_key(self, form_key: str, title: str | None = None) -> None:
        """The form now edits another record (a new one was just created, say)."""
        if form_key != self.form_key:
            self.discard_draft()
            self.form_key = form_key
        self._created = False
        if title is not None:
            self.title = title

    def flush_draft(self) -> None:
        """Write the draft now (normally done a second after the last change)."""
        self._draft_timer.stop()
        if not self.form_key:
            return
        if not self.dirty:
            self._drafts.discard(self.form_key)
            return
        try:
            self._drafts.save(self.form_key, self.title, self.values())
        except TypeError:  # a value a draft cannot hold: keep typing, nothing to keep
            return

    def discard_draft(self) -> None:
        self._draft_timer.stop()
        if self.form_key:
            self._drafts.discard(self.form_key)

    def pending_draft(self) -> DraftEntry | None:
        return self._drafts.load(self.form_key) if self.form_key else None

    def offer_draft(self) -> bool:
        """If this form has a draft from an earlier session, offer it back; True if restored.

        Call it after loading the record. A draft the person already chose to reopen at
        start-up is restored without asking again.
        """
        entry = self.pending_draft()
        if entry is None:
            return False
        answer = True if take_reopened(self.form_key) else prompts.ask_restore(self, entry)
        if answer is None:
            return False
        if answer:
            self.apply_draft(entry)
            return True
        self.discard_draft()
        return False

    def apply_draft(self, entry: DraftEntry) -> None:
        self.set_values(entry.values, saved=False)
