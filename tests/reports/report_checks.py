"""Helpers for the report tests: text and fonts of a PDF, read back with poppler's tools."""

from __future__ import annotations

import subprocess
from pathlib import Path


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page, in order."""
    return pdf_text(path).split("\f")


def pdf_fonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout


def _pdf_info(path: Path, field: str) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return next(x for x in info.stdout.splitlines() if x.startswith(f"{field}:")).split()


def page_size_points(path: Path) -> tuple[float, float]:
    parts = _pdf_info(path, "Page size")
    return float(parts[2]), float(parts[4])


def page_count(path: Path) -> int:
    return int(_pdf_info(path, "Pages")[1])
