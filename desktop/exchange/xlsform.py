"""XLSForms for phones (placeholder until the forms are written)."""

from __future__ import annotations

from pathlib import Path

from desktop.services.facade import Services

FORMS: dict[str, str] = {}


def write_xlsform(services: Services, form_id: str, out: Path, *, languages: list[str]) -> None:
    raise NotImplementedError(form_id)
