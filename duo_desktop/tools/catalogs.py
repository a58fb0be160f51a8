"""Manage the gettext catalogs with Babel.

    python -m duo_desktop.tools.catalogs update    # extract messages.pot, update fr/nl/en .po
    python -m duo_desktop.tools.catalogs compile   # .po -> duo_desktop/locale/*/LC_MESSAGES/*.mo
    python -m duo_desktop.tools.catalogs check     # untranslated, fuzzy, placeholders, malformed, typography
    python -m duo_desktop.tools.catalogs todo > todo.json    # untranslated messages, to fill in
    python -m duo_desktop.tools.catalogs apply todo.json     # {"msgid": {"fr": "...", "nl": "..."}}

In ``todo``/``apply`` a plural message is keyed by its singular and its
translations are lists ([singular, plural]).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from ..i18n import COMPILED_DIR, DOMAIN, LANGUAGES, REGIONAL_CATALOGS, SOURCE_DIR

PACKAGE = Path(__file__).resolve().parent.parent
POT = SOURCE_DIR / f"{DOMAIN}.pot"
KEYWORDS = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "-k", "npgettext:1c,2,3", "-k", "NP_:1c,2"]
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*(?:[:!][^{}]*)?\}")


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    _babel(
        "extract", *KEYWORDS, "--no-location", "--sort-output", "--omit-header",
        "--project", "DUO Desktop", "-o", str(POT), str(PACKAGE),
    )


def update() -> None:
    extract()
    for lang in LANGUAGES:
        po = SOURCE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists():
            _babel("update", "-i", str(POT), "-d", str(SOURCE_DIR), "-l", lang, "-D", DOMAIN,
                   "--ignore-obsolete", "--no-fuzzy-matching")
        else:
            _babel("init", "-i", str(POT), "-d", str(SOURCE_DIR), "-l", lang, "-D", DOMAIN)
    _fill_source_language("en")


def _fill_source_language(lang: str) -> None:
    """The code is written in English: the en catalog copies each message."""
    from babel.messages.pofile import write_po

    po = SOURCE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    for message in catalog:
        if message.id and not any(message.string if isinstance(message.string, tuple) else (message.string,)):
            message.string = message.id
    with po.open("wb") as fh:
        write_po(fh, catalog, no_location=True, sort_output=True)


def compile_all() -> None:
    for lang in (*LANGUAGES, *REGIONAL_CATALOGS):
        po = SOURCE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        out = COMPILED_DIR / lang / "LC_MESSAGES"
        out.mkdir(parents=True, exist_ok=True)
        _babel("compile", "-i", str(po), "-o", str(out / f"{DOMAIN}.mo"), "-l", lang, "--use-fuzzy")


def problems() -> list[str]:
    """Every untranslated or fuzzy entry and every placeholder mismatch, and
    every message of the code that a catalog lacks."""
    found: list[str] = []
    with POT.open("rb") as fh:
        template_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    for lang in LANGUAGES:
        po = SOURCE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        ids = set()
        for message in catalog:
            if not message.id:
                continue
            ids_ = message.id if isinstance(message.id, tuple) else (message.id,)
            strs = message.string if isinstance(message.string, tuple) else (message.string,)
            ids.add(ids_[0])
            where = f"{lang}: {ids_[0]!r}"
            if message.fuzzy:
                found.append(f"{where} is fuzzy")
            if not all(strs):
                found.append(f"{where} is untranslated")
                continue
            expected = sorted(PLACEHOLDER.findall(ids_[-1]))
            for s in strs:
                got = sorted(PLACEHOLDER.findall(s))
                if got != expected and not (len(strs) > 1 and set(got) <= set(expected)):
                    found.append(f"{where}: placeholders {got} differ from {expected}")
        for missing in sorted(template_ids - ids):
            found.append(f"{lang}: {missing!r} is missing from the catalog")
    return found


def _catalog_path(lang: str) -> Path:
    return SOURCE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def todo() -> dict[str, dict[str, object]]:
    result: dict[str, dict[str, object]] = {}
    for lang in LANGUAGES:
        with _catalog_path(lang).open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            strs = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strs):
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                entry = result.setdefault(key, {})
                if isinstance(message.id, tuple):
                    entry["_plural"] = message.id[1]
                entry[lang] = ["", ""] if isinstance(message.id, tuple) else ""
    return result


def apply(path: Path) -> int:
    import json

    from babel.messages.pofile import write_po

    from .catalog_lint import typeset

    data = json.loads(path.read_text(encoding="utf-8"))
    changed = 0
    for lang in LANGUAGES:
        with _catalog_path(lang).open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            value = data.get(key, {}).get(lang)
            if not value:
                continue
            # the language's spaces, apostrophe and quotes (catalog_lint.typeset)
            value = [typeset(lang, v) for v in value] if isinstance(value, list) else typeset(lang, value)
            message.string = tuple(value) if isinstance(message.id, tuple) else value
            message.flags.discard("fuzzy")
            changed += 1
        with _catalog_path(lang).open("wb") as fh:
            write_po(fh, catalog, no_location=True, sort_output=True)
    return changed


def main(argv: list[str]) -> int:
    action = argv[0] if argv else "check"
    if action == "update":
        update()
    elif action == "compile":
        compile_all()
    elif action == "extract":
        extract()
    elif action == "todo":
        import json

        print(json.dumps(todo(), ensure_ascii=False, indent=1, sort_keys=True))
    elif action == "apply":
        print(f"{apply(Path(argv[1]))} messages set")
    elif action == "check":
        from .catalog_lint import lint_catalog

        issues = problems() + [p for lang in LANGUAGES for p in lint_catalog(lang, _catalog_path(lang))]
        print("\n".join(issues) or "catalogs complete")
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
