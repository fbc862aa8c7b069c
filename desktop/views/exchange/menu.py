"""The File menu's entries for data in and out (Export…, Import a list…, Import
submissions…); each dialog (and the exporter or importer behind it) loads only when chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from desktop.views.shell.context import AppContext
from desktop.views.shell.permission_gate import gate


def add_export_entry(window: QWidget, menu: QMenu, context: AppContext) -> None:
    """Add File > Export… and File > Import a list… to ``menu`` (each greyed, with the
    reason, for a role that cannot)."""
    export = menu.addAction(window.tr("&Export…"))
    export.setObjectName("export")
    export.triggered.connect(lambda _checked=False: open_export_dialog(window, context))
    gate(export, context.services, "read", "export")
    lists = menu.addAction(window.tr("&Import a list…"))
    lists.setObjectName("import_list")
    lists.triggered.connect(lambda _checked=False: open_import_list_dialog(window, context))
    if not context.services.can("create", "stakeholder"):
        gate(lists, context.services, "create", "community")
    submissions = menu.addAction(window.tr("Import s&ubmissions…"))
    submissions.setObjectName("import_submissions")
    submissions.triggered.connect(
        lambda _checked=False: open_import_submissions_dialog(window, context)
    )
    gate(submissions, context.services, "create", "meeting")


def open_export_dialog(window: QWidget, context: AppContext) -> None:
    from desktop.views.exchange.export_dialog import ExportDialog

    ExportDialog(context, window).exec()


def open_import_list_dialog(window: QWidget, context: AppContext) -> None:
    from desktop.views.exchange.import_list_dialog import ImportListDialog

    ImportListDialog(context, window).exec()


def open_import_submissions_dialog(window: QWidget, context: AppContext) -> None:
    from desktop.views.exchange.import_submissions_dialog import ImportSubmissionsDialog

    ImportSubmissionsDialog(context, window).exec()
