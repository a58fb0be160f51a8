"""Sub-commands of ``python -m duo_desktop``. Each module here defines
``register(subparsers)``, which adds its parser and sets ``func(args) -> int``.
Modules are discovered, so a new command is a new file."""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register_all(subparsers: argparse._SubParsersAction) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
