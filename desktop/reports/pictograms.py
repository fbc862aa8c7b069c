"""Simple pictograms for participant groups, so a form can be read by people who do not read.

Drawn with ReportLab graphics (vector, prints sharply at any size): a child is smaller
than an adult, a dress marks girls and women, a stick marks elders, a wheel marks people
with disabilities. Groups the office adds get a plain figure.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect
from reportlab.lib.colors import Color

from desktop.reports.styles import INK

SIZE = 22.0


def _figure(d: Drawing, x: float, scale: float, *, dress: bool, ink: Color) -> None:
    """A standing person whose feet are at y=1, centred on x."""
    height = 19.0 * scale
    head = 2.6 * scale
    top = 1 + height
    d.add(Circle(x, top - head, head, fillColor=ink, strokeColor=None))
    neck = top - 2 * head - 0.6
    hip = neck - height * 0.38
    if dress:
        d.add(
            Polygon(
                [x, neck, x - 4 * scale, hip - 1.5, x + 4 * scale, hip - 1.5],
                fillColor=ink,
                strokeColor=None,
            )
        )
    else:
        d.add(Rect(x - 2.4 * scale, hip, 4.8 * scale, neck - hip, fillColor=ink, strokeColor=None))
    width = 1.3 * scale
    d.add(Line(x - 1.3 * scale, hip, x - 1.8 * scale, 1, strokeColor=ink, strokeWidth=width))
    d.add(Line(x + 1.3 * scale, hip, x + 1.8 * scale, 1, strokeColor=ink, strokeWidth=width))
    d.add(
        Line(
            x - 2.4 * scale,
            neck - 0.5,
            x - 4.2 * scale,
            hip + 0.5,
            strokeColor=ink,
            strokeWidth=width,
        )
    )
    d.add(
        Line(
            x + 2.4 * scale,
            neck - 0.5,
            x + 4.2 * scale,
            hip + 0.5,
            strokeColor=ink,
            strokeWidth=width,
        )
    )


def pictogram(group_code: str, size: float = SIZE, ink: Color = INK) -> Drawing:
    """A pictogram for a participant group code (girls, boys, women, men, elders, ...)."""
    d = Drawing(SIZE, SIZE)
    centre = SIZE / 2
    code = group_code.lower()
    if code in {"girls", "boys"}:
        _figure(d, centre, 0.72, dress=code == "girls", ink=ink)
    elif code in {"women", "men"}:
        _figure(d, centre, 1.0, dress=code == "women", ink=ink)
    elif code == "elders":
        _figure(d, centre - 2, 0.95, dress=False, ink=ink)
        d.add(Line(centre + 4.5, 1, centre + 4.5, 12, strokeColor=ink, strokeWidth=1.2))
        d.add(Line(centre + 4.5, 12, centre + 2.6, 13.5, strokeColor=ink, strokeWidth=1.2))
    elif "disab" in code:
        d.add(Circle(centre - 1, 5.5, 4.8, fillColor=None, strokeColor=ink, strokeWidth=1.3))
        d.add(Circle(centre + 1, 18, 2.4, fillColor=ink, strokeColor=None))
        d.add(Line(centre + 1, 15, centre - 0.5, 9.5, strokeColor=ink, strokeWidth=1.8))
        d.add(Line(centre - 0.5, 9.5, centre + 5, 9.5, strokeColor=ink, strokeWidth=1.5))
        d.add(Line(centre + 5, 9.5, centre + 7, 3, strokeColor=ink, strokeWidth=1.5))
    else:
        _figure(d, centre - 4, 0.8, dress=False, ink=ink)
        _figure(d, centre + 4, 0.8, dress=True, ink=ink)
    if size != SIZE:
        d.scale(size / SIZE, size / SIZE)
        d.width = d.height = size
    return d
