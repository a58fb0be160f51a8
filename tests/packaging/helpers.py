"""Shared by the packaging tests: a clean copy of the project to build from,
and the environment an installed copy runs in (no source tree on its path)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# what a build needs (as MANIFEST.in puts in an sdist); nothing generated
SOURCES = ["duo_desktop", "resources", "translations", "pyproject.toml", "setup.py", "MANIFEST.in",
           "README.md", "LICENSE", "build_installer.spec", "tools"]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "locale", "*.egg-info")


def clean_copy(target: Path) -> Path:
    """The project's sources copied to ``target`` (no compiled catalogs, no
    build folder), so a build proves its own steps."""
    target.mkdir(parents=True)
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=IGNORE)
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def installed_env(data_dir: Path) -> dict[str, str]:
    """Environment for running an installed copy: no PYTHONPATH pointing at
    the source tree, offscreen Qt, a throw-away data folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", DUO_DATA_DIR=str(data_dir), PYTHONDONTWRITEBYTECODE="1")
    return env
