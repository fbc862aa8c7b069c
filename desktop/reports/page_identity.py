"""Which community, cycle and date a sheet is about, on every page after the first.

Sheets of a printed form get separated (a facilitator takes page 2 to another meeting, a
stack is dropped), so every page after the first carries a strip under the header: on a
blank form, labelled lines to write the community, the cycle and the date on; on a filled
one, their values. The first page has them in its opening block already.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate

from desktop.i18n import _
from desktop.reports.bidi_text import BidiText, draw_line, has_rtl, line_width
from desktop.reports.fonts import SANS, SANS_BOLD
from desktop.reports.styles import MUTED, RULE, STYLES, right_to_left
from desktop.services.queries.periods import quarter_words

#: Points the strip takes at the top of the text frame.
STRIP = 22.0

Identity = Sequence[tuple[str, str]]  # (label, value); an empty value is a line to write on


def blank_identity() -> tuple[tuple[str, str], ...]:
    """A blank form about one community: lines for the community, cycle and date."""
    return ((_("Community"), ""), (_("Cycle"), ""), (_("Date"), ""))


def programme_identity(
    district: str | None = None, quarter: str | None = None, printed: date | None = None
) -> tuple[tuple[str, str], ...]:
    """A programme-level form: its district (or the programme), quarter and date; lines to
    write them on when blank (``printed`` None)."""
    if printed is None:
        return ((_("District / programme"), ""), (_("Quarter"), ""), (_("Date"), ""))
    return (
        (_("District / programme"), district or _("The whole programme")),
        (_("Quarter"), quarter_words(quarter) if quarter else _("see page 1")),
        (_("Printed"), printed.isoformat()),
    )


def page_templates(
    frame: Frame, identity: Identity, decorate: Callable[[Canvas, Any], None]
) -> list[PageTemplate]:
    """One page template, or with an ``identity`` a first page and the later ones, whose
    text frame leaves room for the strip."""
    if not identity:
        return [PageTemplate(id="page", frames=[frame], onPage=decorate)]
    later = Frame(
        frame._x1,
        frame._y1,
        frame._width,
        frame._height - STRIP,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    def decorate_later(canvas: Canvas, doc: Any) -> None:
        decorate(canvas, doc)
        draw_strip(canvas, identity, frame._x1, frame._y1 + frame._height, frame._width)

    return [
        PageTemplate(id="first", frames=[frame], onPage=decorate, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later], onPage=decorate_later),
    ]


def draw_strip(canvas: Canvas, identity: Identity, left: float, top: float, width: float) -> None:
    """The labelled fields side by side along the top of the frame."""
    canvas.saveState()
    # the first field (the community, the district) gets the most room
    shares = [0.46] + [0.54 / (len(identity) - 1)] * (len(identity) - 1)
    order = list(range(len(identity)))
    if right_to_left():
        order.reverse()
    starts = {}
    x = left
    for index in order:
        starts[index] = x
        x += width * shares[index]
    baseline = top - STRIP + 8
    rtl = right_to_left()
    for index, (label, value) in enumerate(identity):
        x, cell = starts[index], width * shares[index]
        label_width = line_width(label, SANS_BOLD, 7.5)
        # the label on the reading side of its line: left, or right on a right-to-left page
        label_x = x + cell - 10 - label_width if rtl else x
        first, last = (x, label_x - 4) if rtl else (x + label_width + 4, x + cell - 10)
        canvas.setFillColor(MUTED)
        draw_line(canvas, label_x, baseline, label, SANS_BOLD, 7.5)
        if value:
            shown = _fit(canvas, value, last - first)
            draw_line_text(canvas, shown, SANS, 8.5, last if rtl else first, baseline, right=rtl)
        else:
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.line(first, baseline - 2, last, baseline - 2)
    canvas.restoreState()


def _fit(canvas: Canvas, value: str, room: float) -> str:
    if canvas.stringWidth(value, SANS, 8.5) <= room:
        return value
    while value and canvas.stringWidth(value + "…", SANS, 8.5) > room:
        value = value[:-1]
    return value + "…"


def draw_line_text(
    canvas: Canvas, value: str, font: str, size: float, x: float, y: float, *, right: bool = False
) -> None:
    """One line of header text at baseline ``y``; Arabic goes through the bidi flowable."""
    value = value if len(value) <= 70 else value[:69] + "…"
    canvas.setFillColor(STYLES.body.textColor)
    if not has_rtl(value):
        canvas.setFont(font, size)
        (canvas.drawRightString if right else canvas.drawString)(x, y, value)
        return
    line = BidiText(value, STYLES.cell.clone("line", fontName=font, fontSize=size, leading=size))
    width = line.natural_width()
    line.wrap(width + 1, size * 2)
    line.drawOn(canvas, x - width - 1 if right else x, y - (line.height - size))
