"""The embedded fonts every printed page uses (Noto, open licence, shipped in resources/fonts).

The 14 standard PDF fonts have no Arabic letters and only Latin-1 accents, so every
report registers TrueType fonts, which ReportLab embeds (subset) in the PDF: Noto Sans
for Latin, Greek and Cyrillic scripts, Noto Sans Arabic for Arabic script.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
# A source checkout has resources/ beside the package; an installed wheel carries it inside.
FONTS_DIR = next(
    (
        folder
        for folder in (
            _PACKAGE_DIR.parent / "resources" / "fonts",
            _PACKAGE_DIR / "resources" / "fonts",
        )
        if folder.is_dir()
    ),
    _PACKAGE_DIR.parent / "resources" / "fonts",
)

SANS = "NotoSans"
SANS_BOLD = "NotoSans-Bold"
SANS_ITALIC = "NotoSans-Italic"
ARABIC = "NotoSansArabic"
ARABIC_BOLD = "NotoSansArabic-Bold"

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
}

_registered = False


class FontsMissingError(RuntimeError):
    """The font files are not where the app expects them (a broken installation)."""


def register_fonts() -> None:
    """Register the Noto fonts with ReportLab once per process (safe to call often)."""
    global _registered
    if _registered:
        return
    for name, file_name in _FILES.items():
        path = FONTS_DIR / file_name
        if not path.is_file():
            raise FontsMissingError(f"font file missing: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # Drawings (pictograms, charts) start in this font too, so no unembedded font remains.
    STATE_DEFAULTS["fontName"] = SANS
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD)
    _registered = True


def arabic_font(latin_font: str) -> str:
    """The Arabic-script font that goes with a Latin one (bold with bold)."""
    return ARABIC_BOLD if latin_font == SANS_BOLD else ARABIC
