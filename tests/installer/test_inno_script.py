"""The Inno Setup script agrees with the bundle it packs (it is compiled only on Windows)."""

from __future__ import annotations

import re

import bundle_contents as contents

SCRIPT = (contents.INSTALLER_DIR / "clcp.iss").read_text(encoding="utf-8")


def setup_value(name: str) -> str:
    found = re.search(rf"^{name}=(.*)$", SCRIPT, re.MULTILINE)
    assert found is not None, name
    return found.group(1).strip()


def define(name: str) -> str:
    found = re.search(rf'#define {name} "([^"]*)"', SCRIPT)
    assert found is not None, name
    return found.group(1)


def test_installs_for_the_user_without_administrator_rights() -> None:
    assert setup_value("PrivilegesRequired") == "lowest"
    assert setup_value("DefaultDirName").startswith("{autopf}")


def test_installer_file_name_carries_the_version() -> None:
    assert setup_value("OutputBaseFilename") == "CLCP-Desktop-Setup-{#AppVersion}"


def test_packs_the_bundle_build_py_makes() -> None:
    assert define("BundleDir") == rf"..\dist\{contents.BUNDLE_NAME}"
    assert define("GuiExe") == f"{contents.GUI_NAME}.exe"
    assert define("IconFile") == r"..\build\clcp.ico"


def test_data_folder_is_the_apps_user_data_folder() -> None:
    # platformdirs' Windows user data folder: %LOCALAPPDATA%\<author>\<app name>
    assert (
        define("DataFolder") == rf"{{localappdata}}\{contents.COMPANY_NAME}\{contents.PRODUCT_NAME}"
    )
    assert define("SettingsKey") == rf"Software\{contents.COMPANY_NAME}\{contents.PRODUCT_NAME}"


def test_uninstall_asks_before_deleting_data_and_defaults_to_keeping_it() -> None:
    code = SCRIPT[SCRIPT.index("[Code]") :]
    assert "usPostUninstall" in code
    assert "UninstallSilent" in code
    assert "MB_DEFBUTTON2, IDNO" in code
    assert code.index("= IDYES") < code.index("DelTree")
