"""Answering the start-up question "put back your unsaved work?" in tests."""

from __future__ import annotations

import pytest

from desktop.views.forms import prompts


def accept_offered_drafts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Say yes to every draft offered back; the form keys offered, in order."""
    offered: list[str] = []

    def restore(_parent: object, entry: object) -> bool:
        offered.append(entry.form_key)  # type: ignore[attr-defined]
        return True

    monkeypatch.setattr(prompts, "ask_restore", restore)
    return offered


def discard_unsaved_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """When a test's windows close, drop what is left unsaved instead of asking."""
    monkeypatch.setattr(prompts, "ask_unsaved", lambda *_args: prompts.Leave.DISCARD)
