"""The timelines' fixed colours, and which words read on them: one palette for the screen
and the PDF, kept here below both so they can never drift apart."""

from __future__ import annotations

#: Fill colours shared by the screen and the PDF (colour-blind-safe hues; shapes, patterns
#: and words carry the same meaning, so nothing relies on colour alone). Phase fills stand
#: out from the white page at 3:1 or more (WCAG non-text contrast) and mix mid tones
#: carrying dark words with deep tones carrying white words, so that most neighbouring
#: phases differ in lightness too; ``text_colour_on`` picks the words' colour.
PHASE_COLOURS = {
    "relationship_building": "#A08358",
    "learning": "#418CCE",
    "feedback": "#7F57BF",
    "planning": "#AD800E",
    "action": "#3C775C",
    "review": "#C6705B",
}
ACTION_COLOURS = {
    "planned": "#DCE8F5",
    "under_way": "#2F6DB0",
    "done": "#55606B",
    "dropped": "#D5D5D5",
}
MARKER_COLOURS = {
    "meeting": "#1F4E79",
    "observation": "#2E7D32",
    "reflection": "#6A1B9A",
    "review": "#8D5524",
    "follow_up": "#37474F",
}
OVERDUE_COLOUR = "#C62828"
TODAY_COLOUR = "#D81B60"
FALLBACK_COLOUR = "#8A8A8A"
#: The two colours of words drawn on a fill.
DARK_TEXT = "#1A1A1A"
LIGHT_TEXT = "#FFFFFF"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a "#RRGGBB" colour (the services do without Qt)."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour_on(fill: str) -> str:
    """Dark or white words, whichever reads better on ``fill``: one rule for every bar on
    the screen and in the PDF, so a fill can change without its words going unreadable."""
    shade = _luminance(fill) + 0.05
    on_dark = (_luminance(LIGHT_TEXT) + 0.05) / shade
    on_light = shade / (_luminance(DARK_TEXT) + 0.05)
    return LIGHT_TEXT if on_dark > on_light else DARK_TEXT
