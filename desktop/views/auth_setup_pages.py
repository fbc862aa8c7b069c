"""The setup wizard's pages after the database exists: the office's staff accounts and
its first communities. Each page is one form of the app's own (the one behind
File > Accounts, the one behind New community), so the rules, messages and audit are
the same as later on; each can be skipped and done later.

Enter (Next) adds what is typed and moves on; "Add another" adds it and clears the
form for the next one; with nothing typed, the button reads "Skip" and just moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.labels import label
from desktop.services.signin import SignedIn
from desktop.views.auth_accounts_forms import add_account_form
from desktop.views.community_form import new_community_form
from desktop.views.context import AppContext
from desktop.views.forms import Form

MakeForm = Callable[[AppContext], Form]


class AddManyPage(QWizardPage):
    """A form that adds records one after another, shown once the wizard is signed in
    (``signed_in`` on the wizard). ``added`` lists what was added, as shown."""

    def __init__(self, make_form: MakeForm, *, last: bool = False) -> None:
        super().__init__()
        self.make_form = make_form
        self.last = last
        self.form: Form | None = None
        self.added: list[str] = []
        self._blank: dict[str, Any] = {}
        self.later = QLabel()
        self.later.setWordWrap(True)
        self.added_caption = QLabel(self.tr("Added so far:"))
        self.added_caption.hide()
        self.added_list = QListWidget()
        self.added_list.setAccessibleName(self.tr("Added so far"))
        self.added_list.setMaximumHeight(72)
        self.added_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.added_list.hide()
        self.another = QPushButton(self.tr("&Add another"))
        self.another.setAutoDefault(False)  # Enter is the wizard's Next, never this
        self.another.clicked.connect(self.add_another)
        row = QHBoxLayout()
        row.addWidget(self.later, 1)
        row.addWidget(self.another)
        self.body = QVBoxLayout(self)
        self.body.addLayout(row)
        self.body.addWidget(self.added_caption)
        self.body.addWidget(self.added_list)

    # ------------------------------------------------------------------ for subclasses
    def blank_values(self) -> dict[str, Any]:
        """What the form shows when empty (a default role, today's date...)."""
        return {}

    def describe(self, values: dict[str, Any]) -> str:
        """One line for the list of what was added."""
        raise NotImplementedError

    def first_field(self) -> str:
        raise NotImplementedError

    # ------------------------------------------------------------------ behaviour
    def initializePage(self) -> None:
        if self.form is None:
            signed_in = getattr(self.wizard(), "signed_in", None)
            assert isinstance(signed_in, SignedIn), "the database is made on an earlier page"
            context = AppContext.create(signed_in.db, signed_in.actor)
            self.form = self.make_form(context)
            self.form.set_values(self.blank_values())
            self._blank = self.form.values()
            self.form.dirty_changed.connect(lambda _dirty: self._name_buttons())
            self.body.insertWidget(0, self.form, 1)
        self._name_buttons()
        self.form.field(self.first_field()).setFocus()

    def add(self) -> bool:
        """Save what is typed (True), or show why not beside the fields (False)."""
        form = self.form
        if form is None or not form.dirty:
            return True
        values = form.values()
        if not form.save():
            return False
        self.added.append(self.describe(values))
        self.added_list.addItem(self.added[-1])
        self.added_list.show()
        self.added_caption.show()
        form.set_values(self._blank)
        self._name_buttons()
        return True

    def add_another(self) -> None:
        if self.add() and self.form is not None:
            self.form.field(self.first_field()).setFocus()

    def validatePage(self) -> bool:
        return self.add()

    def _name_buttons(self) -> None:
        dirty = self.form is not None and self.form.dirty
        which = QWizard.WizardButton.FinishButton if self.last else QWizard.WizardButton.NextButton
        if dirty:
            text = self.tr("Add and &finish") if self.last else self.tr("Add and &next")
        elif self.added:
            text = self.tr("&Finish") if self.last else self.tr("&Next")
        else:
            text = self.tr("&Skip and finish") if self.last else self.tr("&Skip")
        self.setButtonText(which, text)
        self.another.setEnabled(dirty)


class StaffPage(AddManyPage):
    """Facilitators, managers, mentors (and other administrators) of the office."""

    def __init__(self) -> None:
        super().__init__(add_account_form)
        self.setTitle(self.tr("The office's staff"))
        self.setSubTitle(
            self.tr(
                "Add an account for each person who will use the records. Give each "
                "their first password privately; they choose their own when they first "
                "sign in."
            )
        )
        self.later.setText(self.tr("You can skip this and add people later in File > Accounts."))

    def blank_values(self) -> dict[str, Any]:
        return {"role": "facilitator"}

    def first_field(self) -> str:
        return "username"

    def describe(self, values: dict[str, Any]) -> str:
        name = str(values.get("display_name") or "").strip() or values["username"]
        return f"{name} ({values['username'].strip().lower()}), {label(values['role'])}"


class FirstCommunitiesPage(AddManyPage):
    """The communities the office starts working with."""

    def __init__(self) -> None:
        super().__init__(new_community_form, last=True)
        self.setTitle(self.tr("The first communities"))
        self.setSubTitle(
            self.tr(
                "Add the communities the office works with: a name is enough to start, "
                "the rest can be filled in later on each community's page."
            )
        )
        self.later.setText(
            self.tr("You can skip this and add communities later with New community (Ctrl+N).")
        )

    def first_field(self) -> str:
        return "name"

    def describe(self, values: dict[str, Any]) -> str:
        district = str(values.get("district") or "").strip()
        name = str(values["name"]).strip()
        return f"{name}, {district}" if district else name
