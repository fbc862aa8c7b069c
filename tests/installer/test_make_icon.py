"""The Windows icon is drawn from the SVG at every size Windows uses, and reads back."""

from __future__ import annotations

from pathlib import Path

import bundle_contents as contents
from make_icon import ICON_SIZES, make_icon
from PIL import Image
from PySide6.QtWidgets import QApplication


def test_icon_holds_every_size_and_shows_the_picture(tmp_path: Path, qapp: QApplication) -> None:
    # (the test session's QApplication: drawing the SVG needs one)
    target = make_icon(contents.SVG_ICON, tmp_path / "build" / "clcp.ico")
    with Image.open(target) as icon:
        assert icon.format == "ICO"
        assert icon.info["sizes"] == {(size, size) for size in ICON_SIZES}
        for size in (16, 256):
            icon.size = (size, size)
            picture = icon.convert("RGBA")
            assert picture.size == (size, size)
            # the disc of the logo is opaque in the middle, the corners are transparent
            assert picture.getpixel((size // 2, size // 2))[3] == 255
            assert picture.getpixel((0, 0))[3] == 0
