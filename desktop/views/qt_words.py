"""The words of Qt's own buttons, marked here so that our catalogue carries them for the
languages Qt has no catalogue of (Swahili). Never called: read by the extraction."""

from __future__ import annotations

from desktop.i18n import N_

#: As Qt writes them (its QPlatformTheme and QWizard texts); "&" marks the mnemonic.
QT_BUTTON_WORDS = (
    N_("OK"),
    N_("Save"),
    N_("Save All"),
    N_("Open"),
    N_("&Yes"),
    N_("Yes to &All"),
    N_("&No"),
    N_("N&o to All"),
    N_("Abort"),
    N_("Retry"),
    N_("Ignore"),
    N_("Close"),
    N_("Cancel"),
    N_("Discard"),
    N_("Help"),
    N_("Apply"),
    N_("Reset"),
    N_("Restore Defaults"),
    N_("< &Back"),
    N_("&Next >"),
    N_("&Finish"),
)
