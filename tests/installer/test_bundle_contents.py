"""The bundle carries what the app reads from disk at run time, and leaves out what it never uses.

PyInstaller cannot run here in a unit test, so this checks the lists the spec is built from,
and that the spec really uses them.
"""

from __future__ import annotations

import ast
import importlib.util
import tomllib
from pathlib import Path

import bundle_contents as contents
import pytest

import desktop

PROJECT_DIR = Path(desktop.__file__).resolve().parent.parent


def bundled() -> dict[Path, str]:
    """Source file -> folder inside the bundle."""
    return {Path(source): target for source, target in contents.data_entries()}


def test_every_migration_ships_as_a_file_where_alembic_looks_for_it() -> None:
    entries = bundled()
    migrations = PROJECT_DIR / "desktop" / "storage" / "migrations"
    revisions = sorted((migrations / "versions").glob("*.py"))
    assert revisions, "the project has migrations"
    for revision in revisions:
        assert entries[revision] == "desktop/storage/migrations/versions"
    assert entries[migrations / "env.py"] == "desktop/storage/migrations"
    assert entries[migrations / "script.py.mako"] == "desktop/storage/migrations"
    assert not [path for path in entries if "__pycache__" in path.parts or path.suffix == ".pyc"]


def test_all_resources_ship_where_the_app_and_the_wheel_put_them() -> None:
    entries = bundled()
    resources = PROJECT_DIR / "resources"
    for path in (p for p in resources.rglob("*") if p.is_file()):
        inside = path.parent.relative_to(resources).as_posix()
        expected = "desktop/resources" + ("" if inside == "." else f"/{inside}")
        assert entries[path] == expected, path
    assert entries[resources / "clcp.svg"] == "desktop/resources"
    # an installed wheel carries resources/ at the same place inside the package
    pyproject = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert wheel["resources"] == contents.RESOURCES_TARGET


def test_code_loaded_only_by_migrations_is_bundled() -> None:
    hidden = contents.hidden_imports()
    assert {"alembic", "sqlalchemy", "desktop.models"} <= set(hidden)
    assert "__future__" not in hidden
    for name in contents.QT_HIDDEN_IMPORTS:
        assert importlib.util.find_spec(name) is not None, name


def test_every_module_of_the_app_is_bundled_even_if_imported_by_name() -> None:
    hidden = set(contents.hidden_imports())
    assert "desktop.views.shell.main_window" in hidden
    assert "desktop.storage.paths" in hidden
    assert "desktop" in hidden
    for name in contents.app_modules():
        assert importlib.util.find_spec(name) is not None, name
    assert not [name for name in hidden if ".migrations" in name or name.endswith("__main__")]


def imports_of_the_app() -> set[str]:
    names: set[str] = set()
    for path in (PROJECT_DIR / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return names


def test_nothing_left_out_is_used_by_the_app() -> None:
    used = imports_of_the_app()
    clashes = sorted(
        name
        for name in used
        for excluded in contents.EXCLUDED_MODULES
        if name == excluded or name.startswith(excluded + ".")
    )
    assert clashes == [], "the app imports a module the bundle leaves out (bundle_contents.py)"


def test_the_spec_is_built_from_these_lists() -> None:
    spec = (contents.INSTALLER_DIR / "clcp.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    analysis = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Analysis"
    )
    keywords = {keyword.arg: ast.unparse(keyword.value) for keyword in analysis.keywords}
    assert keywords["datas"] == "contents.data_entries()"
    assert keywords["hiddenimports"] == "contents.hidden_imports()"
    assert keywords["excludes"] == "list(contents.EXCLUDED_MODULES)"
    assert ast.unparse(analysis.args[0]) == "[str(contents.ENTRY_SCRIPT)]"
    assert contents.ENTRY_SCRIPT.is_file()


def test_version_comes_from_the_package() -> None:
    assert contents.version() == desktop.__version__
    assert ".".join(map(str, contents.version_tuple())).startswith(desktop.__version__)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2.0+local.5", (2, 0, 0, 0))],
)
def test_windows_version_numbers(text: str, numbers: tuple[int, int, int, int]) -> None:
    assert contents.version_tuple(text) == numbers
