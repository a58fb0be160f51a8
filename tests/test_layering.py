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
