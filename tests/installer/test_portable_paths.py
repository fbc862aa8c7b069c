"""Portable mode: a marker file beside the program moves all data beside it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from platformdirs import user_data_path

import desktop
from desktop import APP_AUTHOR, APP_NAME, portable
from desktop.storage.paths import (
    DATA_DIR_ENV_VAR,
    data_dir,
    default_database_path,
    demo_database_path,
    resolve_target,
)


@pytest.fixture
def packaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to run as a packaged program in tmp_path/app, with no data folder override."""
    folder = tmp_path / "app"
    folder.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "clcp.exe"))
    monkeypatch.delenv(DATA_DIR_ENV_VAR, raising=False)
    monkeypatch.delenv("CLCP_DB", raising=False)
    return folder


def test_no_marker_means_no_portable_folder(tmp_path: Path) -> None:
    assert portable.portable_data_dir_in(tmp_path) is None


@pytest.mark.parametrize("marker", ["portable", "portable.txt"])
def test_a_marker_file_puts_data_beside_the_program(tmp_path: Path, marker: str) -> None:
    (tmp_path / marker).write_text("", encoding="utf-8")
    assert portable.portable_data_dir_in(tmp_path) == tmp_path / "data"


def test_a_folder_named_portable_is_not_a_marker(tmp_path: Path) -> None:
    (tmp_path / "portable").mkdir()
    assert portable.portable_data_dir_in(tmp_path) is None


def test_from_source_the_program_folder_is_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert not portable.is_frozen()
    assert portable.program_dir() == Path(desktop.__file__).resolve().parent.parent


def test_packaged_the_program_folder_is_the_executables(packaged: Path) -> None:
    assert portable.is_frozen()
    assert portable.program_dir() == packaged.resolve()


def test_packaged_without_marker_uses_the_user_data_folder(packaged: Path) -> None:
    assert portable.portable_data_dir() is None
    assert portable.portable_settings_dir() is None
    assert data_dir() == user_data_path(APP_NAME, APP_AUTHOR)


def test_packaged_with_marker_keeps_everything_beside_it(packaged: Path) -> None:
    (packaged / "portable").write_text("", encoding="utf-8")
    data = packaged.resolve() / "data"
    assert data_dir() == data
    assert default_database_path() == data / "clcp.db"
    assert demo_database_path() == data / "demo.db"
    assert resolve_target(None) == str(data / "clcp.db")
    assert portable.portable_settings_dir() == data / "settings"


def test_explicit_choices_still_win_in_portable_mode(
    packaged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (packaged / "portable").write_text("", encoding="utf-8")
    assert resolve_target(str(tmp_path / "chosen.db")) == str(tmp_path / "chosen.db")
    monkeypatch.setenv(DATA_DIR_ENV_VAR, str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere"
