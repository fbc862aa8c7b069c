"""Where GUI tests leave the pictures a person should look at.

Set ``CLCP_TEST_SHOTS`` to a folder to keep them; otherwise they go to the test's own
temporary folder (and are thrown away with it).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

SHOTS_ENV = "CLCP_TEST_SHOTS"


def shots_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_shot(picture: QWidget | QImage, name: str, tmp_path: Path) -> Path:
    """Save a widget as drawn (or an image) as ``name``.png; the file written."""
    path = shots_dir(tmp_path) / f"{name}.png"
    image = picture.grab().toImage() if isinstance(picture, QWidget) else picture
    assert image.save(str(path))
    return path
