"""One rule for commands a role may not use: disabled, with a tooltip that says why.

Every button, menu entry and toolbar button that starts a write asks :func:`gate` with
the same question the services will ask (``Services.can``), so a person never fills a
form only to read a refusal at the end, and a command is never enabled in one place and
greyed in another.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.services.facade import Services


def gate(target: QAction | QWidget, services: Services, action: str, entity: str) -> bool:
    """Enable ``target`` when the signed-in role may ``action`` an ``entity``; otherwise
    disable it and say why in its tooltip (and status tip). Whether it is enabled."""
    may = services.can(action, entity)
    target.setEnabled(may)
    if not may:
        reason = services.why_not(action, entity)
        target.setToolTip(reason)
        target.setStatusTip(reason)
    return may
