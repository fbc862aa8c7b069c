"""The app's colours: the style's palette with every text colour made readable (WCAG AA).

Qt's Fusion palette draws hints and muted text half-transparent (#777777 on #efefef,
3.9:1) and selected rows white on #308cc6 (3.7:1). Rather than patch screens one by one,
the palette roles themselves are corrected once, when the application starts: a muted
text is moved toward the normal text colour, a selection background away from its text,
until each pair reaches 4.5:1. Screens keep using the roles (PlaceholderText for hints,
Highlight for selection), so light and dark system palettes are both corrected.

When the system asks for more contrast (Windows' high-contrast themes), the system's
own palette is used untouched: the person chose those colours. Qt reports that through
``QStyleHints.accessibility().contrastPreference()`` (Qt 6.10 and later); with an older
Qt the app cannot tell, and keeps its corrected palette. The choice is made at start-up:
a high-contrast theme switched on while the app runs takes effect when it is next opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

#: WCAG AA for normal text; 3:1 is enough for large text and for marks in charts.
TEXT_CONTRAST = 4.5
LARGE_CONTRAST = 3.0

#: Muted text and its backgrounds: corrected so that each pair reads at TEXT_CONTRAST.
MUTED_PAIRS: tuple[tuple[Role, tuple[Role, ...]], ...] = (
    (Role.PlaceholderText, (Role.Window, Role.Base, Role.AlternateBase, Role.Button)),
)

#: Every (text, background) pair of roles the app draws with, checked by the tests.
TEXT_PAIRS: tuple[tuple[Role, Role], ...] = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.PlaceholderText, Role.Window),
    (Role.PlaceholderText, Role.Base),
    (Role.PlaceholderText, Role.AlternateBase),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
    (Role.Link, Role.Window),
)


def _channel(value: float) -> float:
    value /= 255.0
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """Relative luminance as WCAG 2 defines it (0 for black, 1 for white)."""
    return (
        0.2126 * _channel(colour.red())
        + 0.7152 * _channel(colour.green())
        + 0.0722 * _channel(colour.blue())
    )


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as drawn on ``background`` (a half-transparent text becomes a grey)."""
    alpha = colour.alphaF()
    if alpha >= 1.0:
        return QColor(colour.red(), colour.green(), colour.blue())
    return QColor(
        round(colour.red() * alpha + background.red() * (1 - alpha)),
        round(colour.green() * alpha + background.green() * (1 - alpha)),
        round(colour.blue() * alpha + background.blue() * (1 - alpha)),
    )


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG contrast ratio of text ``foreground`` drawn on ``background`` (1 to 21)."""
    text = over(foreground, background)
    lighter, darker = sorted((luminance(text), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _toward(colour: QColor, target: QColor, share: float) -> QColor:
    return QColor(
        round(colour.red() + (target.red() - colour.red()) * share),
        round(colour.green() + (target.green() - colour.green()) * share),
        round(colour.blue() + (target.blue() - colour.blue()) * share),
    )


def readable_on(
    colour: QColor, backgrounds: list[QColor], target: QColor, minimum: float = TEXT_CONTRAST
) -> QColor:
    """``colour`` moved toward ``target`` in small steps until it reads on every background.

    The margin over ``minimum`` keeps rounding from landing a hair under it.
    """
    base = over(colour, backgrounds[0])
    for step in range(41):
        candidate = _toward(base, target, step / 40)
        if all(contrast_ratio(candidate, back) >= minimum + 0.1 for back in backgrounds):
            return candidate
    return QColor(target)


def system_wants_high_contrast() -> bool:
    """Whether the system asks for more contrast (a high-contrast theme is on)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:  # Qt before 6.10: cannot tell
        return False
    high = getattr(getattr(Qt, "ContrastPreference", None), "HighContrast", None)
    return high is not None and accessibility().contrastPreference() == high


def corrected_palette(palette: QPalette) -> QPalette:
    """``palette`` with its muted text and selection colours made readable (AA)."""
    result = QPalette(palette)
    for group in (Group.Active, Group.Inactive):
        text = result.color(group, Role.Text)
        for muted, backgrounds in MUTED_PAIRS:
            backs = [result.color(group, role) for role in backgrounds]
            result.setColor(group, muted, readable_on(result.color(group, muted), backs, text))
        selected_text = result.color(group, Role.HighlightedText)
        # Move the selection background away from its text: darker under white text.
        away = QColor("black") if luminance(selected_text) > 0.5 else QColor("white")
        highlight = _darken_until(result.color(group, Role.Highlight), selected_text, away)
        result.setColor(group, Role.Highlight, highlight)
        for role in (Role.Link, Role.ToolTipText):
            back = Role.ToolTipBase if role == Role.ToolTipText else Role.Base
            backs = [result.color(group, back), result.color(group, Role.Window)]
            result.setColor(group, role, readable_on(result.color(group, role), backs, text))
    return result


def _darken_until(background: QColor, text: QColor, target: QColor) -> QColor:
    for step in range(41):
        candidate = _toward(background, target, step / 40)
        if contrast_ratio(text, candidate) >= TEXT_CONTRAST + 0.1:
            return candidate
    return QColor(target)


def apply_app_palette(app: QGuiApplication) -> None:
    """Give ``app`` the corrected palette, unless the system asks for high contrast."""
    if system_wants_high_contrast():
        return
    app.setPalette(corrected_palette(app.palette()))
