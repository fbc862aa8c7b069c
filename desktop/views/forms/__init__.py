"""Forms that never lose work: fields with inline messages, unsaved-change prompts, drafts.

How to use::

    from desktop.views.forms import Form, FormDialog, OptionalDateEdit, NumberEdit, choice_combo

    def submit(values: dict[str, Any]) -> Record[ActionData]:
        # Raise the service's ValidationError: its field -> message map is shown inline.
        return context.services.actions.update(
            action_id, ActionData(**values), expected_version=version
        )

    form = Form(context, form_key=f"action/{action_id}", title=tr("Action"), submit=submit)
    form.add_field("what", tr("&What"), QLineEdit())
    form.add_field("due_on", tr("&Due"), OptionalDateEdit())
    form.add_field("status", tr("&Status"), choice_combo({"planned": tr("Planned"), ...}))
    form.set_values(dataclasses.asdict(record.data))  # what "unsaved" is measured against
    FormDialog(form, parent).exec()                   # offers a draft back, then shows

- Field names are the service dataclass's field names, so ``ValidationError.errors`` lands
  beside the right field; messages for fields the form lacks are shown above the fields.
  ``form.values()`` gives a dict to build the dataclass from (add fixed values yourself).
- Inputs: Qt line edits, text boxes, combo boxes (the item data is the value), spin boxes,
  check boxes, :class:`OptionalDateEdit` (date or None), :class:`NumberEdit` (number or None),
  or any widget with ``value()``, ``set_value()`` and a ``changed`` signal.
- ``form_key`` is ``"<kind>/<record id>"`` or ``"<kind>/new[/<parent id>]"``. While the form
  has unsaved changes, a draft is written to the (encrypted) database a second after the last
  keystroke, and removed on save, undo or discard. After a crash the form offers it back
  when opened again (``form.offer_draft()``, done by ``FormDialog.exec()``), and the main
  window offers at start-up to reopen every form with a draft whose kind has an opener
  (``register_draft_opener("action", open_action_form)``).
- On a page rather than a dialog, pass ``buttons=True`` for Save / Undo changes, and call
  :func:`confirm_leave` on the page before it is replaced or closed (the main window does).
- ``form.saved`` carries what ``submit`` returned; after saving a new record, call
  ``form.set_form_key(f"action/{record.id}")`` if the form stays open.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.views.forms.dialog import FormDialog
from desktop.views.forms.form import Form, fit_width
from desktop.views.forms.inputs import NumberEdit, OptionalDateEdit, choice_combo
from desktop.views.forms.registry import dirty_forms, register_draft_opener


def confirm_leave(area: QWidget) -> bool:
    """Ask about every form with unsaved changes inside ``area``; True if it may go away."""
    return all(form.confirm_leave() for form in area.findChildren(Form) if form.dirty)


__all__ = [
    "Form",
    "FormDialog",
    "NumberEdit",
    "OptionalDateEdit",
    "choice_combo",
    "confirm_leave",
    "dirty_forms",
    "fit_width",
    "register_draft_opener",
]
