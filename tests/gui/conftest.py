"""Every GUI test runs with the app's keyboard rules, as the real application does."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.views.keyboard import install_keyboard_rules


@pytest.fixture(autouse=True)
def keyboard_rules(qapp: QApplication) -> None:
    """Installed once on the application (``desktop.gui.application`` does it at start)."""
    install_keyboard_rules(qapp)
