"""Small files to attach in the demo, made in code: a flip-chart photo (PNG) and a scanned
paper form (PDF). Deterministic for a given random source."""

from __future__ import annotations

import io
import random
import struct
import zlib
from collections.abc import Sequence

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from desktop.reports.bidi_text import has_rtl
from desktop.reports.fonts import ARABIC, register_fonts

_PAPER = (238, 236, 226)
_MARKERS = ((32, 64, 150), (170, 40, 40), (30, 120, 60), (40, 40, 40))


def _png(width: int, height: int, pixels: bytes) -> bytes:
    """An 8-bit RGB PNG of ``pixels`` (rows top to bottom, three bytes a pixel)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        check = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + check

    stride = width * 3
    raw = b"".join(b"\x00" + pixels[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def flip_chart_photo(rng: random.Random, bars: int = 5) -> bytes:
    """A photo-like picture of a flip chart: a sheet on a dark wall, a heading line and
    ``bars`` marker bars of different lengths (a ranking drawn by a group)."""
    width, height = 320, 240
    wall = bytes((70, 62, 55))
    image = bytearray(wall * (width * height))
    sheet = (30, 14, 290, 232)  # left, top, right, bottom

    def fill(left: int, top: int, right: int, bottom: int, colour: Sequence[int]) -> None:
        row = bytes(colour) * (right - left)
        for y in range(top, bottom):
            start = (y * width + left) * 3
            image[start : start + len(row)] = row

    fill(*sheet, _PAPER)
    fill(50, 30, 50 + rng.randint(120, 200), 38, _MARKERS[3])  # the heading
    for number in range(bars):
        top = 56 + number * 34
        colour = _MARKERS[number % 3]
        fill(50, top, 64, top + 14, _MARKERS[3])  # the harm's mark
        fill(74, top + 2, 74 + rng.randint(40, 190), top + 12, colour)
    return _png(width, height, bytes(image))


def scanned_form(title: str, fields: Sequence[tuple[str, str]]) -> bytes:
    """A one-page PDF that looks like a filled paper form: a title, ruled fields with
    their entries, and a signature line."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A5, invariant=True)
    width, height = A5
    page.setFillColorRGB(0.96, 0.95, 0.91)
    page.rect(0, 0, width, height, stroke=0, fill=1)
    page.setFillColorRGB(0.1, 0.1, 0.1)
    page.setFont("Helvetica-Bold", 13)
    page.drawString(36, height - 50, title)
    y = height - 90
    for label, entry in fields:
        page.setFont("Helvetica", 8)
        page.drawString(36, y + 14, label)
        page.setFillColorRGB(0.1, 0.15, 0.45)
        if has_rtl(entry):  # written from the right, in a font with Arabic letters
            register_fonts()
            page.setFont(ARABIC, 11)
            page.drawRightString(width - 40, y + 2, get_display(arabic_reshaper.reshape(entry)))
        else:
            page.setFont("Courier", 10)
            page.drawString(40, y + 2, entry)
        page.setFillColorRGB(0.1, 0.1, 0.1)
        page.line(36, y, width - 36, y)
        y -= 40
    page.line(36, 60, 180, 60)
    page.setFont("Helvetica", 8)
    page.drawString(36, 48, "Signature")
    page.showPage()
    page.save()
    return out.getvalue()
