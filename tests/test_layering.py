"""The arrows of the house point down: only the views (and the GUI entry module) touch Qt,
and nothing below the views imports them.

Every ``.py`` under ``desktop/`` is parsed, so imports inside functions, relative imports
and ``importlib.import_module("...")`` calls count too.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

import desktop

PACKAGE_ROOT = Path(desktop.__file__).resolve().parent
QT_MODULES = ("PySide6", "shiboken6")
# may import Qt: the views package, the module that starts the GUI, and the screenshot
# tour (a tool that drives the views from above)
QT_ALLOWED = ("desktop.views", "desktop.gui", "desktop.tour")
# the Qt-free core; none of it may import the views (or the GUI entry module)
CORE_PACKAGES = ("desktop.models", "desktop.storage", "desktop.services", "desktop.reports")
UPPER_MODULES = ("desktop.views", "desktop.gui", "desktop.tour", "desktop.cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> list[Path]:
    return sorted(path for path in PACKAGE_ROOT.rglob("*.py") if "__pycache__" not in path.parts)


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def _resolve_relative(current: str, is_package: bool, level: int, target: str | None) -> str:
    package = current.split(".") if is_package else current.split(".")[:-1]
    base = package[: len(package) - (level - 1)] if level > 1 else package
    return ".".join([*base, *([target] if target else [])])


def imported_modules(source: str, current: str, is_package: bool = False) -> Iterator[str]:
    """Every module name the code may import, wherever the statement is."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = (
                _resolve_relative(current, is_package, node.level, node.module)
                if node.level
                else node.module or ""
            )
            yield base
            # ``from desktop import views`` imports the module desktop.views
            yield from (f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Call) and node.args:
            function = node.func
            called = (
                function.id
                if isinstance(function, ast.Name)
                else function.attr
                if isinstance(function, ast.Attribute)
                else ""
            )
            first = node.args[0]
            if (
                called in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield first.value


def imports_of(path: Path) -> set[str]:
    return set(
        imported_modules(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
        )
    )


def test_the_whole_package_is_scanned() -> None:
    names = {module_name(path) for path in source_files()}
    assert {"desktop", "desktop.storage.database", "desktop.services.framework.audit"} <= names


def test_only_views_and_the_gui_module_import_qt() -> None:
    offenders = {
        module_name(path): sorted(name for name in imports_of(path) if within(name, QT_MODULES))
        for path in source_files()
        if not within(module_name(path), QT_ALLOWED)
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_core_never_imports_the_views() -> None:
    offenders = {
        module_name(path): sorted(name for name in imports_of(path) if within(name, UPPER_MODULES))
        for path in source_files()
        if within(module_name(path), CORE_PACKAGES)
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_scanner_sees_nested_relative_and_dynamic_imports() -> None:
    source = """
import json

def later():
    from PySide6.QtWidgets import QWidget
    import PySide6.QtCore as core

class Report:
    def render(self):
        from ..views import labels
        from . import database

importlib.import_module("shiboken6")
__import__("desktop.gui")
"""
    found = set(imported_modules(source, "desktop.storage.backup"))
    assert {
        "json",
        "PySide6.QtWidgets",
        "PySide6.QtCore",
        "desktop.views",
        "desktop.views.labels",
        "desktop.storage",
        "desktop.storage.database",
        "shiboken6",
        "desktop.gui",
    } <= found
    assert set(imported_modules("from . import x", "desktop.services", is_package=True)) == {
        "desktop.services",
        "desktop.services.x",
    }


def test_no_screen_announces_its_own_writes() -> None:
    """What changed is announced once, by the write runner, from what the services wrote:
    a screen that emitted change news by hand could forget a kind or name a wrong one."""
    runner = PACKAGE_ROOT / "views" / "shell" / "operations.py"
    by_hand = [
        f"{path.relative_to(PACKAGE_ROOT.parent)}:{number}"
        for path in sorted((PACKAGE_ROOT / "views").rglob("*.py"))
        if path != runner
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "changes_made.emit" in line or "data_changed" in line
    ]
    assert by_hand == []


def _owner(name: str, modules: set[str]) -> str | None:
    """The module of ours an imported name comes from (``desktop.a.Name`` → ``desktop.a``)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph() -> dict[str, set[str]]:
    """Every module under ``desktop/`` and the modules of ours it imports. ``from pkg
    import sub`` imports the module ``pkg.sub``; ``from pkg import Name`` imports ``pkg``
    itself (its ``__init__``), so a module that takes a name from its own package's face
    instead of from the sibling that defines it shows up as a circle."""
    modules = {module_name(path) for path in source_files()}
    graph: dict[str, set[str]] = {}
    for path in source_files():
        here = module_name(path)
        found: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = (
                    _resolve_relative(here, path.name == "__init__.py", node.level, node.module)
                    if node.level
                    else node.module or ""
                )
                for alias in node.names:
                    whole = f"{base}.{alias.name}"
                    found.add(whole if whole in modules else _owner(base, modules))
            elif isinstance(node, ast.Import):
                found.update(_owner(alias.name, modules) for alias in node.names)
            elif isinstance(node, ast.Call) and node.args:
                # ``import_module("desktop.x")``: the module named
                found.update(
                    _owner(name, modules) for name in imported_modules(ast.unparse(node), here)
                )
        graph[here] = {name for name in found if name and name != here}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_two_modules_import_each_other_even_round_a_circle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    # ...and the graph holds the imports of the real code, in functions and by submodule
    real = import_graph()
    assert "desktop.cli.base" in real["desktop.cli.signin"]
    assert "desktop.tour.run" in real["desktop.cli.screenshots"]  # inside a function
    assert "desktop.demo.harm_texts" in real["desktop.demo.cycle"]  # from pkg import sub


def test_the_services_never_import_the_reports_or_the_demo() -> None:
    below = ("desktop.services", "desktop.models", "desktop.storage", "desktop.labels")
    above = ("desktop.reports", "desktop.demo", *UPPER_MODULES)
    graph = import_graph()
    offenders = {
        module: sorted(name for name in names if within(name, above))
        for module, names in graph.items()
        if within(module, below)
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_screens_never_import_what_starts_them() -> None:
    starters = ("desktop.gui", "desktop.tour", "desktop.cli")
    graph = import_graph()
    offenders = {
        module: sorted(name for name in names if within(name, starters))
        for module, names in graph.items()
        if within(module, ("desktop.views",))
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_tests_have_the_folders_of_the_code() -> None:
    """``tests/views/cycle`` tests ``desktop/views/cycle``: a test folder with no folder of
    the same name in the code would be a place nobody looks."""
    tests_root = Path(__file__).resolve().parent
    strays = [
        folder.relative_to(tests_root).as_posix()
        for layer in ("views", "services")
        for folder in sorted((tests_root / layer).iterdir())
        if folder.is_dir()
        and folder.name != "__pycache__"
        and not (PACKAGE_ROOT / layer / folder.name / "__init__.py").exists()
    ]
    assert strays == []


# --- the screens read and write through the facade ----------------------------------------

#: Service functions a screen may call without the facade, each with why: nobody is signed
#: in yet, so there is no ``Services(db, actor)`` to ask. (The setup wizard's
#: ``check_setup`` takes only the answers, no database, so it needs no place here.)
WITHOUT_THE_FACADE = {
    "desktop.services.security.signin.sign_in": "signing in: the actor exists once it succeeds",
    "desktop.services.security.signin.sign_in_with_recovery_key": (
        "signing in with the recovery key: the actor exists once it succeeds"
    ),
    "desktop.services.usecases.setup.create_office": (
        "first-day setup: makes the database file and its first account"
    ),
    "desktop.services.security.encryption.encrypt_database": (
        "encrypting a plain file: works on the file before anyone signs in to it"
    ),
}

#: Modules of the screens that handle the database file itself (``context.db``), and why.
HOLD_THE_FILE = {
    "desktop.views.shell.main_window": "shows the database file in the status bar",
    "desktop.views.shell.commands": (
        "offers Change password, Sign out and Switch user only for a file with passwords"
    ),
    "desktop.views.shell.operations": (
        "runs a long write on a worker thread only when the database is a file, not in memory"
    ),
    "desktop.views.auth.idle_lock": "locks the window only when the file has passwords",
}


def _takes_a_database(target: object) -> bool:
    """Whether ``target`` (a function, or a class by its constructor) is first given the
    database or the database file: what a screen must get through the facade instead."""
    try:
        parameters = list(inspect.signature(target).parameters.values())  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    if not parameters:
        return False
    annotation = parameters[0].annotation
    name = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return name in ("Database", "Path")


def unbound_service_calls(path: Path) -> list[str]:
    """``module.name`` of each service function a screen imports (or service class it
    builds) that takes the database itself, not through ``Services``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    called = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        if not within(node.module, ("desktop.services",)) or node.module.endswith(".facade"):
            continue
        source = importlib.import_module(node.module)
        for alias in node.names:
            target = getattr(source, alias.name, None)
            if inspect.isclass(target) and (alias.asname or alias.name) not in called:
                continue  # named in a type hint, never built
            if (inspect.isfunction(target) or inspect.isclass(target)) and _takes_a_database(
                target
            ):
                found.append(f"{node.module}.{alias.name}")
    return found


def test_screens_call_the_services_through_the_facade() -> None:
    """A screen asks ``context.services`` (bound to the database and the signed-in person),
    so no screen can read with another person's rights or forget to pass the actor."""
    views = sorted((PACKAGE_ROOT / "views").rglob("*.py"))
    used = {name: module_name(path) for path in views for name in unbound_service_calls(path)}
    assert {name: where for name, where in used.items() if name not in WITHOUT_THE_FACADE} == {}
    assert set(WITHOUT_THE_FACADE) <= set(used)  # each exception is still needed


def test_the_facade_check_sees_functions_and_built_classes() -> None:
    from desktop.services.queries.mentoring import mentor_home
    from desktop.services.security.passwords import AccountService
    from desktop.services.usecases.drafts import DraftEntry

    assert _takes_a_database(mentor_home)
    assert _takes_a_database(AccountService)
    assert not _takes_a_database(DraftEntry)


def reads_of_the_database(source: str) -> list[int]:
    """Lines where the code reads ``.db`` off a context or a ``Services``."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr == "db"
        and ast.unparse(node.value).split(".")[-1] in ("context", "services")
    ]


def test_only_the_shell_and_the_lock_hold_the_database_file() -> None:
    """Screens other than these never see the database, only what the facade answers."""
    views = sorted((PACKAGE_ROOT / "views").rglob("*.py"))
    readers = {
        module_name(path)
        for path in views
        if reads_of_the_database(path.read_text(encoding="utf-8"))
    }
    assert readers - set(HOLD_THE_FILE) == set()
    assert set(HOLD_THE_FILE) <= readers  # each exception is still needed
    assert reads_of_the_database("x = self.cycle.context.db.path") == [1]
    assert reads_of_the_database("x = signed_in.db") == []


# --- files a person can hold in their head ------------------------------------------------

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: Where the limits are enforced: the whole app.
SIZE_CHECKED = ("desktop",)
#: Frozen history: a migration is never rewritten once shipped.
SIZE_EXEMPT = ("desktop.storage.migrations.versions",)


def oversized(source: str, name: str) -> list[str]:
    """What in a module breaks the limits: the module itself, or each long function
    (methods and nested functions too), counted from ``def`` to its last line."""
    found = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{name}: {lines} lines")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{name}:{node.lineno} {node.name}() {length} lines")
    return found


def test_no_module_or_function_too_long_to_read() -> None:
    offenders = [
        problem
        for path in source_files()
        if within(module_name(path), SIZE_CHECKED) and not within(module_name(path), SIZE_EXEMPT)
        for problem in oversized(path.read_text(encoding="utf-8"), module_name(path))
    ]
    assert offenders == []


def test_the_size_check_counts_modules_and_nested_functions() -> None:
    body = "\n".join(f"    x{n} = {n}" for n in range(MAX_FUNCTION_LINES))
    long_method = f"class A:\n    def run(self):\n        def inner():\n{body}\n"
    long_method = long_method.replace("\n    x", "\n            x")
    assert oversized(long_method, "m") == ["m:2 run() 62 lines", "m:3 inner() 61 lines"]
    assert oversized("x = 1\n" * (MAX_MODULE_LINES + 1), "m") == ["m: 401 lines"]
    assert oversized("def f():\n    return 1\n", "m") == []


def test_the_screens_reach_the_sync_engine_through_laptop_sync() -> None:
    """The window's sync screens use ``LaptopSync(context.services)`` alone, which is built
    from the facade: no screen takes the engine's functions that want the database."""
    graph = import_graph()
    door = "desktop.sync.laptop_sync"
    offenders = {
        module: sorted(name for name in names if within(name, ("desktop.sync",)) and name != door)
        for module, names in graph.items()
        if within(module, ("desktop.views",))
    }
    assert {module: names for module, names in offenders.items() if names} == {}
    assert any(
        door in names for module, names in graph.items() if within(module, ("desktop.views",))
    )


def test_no_two_test_modules_share_a_name() -> None:
    """The test folders are not packages, so pytest imports each test module by its file
    name alone: a second ``test_office.py`` elsewhere would stop the whole run."""
    tests_root = Path(__file__).resolve().parent
    seen: dict[str, list[str]] = {}
    for path in sorted(tests_root.rglob("test_*.py")):
        seen.setdefault(path.name, []).append(path.relative_to(tests_root).as_posix())
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}
