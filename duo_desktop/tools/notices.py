"""Third-party licence notices, generated from the installed distributions'
own metadata (importlib.metadata), never typed by hand.

    python -m duo_desktop.tools.notices OUT.txt [--texts DIR] [--extra FILE ...]

Walks the run-time dependency tree of the ``duo-desktop`` distribution (its
``Requires-Dist`` without extras, markers evaluated for this interpreter), and
for each distribution writes its name, version, declared licence
(``License-Expression``, else ``License``, else the licence classifiers) and
the full text of every licence file it ships (``License-File`` entries, or
files named LICENSE*/COPYING*/NOTICE* in its dist-info). A distribution that
ships no licence file (PySide6's and shiboken6's wheels) gets the standard
text of each SPDX identifier of its expression from ``--texts``
(tools/licences/<id>.txt), printed once at the end. ``--extra`` appends
files as they are (the fonts' licences, Python's own). Raises SystemExit(1)
naming a distribution that declares no licence at all, so a new dependency
cannot slip into the bundle unnoticed.
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement  # shipped with pip/setuptools; a build-time tool only

ROOT_DISTRIBUTION = "duo-desktop"
LICENCE_NAME = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
RULE = "=" * 78


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = ROOT_DISTRIBUTION) -> list[metadata.Distribution]:
    """Every distribution ``root`` needs at run time (not itself), sorted by name."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        dist = metadata.distribution(name)
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = _normal(requirement.name)
            if key not in seen:
                seen[key] = metadata.distribution(requirement.name)
                todo.append(requirement.name)
    return sorted(seen.values(), key=lambda d: _normal(d.metadata["Name"]))


def declared_licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"]
    text = (meta.get("License") or "").strip()
    if text and len(text) < 200 and "\n" not in text:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return "; ".join(classifiers)
    return "see the licence text below" if text else ""


def shown_licence(dist: metadata.Distribution, files: list[tuple[str, str]] | None = None) -> str:
    """The licence line of the notices (and of the About dialog): the declared
    licence, else a pointer to the licence files the distribution ships, else
    "not declared" (a build refuses that, see ``main``)."""
    files = licence_files(dist) if files is None else files
    return declared_licence(dist) or ("see the licence text below" if files else "not declared")


def licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(relative name, text) of each licence file the distribution ships."""
    declared = dist.metadata.get_all("License-File") or []
    found = []
    for file in dist.files or []:
        parts = Path(str(file)).parts
        in_info = parts and parts[0].endswith((".dist-info", ".egg-info"))
        if not in_info:
            continue
        named = any(str(file).endswith(d) for d in declared) or LICENCE_NAME.search(parts[-1])
        if named and parts[-1] not in ("RECORD", "METADATA", "WHEEL"):
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                found.append(("/".join(parts[1:]), path.read_text(encoding="utf-8", errors="replace")))
    return found


SPDX_ID = re.compile(r"[A-Za-z0-9.+-]+")


def write_notices(out: Path, extras: list[Path], texts: Path | None = None) -> list[str]:
    """Write the notices file; returns the distributions that declare no licence."""
    undeclared: list[str] = []
    text = notices_text(extras, texts, undeclared)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return undeclared


def notices_text(extras: list[Path], texts: Path | None = None, undeclared: list[str] | None = None) -> str:
    """The notices as text (the About dialog of a non-bundled install shows
    it); appends to ``undeclared`` the distributions that declare no licence."""
    undeclared = [] if undeclared is None else undeclared
    standard: dict[str, Path] = {}
    chunks = ["Third-party software in DUO Desktop\n", "Generated at build time from the installed "
              "distributions' metadata (duo_desktop/tools/notices.py).\n"]
    for dist in runtime_distributions():
        name, version = dist.metadata["Name"], dist.version
        licence = declared_licence(dist)
        files = licence_files(dist)
        if not licence and not files:
            undeclared.append(name)
        chunks += [RULE, f"{name} {version}", f"Licence: {shown_licence(dist, files)}"]
        if dist.metadata.get("Home-page"):
            chunks.append(f"Home page: {dist.metadata['Home-page']}")
        for file, text in files:
            chunks += [f"--- {file} ---", text.rstrip()]
        if not files and texts is not None:
            for spdx in SPDX_ID.findall(licence):
                if (texts / f"{spdx}.txt").is_file():
                    standard[spdx] = texts / f"{spdx}.txt"
                    chunks.append(f"--- the text of {spdx} is at the end of this file ---")
    for spdx, path in sorted(standard.items()):
        chunks += [RULE, spdx, path.read_text(encoding="utf-8").rstrip()]
    for extra in extras:
        chunks += [RULE, f"{extra.name}", extra.read_text(encoding="utf-8", errors="replace").rstrip()]
    return "\n".join(chunks) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--texts", type=Path, help="folder of standard licence texts, <SPDX id>.txt")
    parser.add_argument("--extra", type=Path, nargs="*", default=[])
    args = parser.parse_args(argv)
    undeclared = write_notices(args.out, args.extra, args.texts)
    if undeclared:
        print("no licence declared by: " + ", ".join(undeclared), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
