"""The base of the widgets that show one community's records (its page and its panels)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from desktop.views.shell.context import AppContext


class CommunityWidget(QWidget):
    """A widget about one community: keeps the app's context and the community's id."""

    def __init__(
        self, context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.community_id = community_id
