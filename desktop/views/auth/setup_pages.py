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
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.labels import label
from desktop.services.framework.errors import ServiceError
from desktop.services.framework.records import Record
from desktop.services.security.signin import SignedIn
from desktop.views.admin.accounts_forms import add_account_form
from desktop.views.communities.form import new_community_form
from desktop.views.forms import Form
from desktop.views.shell.context import AppContext

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
    """The communities the office starts working with, each with its facilitator when
    one was added on the staff page (so that person sees it at their first sign-in)."""

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
        self.facilitator = QComboBox()
        self.facilitator.setAccessibleName(self.tr("Facilitator of this community"))
        caption = QLabel(self.tr("F&acilitator:"))
        caption.setBuddy(self.facilitator)
        self.facilitator_row = QFormLayout()
        self.facilitator_row.addRow(caption, self.facilitator)
        self._saved: Record[Any] | None = None
        self._context: AppContext | None = None

    def initializePage(self) -> None:
        first_time = self.form is None
        super().initializePage()
        if first_time and self.form is not None:
            self._context = self.form.context
            self.form.saved.connect(self._remember_saved)
            self.body.insertLayout(1, self.facilitator_row)
        self._list_facilitators()

    def _list_facilitators(self) -> None:
        """Everyone who may facilitate, newest additions included; "Not yet" first."""
        if self._context is None:
            return
        chosen = self.facilitator.currentData()
        self.facilitator.clear()
        self.facilitator.addItem(self.tr("Not yet (assign later in File > Accounts)"), None)
        people = self._context.services.users.list(
            where={"role": "facilitator"}, order_by="display_name"
        ).items
        for person in people:
            shown = person.data.display_name or person.data.username
            self.facilitator.addItem(f"{shown} ({person.data.username})", person.id)
        if len(people) == 1 and chosen is None:
            self.facilitator.setCurrentIndex(1)
        else:
            self.facilitator.setCurrentIndex(max(0, self.facilitator.findData(chosen)))

    def _remember_saved(self, record: object) -> None:
        self._saved = record if isinstance(record, Record) else None

    def add(self) -> bool:
        """Save the community, then assign the chosen facilitator from today."""
        self._saved = None
        chosen = self.facilitator.currentText()
        if not super().add():
            return False
        person = self.facilitator.currentData()
        if self._saved is None or person is None or self._context is None:
            return True
        context = self._context
        try:
            context.services.assignments.assign_many(
                person, "facilitator", [self._saved.id], context.today(), None
            )
        except ServiceError as refused:
            QMessageBox.warning(
                self,
                self.tr("Facilitator not assigned"),
                self.tr(
                    "The community was added, but {person} could not be assigned to it: "
                    "{why}\nAssign them later in File > Accounts."
                ).format(person=chosen, why=refused),
            )
            return True
        self.added[-1] += self.tr(", facilitator {person}").format(person=chosen)
        self.added_list.item(self.added_list.count() - 1).setText(self.added[-1])
        return True

    def first_field(self) -> str:
        return "name"

    def describe(self, values: dict[str, Any]) -> str:
        district = str(values.get("district") or "").strip()
        name = str(values["name"]).strip()
        return f"{name}, {district}" if district else name
