"""Finding the message box the operation runner shows when a write is refused."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.views.shell.operations import CONFLICT_BOX, REFUSAL_BOX


def shown_boxes(name: str = REFUSAL_BOX) -> list[QMessageBox]:
    """The runner's boxes of that kind now on screen."""
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox) and widget.objectName() == name and widget.isVisible()
    ]


def read_and_close(name: str = REFUSAL_BOX) -> str:
    """The one box of that kind on screen, as a person reads it (text, then reason); closed."""
    boxes = shown_boxes(name)
    assert len(boxes) == 1, f"expected one {name} box, found {len(boxes)}"
    box = boxes[0]
    text = f"{box.text()}\n{box.informativeText()}"
    box.close()
    return text


__all__ = ["CONFLICT_BOX", "REFUSAL_BOX", "read_and_close", "shown_boxes"]
