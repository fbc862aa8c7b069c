"""The tour's registry: what a shot is, and what it may use.

``clcp screenshots --db PATH --out DIR [--user NAME]`` writes one PNG per entry of
:data:`SHOTS`, named after it. Add a screen with one :func:`register_shot` call: a name,
a caption for the user guide, and a function that, given the :class:`Tour`, returns the
widget to photograph (already shown). Dialogs are shown without ``exec()`` and closed
after the picture, so the tour never waits for a person.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QDialog, QWidget

WINDOW_SIZE = (1366, 768)


@dataclass
class Tour:
    """What a shot may use: the main window, its context, and sample records to open."""

    window: QWidget
    community_id: uuid.UUID | None
    cycle_id: uuid.UUID | None
    opened: list[QWidget] = field(default_factory=list)

    @property
    def context(self):  # type: ignore[no-untyped-def]  # AppContext, imported lazily
        return self.window.context  # type: ignore[attr-defined]

    def dialog(self, dialog: QDialog) -> QDialog:
        """Show ``dialog`` (not modal) so it can be photographed; closed after the shot."""
        dialog.show()
        self.opened.append(dialog)
        return dialog


@dataclass(frozen=True)
class Shot:
    name: str  # the file name without ".png"
    caption: str
    make: Callable[[Tour], QWidget]


SHOTS: list[Shot] = []


def register_shot(name: str, caption: str, make: Callable[[Tour], QWidget]) -> None:
    SHOTS.append(Shot(name, caption, make))
