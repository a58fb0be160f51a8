"""Build step that maps the top-level data folders into the package.

The project keeps its sources of data where the layout (DESIGN.md) puts them:
``resources/`` (fonts, agreement templates, postal codes and places) and
``translations/`` (the .po catalogs translators edit). A wheel must carry them
inside the package so that ``importlib.resources.files("duo_desktop")`` finds
them after ``pip install .``: this ``build_py`` copies ``resources/`` to
``duo_desktop/resources/`` and compiles each ``translations/<lang>/LC_MESSAGES/
messages.po`` to ``duo_desktop/locale/<lang>/LC_MESSAGES/messages.mo`` in the
build folder. An editable install and the source tree read the top-level
folders directly (see ``duo_desktop.config.resources_dir``), so nothing is
copied for them.

Everything else (metadata, dependencies) is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
LANGUAGES = ("fr", "nl", "en", "fr_FR", "nl_NL")  # the regional catalogs too (i18n.REGIONAL_CATALOGS)


def compile_catalog(po: Path, mo: Path, lang: str) -> None:
    """One .po -> .mo with Babel (a build requirement); refuses a catalog that
    Babel cannot read, so a broken translation never ships as English."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "duo_desktop"
        target = package / "resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOT / "resources", target,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for lang in LANGUAGES:
            po = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
            compile_catalog(po, package / "locale" / lang / "LC_MESSAGES" / "messages.mo", lang)


setup(cmdclass={"build_py": BuildPyWithData})
