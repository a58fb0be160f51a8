"""views -> services -> models: the core never imports Qt widgets."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import duo_desktop

CORE = ("duo_desktop.models", "duo_desktop.store", "duo_desktop.services")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(duo_desktop.__path__, "duo_desktop."):
        if info.name.startswith(CORE):
            names.append(info.name)
    return names


def test_core_modules_import_with_pyside6_blocked():
    modules = core_modules()
    assert "duo_desktop.services.participants" in modules
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
        "            raise ImportError('Qt is not allowed in the core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}:\n"
        "    __import__(m)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- one seam between screens and services (views/ops.py) ---------------------------
import ast  # noqa: E402
from pathlib import Path  # noqa: E402

VIEWS = Path(duo_desktop.__file__).parent / "views"


def _seam_breaches(source: str) -> list[str]:
    """Places where a view opens a session or transaction itself, starts its
    own thread, or announces a change other than through the operation."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = ast.unparse(node.func.value)
            if node.func.attr in ("session", "transaction", "session_factory") and owner.endswith("store"):
                found.append(f"line {node.lineno}: {ast.unparse(node.func)}()")
            if node.func.attr == "emit" and owner.endswith("hub.changed"):
                found.append(f"line {node.lineno}: {ast.unparse(node.func)}()")
            if node.func.attr == "Thread" and owner == "threading":
                found.append(f"line {node.lineno}: threading.Thread()")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
            if "threading" in names:
                found.append(f"line {node.lineno}: import threading")
    return found


def test_views_run_actions_only_through_operations():
    breaches = {}
    for path in sorted(VIEWS.rglob("*.py")):
        if path.name == "ops.py":
            continue
        found = _seam_breaches(path.read_text(encoding="utf-8"))
        if found:
            breaches[str(path.relative_to(VIEWS))] = found
    assert not breaches, f"views open sessions or threads outside views/ops.py: {breaches}"


def test_seam_check_catches_a_transaction_in_a_view():
    sample = "def save(self):\n    with self.context.store.transaction() as s:\n        pass\n"
    assert _seam_breaches(sample) == ["line 2: self.context.store.transaction()"]
    assert _seam_breaches("import threading\n") == ["line 1: import threading"]


# --- dependencies point one way: the models import no service, no view ------------
PACKAGE = Path(duo_desktop.__file__).parent


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file at ``path``,
    nested ones (inside a function) included."""
    package = ["duo_desktop", *path.parent.relative_to(PACKAGE).parts]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found += [(node.lineno, module)] + [(node.lineno, f"{module}.{a.name}") for a in node.names]
    return found


def _upward_imports(folder: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    breaches = {}
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        bad = [f"line {line}: {name}" for line, name in _imported_modules(path) if name.startswith(forbidden)]
        if bad:
            breaches[str(path.relative_to(PACKAGE))] = bad
    return breaches


def test_models_import_no_service_and_no_view():
    breaches = _upward_imports("models", ("duo_desktop.services", "duo_desktop.views", "duo_desktop.cli"))
    assert not breaches, f"models depend on a layer above them: {breaches}"


def test_text_folding_imports_nothing_of_the_application():
    found = [name for _line, name in _imported_modules(PACKAGE / "text.py") if name.startswith("duo_desktop")]
    assert found == []


def test_upward_import_check_sees_a_nested_relative_import(tmp_path):
    # the import the text folding used to be: inside a function of models/participant.py
    sample = PACKAGE / "models" / "participant.py"
    names = [name for _line, name in _imported_modules(sample)]
    assert "duo_desktop.text.search_text" in names
    assert not any(name.startswith("duo_desktop.services") for name in names)
