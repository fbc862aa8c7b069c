"""The small shapes of a printed timeline, drawn straight on the canvas: words in a bar
(Arabic shaped), hatching, the overdue badge, the symbol of each kind of record, and the
legend that explains them all on every page."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from desktop.i18n import _
from desktop.labels import label, marker_labels
from desktop.reports.bidi_text import BidiText, draw_line, has_rtl
from desktop.reports.flags import draw_mark
from desktop.reports.fonts import SANS, SANS_BOLD
from desktop.reports.styles import STYLES, right_to_left
from desktop.services.queries.timeline import (
    ACTION_COLOURS,
    FALLBACK_COLOUR,
    MARKER_COLOURS,
    MARKER_ENTITIES,
    OVERDUE_COLOUR,
    PHASE_COLOURS,
    TODAY_COLOUR,
)


def bar_text(c: Canvas, value: str, x: float, y: float, colour: str) -> None:
    """Small text in a bar; Arabic script goes through the shared shaping helper."""
    c.setFillColor(colors.HexColor(colour))
    if has_rtl(value):
        style = STYLES.cell.clone(
            "bar", fontName=SANS, fontSize=6.5, leading=6.5, textColor=colors.HexColor(colour)
        )
        line = BidiText(value, style)
        line.wrap(line.natural_width() + 1, 13)
        line.drawOn(c, x, y - (line.height - 6.5))
        return
    draw_line(c, x, y, value, SANS, 6.5)


def fit_text(c: Canvas, value: str, width: float, size: float) -> str:
    """``value`` cut with an ellipsis to fit ``width`` points."""
    if c.stringWidth(value, SANS, size) <= width:
        return value
    while value and c.stringWidth(value + "…", SANS, size) > width:
        value = value[:-1]
    return value + "…" if value else ""


def hatch(c: Canvas, x: float, y: float, w: float, h: float, colour: str = OVERDUE_COLOUR) -> None:
    if w <= 0:
        return
    c.saveState()
    path = c.beginPath()
    path.rect(x, y, w, h)
    c.clipPath(path, stroke=0, fill=0)
    c.setStrokeColor(colors.HexColor(colour))
    c.setLineWidth(0.5)
    step = 3.0
    offset = -h
    while offset < w:
        c.line(x + offset, y, x + offset + h, y + h)
        offset += step
    c.restoreState()


def badge(c: Canvas, x: float, y: float) -> None:
    """The attention mark, as every printout draws it."""
    draw_mark(c, x, y, 8)


def record_mark(c: Canvas, entity: str, x: float, y: float, overdue: bool) -> None:
    c.setFillColor(colors.HexColor(MARKER_COLOURS.get(entity, FALLBACK_COLOUR)))
    c.setStrokeColor(colors.white)
    c.setLineWidth(0.4)
    r = 3.2
    if entity == "meeting":
        c.circle(x, y, r, fill=1, stroke=1)
    elif entity == "review":
        c.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, fill=1, stroke=1)
    else:
        points = {
            "observation": [(0, r), (r, 0), (0, -r), (-r, 0)],
            "reflection": [(0, r), (r, -r), (-r, -r)],
        }.get(entity, [(-r, r), (r, r * 0.45), (-r, -r * 0.1)])  # a follow-up's pennant
        path = c.beginPath()
        path.moveTo(x + points[0][0], y + points[0][1])
        for px, py in points[1:]:
            path.lineTo(x + px, y + py)
        path.close()
        c.drawPath(path, fill=1, stroke=1)
    if overdue:
        badge(c, x + 6, y + 3)


def legend(c: Canvas, width: float, top: float, office: bool) -> None:
    entries: list[tuple[str, str]] = [("phase:" + kind, label(kind)) for kind in PHASE_COLOURS]
    if office:
        entries += [("mark:meeting", _("Meeting")), ("gap", _("No recent meeting"))]
        entries.append(("badge", _("Needs attention (see the end)")))
    else:
        entries += [
            ("action:" + s, _("Action: {status}").format(status=label(s))) for s in ACTION_COLOURS
        ]
        entries += [("overdue", _("Overdue action"))]
        names = marker_labels()
        entries += [("mark:" + e, names[e]) for e in MARKER_ENTITIES]
        entries.append(("badge", _("Overdue follow-up")))
    entries.append(("today", _("Today")))
    c.setFillColor(colors.HexColor("#1f2933"))
    rtl = right_to_left()
    draw_line(
        c, width if rtl else 0, top - 8, _("Legend"), SANS_BOLD, 7.5, "end" if rtl else "start"
    )
    columns = 6
    cell = width / columns
    for index, (key, text) in enumerate(entries):
        row, column = divmod(index, columns)
        # on a right-to-left page the entries read from the right, each sign right of its words
        x = width - column * cell - 20 if rtl else column * cell
        y = top - 20 - row * 11
        kind, _sep, code = key.partition(":")
        if kind == "phase":
            c.setFillColor(colors.HexColor(PHASE_COLOURS[code]))
            c.rect(x, y - 1, 16, 7, fill=1, stroke=0)
        elif kind == "action":
            c.setFillColor(colors.HexColor(ACTION_COLOURS[code]))
            c.setStrokeColor(colors.HexColor("#52606d"))
            c.rect(x, y - 1, 16, 7, fill=1, stroke=1)
            if code == "dropped":
                hatch(c, x, y - 1, 16, 7, "#7b8794")
        elif kind == "overdue":
            c.setFillColor(colors.HexColor(ACTION_COLOURS["under_way"]))
            c.setStrokeColor(colors.HexColor(OVERDUE_COLOUR))
            c.setDash(2, 1.5)
            c.rect(x, y - 1, 10, 7, fill=1, stroke=1)
            c.setDash()
            hatch(c, x + 10, y, 8, 5)
        elif kind == "mark":
            record_mark(c, code, x + 8, y + 2.5, False)
        elif kind == "gap":
            hatch(c, x, y, 16, 4)
        elif kind == "badge":
            badge(c, x + 8, y + 2.5)
        else:
            c.setStrokeColor(colors.HexColor(TODAY_COLOUR))
            c.setLineWidth(1.2)
            c.line(x + 8, y - 2, x + 8, y + 7)
        c.setFillColor(colors.HexColor("#1f2933"))
        if rtl:
            draw_line(c, x - 2, y, text, SANS, 7, "end")
        else:
            draw_line(c, x + 20, y, text, SANS, 7)
