"""What goes into the packaged build, in one place.

The PyInstaller spec (``clcp.spec``), the build script (``build.py``) and the tests all read
these lists, so what is built, what is smoke-tested and what is checked cannot drift apart.
Nothing here imports PyInstaller or Qt.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

INSTALLER_DIR = Path(__file__).resolve().parent
PROJECT_DIR = INSTALLER_DIR.parent
PACKAGE_DIR = PROJECT_DIR / "desktop"
RESOURCES_DIR = PROJECT_DIR / "resources"
MIGRATIONS_DIR = PACKAGE_DIR / "storage" / "migrations"
ENTRY_SCRIPT = PACKAGE_DIR / "__main__.py"
SVG_ICON = RESOURCES_DIR / "clcp.svg"

PRODUCT_NAME = "CLCP Desktop"
COMPANY_NAME = "CLCP"
BUNDLE_NAME = "clcp-desktop"  # the one folder in dist/
GUI_NAME = "clcp-desktop"  # windowed program: what the shortcuts start
CLI_NAME = "clcp"  # console program: the command line, and the smoke test on Windows

# Where resources/ goes inside the bundle: the same place an installed wheel carries it
# (desktop/resources), which is where the code looks when there is no checkout around it.
RESOURCES_TARGET = "desktop/resources"

# Modules the app never uses. Qt's hooks would otherwise carry their libraries and plugins
# (QML and Quick alone are tens of megabytes); the rest are development tools.
EXCLUDED_MODULES = (
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQmlFeatures",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimedia",
    "PySide6.Qt3DCore",
    "tkinter",
    "unittest",
    "pydoc",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "IPython",
    "numpy",
    "matplotlib",
)

# Imported by code PyInstaller cannot see from the entry script: Qt modules that bring the
# plugins for the SVG icon and for printing.
QT_HIDDEN_IMPORTS = ("PySide6.QtSvg", "PySide6.QtPrintSupport")


def version() -> str:
    """The package version, read from ``desktop/__init__.py`` without importing the app."""
    text = (PACKAGE_DIR / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise RuntimeError("desktop/__init__.py does not set __version__")
    return found.group(1)


def version_tuple(text: str | None = None) -> tuple[int, int, int, int]:
    """The version as the four numbers Windows version resources hold (1.2.3rc1 -> 1,2,3,0)."""
    release = re.match(r"\d+(\.\d+)*", text if text is not None else version())
    numbers = [int(part) for part in release.group(0).split(".")[:3]] if release else []
    padded = [*numbers, 0, 0, 0, 0][:4]
    return (padded[0], padded[1], padded[2], padded[3])


def _files_under(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def migration_files() -> list[Path]:
    """Alembic's environment, template and every revision: read as files at run time."""
    return _files_under(MIGRATIONS_DIR)


def package_data_files() -> list[Path]:
    """Files of the package that are not code (templates, translations), if any."""
    return [
        path
        for path in _files_under(PACKAGE_DIR)
        if path.suffix != ".py" and path.name != "py.typed" and MIGRATIONS_DIR not in path.parents
    ]


def resource_files() -> list[Path]:
    return _files_under(RESOURCES_DIR)


def data_entries() -> list[tuple[str, str]]:
    """(source file, folder inside the bundle) pairs, as PyInstaller's ``datas`` takes them."""
    entries: list[tuple[str, str]] = []
    for path in [*migration_files(), *package_data_files()]:
        target = path.parent.relative_to(PROJECT_DIR).as_posix()
        entries.append((str(path), target))
    for path in resource_files():
        inside = path.parent.relative_to(RESOURCES_DIR).as_posix()
        target = RESOURCES_TARGET if inside == "." else f"{RESOURCES_TARGET}/{inside}"
        entries.append((str(path), target))
    return entries


def migration_imports() -> list[str]:
    """Modules the migration scripts import: Alembic loads them by path, out of sight."""
    names: set[str] = set()
    for path in migration_files():
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    names.discard("__future__")
    return sorted(names)


def app_modules() -> list[str]:
    """Every module of the app. Some are imported by name at run time (the main window's
    pages, for one), which PyInstaller cannot follow, so all of them are listed."""
    names = []
    for path in _files_under(PACKAGE_DIR):
        if path.suffix != ".py" or MIGRATIONS_DIR in path.parents:
            continue
        parts = list(path.relative_to(PROJECT_DIR).with_suffix("").parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def hidden_imports() -> list[str]:
    return [*QT_HIDDEN_IMPORTS, *migration_imports(), *app_modules()]


if __name__ == "__main__":  # the release workflow reads the version this way
    print(version())
