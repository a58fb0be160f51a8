"""What the About dialog says about versions and licences (no Qt).

    version() -> "0.1.0"                       from the installed package's metadata
    PROJECT_LICENCE = "EUPL-1.2"
    third_party() -> list[Component]           every bundled library and font, with its licence
    notices_text() -> str                      the full third-party notices

Where the licences come from, never typed by hand:

- in the bundle: ``THIRD-PARTY-NOTICES.txt``, written at build time by
  build_installer.spec from the installed distributions' metadata
  (duo_desktop/tools/notices.py), read here from ``sys._MEIPASS``;
- installed or in a source tree: the same text generated now from
  ``importlib.metadata`` (tools/notices.py);
- the fonts: the ``License:`` field of the first paragraph of each
  ``resources/fonts/LICENSE-<Family>.txt`` (machine-readable Debian copyright
  files), for every font file whose name starts with ``<Family>``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import __version__

PROJECT_LICENCE = "EUPL-1.2"
NOTICES_FILE = "THIRD-PARTY-NOTICES.txt"
DISTRIBUTION = "duo-desktop"


@dataclass(frozen=True)
class Component:
    """One bundled library or font family: name, version ('' for fonts), SPDX licence."""

    name: str
    version: str
    licence: str


def version() -> str:
    """The installed distribution's version (pyproject.toml's), else the package's own."""
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # a bundle carries no dist-info for the app itself
        return __version__


def _bundled_notices() -> Path | None:
    base = getattr(sys, "_MEIPASS", None)
    if base and (Path(base) / NOTICES_FILE).is_file():
        return Path(base) / NOTICES_FILE
    return None


@cache
def notices_text() -> str:
    """The third-party notices: the bundle's file, or generated from the
    installed distributions' metadata (~0.1 s, then cached)."""
    bundled = _bundled_notices()
    if bundled is not None:
        return bundled.read_text(encoding="utf-8")
    from .tools import notices

    return notices.notices_text(_font_licence_files(), texts=_standard_texts())


def _fonts_dir() -> Path:
    from .config import resources_dir

    return resources_dir() / "fonts"


def _font_licence_files() -> list[Path]:
    return sorted(_fonts_dir().glob("LICENSE-*.txt"))


def _standard_texts() -> Path | None:
    source = Path(__file__).resolve().parent.parent / "tools" / "licences"
    return source if source.is_dir() else None


def font_components(folder: Path | None = None) -> list[Component]:
    """Each font family shipped, with the licence its copyright file states.
    Raises ValueError naming a font file that no licence file covers."""
    folder = folder or _fonts_dir()
    families = {}
    for licence_file in sorted(folder.glob("LICENSE-*.txt")):
        family = licence_file.stem.removeprefix("LICENSE-")
        match = re.search(r"^License:\s*(\S+)", licence_file.read_text(encoding="utf-8"), re.MULTILINE)
        families[family] = match.group(1) if match else "see the licence text"
    found = []
    for font in sorted(folder.glob("*.[ot]tf")):
        family = next((f for f in families if font.name.startswith(f)), None)
        if family is None:
            raise ValueError(f"no LICENSE-<family>.txt covers the font {font.name}")
        found.append(Component(font.stem, "", families[family]))
    return found


HEADER = re.compile(r"^={78}\n(?P<name>\S+) (?P<version>\S+)\nLicence: (?P<licence>.*)$", re.MULTILINE)


def third_party() -> list[Component]:
    """Every bundled library (from the notices) and font, sorted by name."""
    libraries = [Component(m["name"], m["version"], m["licence"].strip()) for m in HEADER.finditer(notices_text())]
    return sorted(libraries, key=lambda c: c.name.lower()) + font_components()
