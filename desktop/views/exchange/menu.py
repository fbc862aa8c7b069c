"""The File menu's Export… entry; the dialog (and the exporter) load when it is chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from desktop.views.shell.context import AppContext
from desktop.views.shell.permission_gate import gate


def add_export_entry(window: QWidget, menu: QMenu, context: AppContext) -> None:
    """Add File > Export… to ``menu`` (greyed, with the reason, for a role that cannot)."""
    action = menu.addAction(window.tr("&Export…"))
    action.setObjectName("export")
    action.triggered.connect(lambda _checked=False: open_export_dialog(window, context))
    gate(action, context.services, "read", "export")


def open_export_dialog(window: QWidget, context: AppContext) -> None:
    from desktop.views.exchange.export_dialog import ExportDialog

    ExportDialog(context, window).exec()
