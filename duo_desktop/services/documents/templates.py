"""Document texts as resources a branch can adapt without touching code.

    resources/templates/{fr,nl,en}/{kind}.toml     the programme's texts
    <branch templates_dir>/{lang}/{kind}.toml       a branch's own version (whole file)
    <branch templates_dir>/{lang}/extra_clauses.toml   clauses added to the agreement
    <branch templates_dir>/branch.toml              name, address, phone, email, logo

``Branch.settings["templates_dir"]`` names the branch folder (absolute, or
relative to the data folder). Texts are in the document's own language and
may use <b>, <i> and <br/>; values come in through named placeholders
(``{mentee_name}``), escaped beforehand. A missing or broken file raises
``TemplateError`` naming the file and the problem, before anything is drawn.
"""

from __future__ import annotations

import os
import string
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...config import data_dir, resources_dir
from ...i18n import N_
from . import choices
from .choices import CHOICES
from .errors import TemplateError

KINDS = ("common", "agreement", "charter", "evaluation_form", "attendance_sheet", "consent_form")
EXTRA_CLAUSES = "extra_clauses"
BRANCH_FILE = "branch.toml"


def default_dir() -> Path:
    return resources_dir() / "templates"


@dataclass(frozen=True)
class Template:
    """One loaded file: its data and where it came from (for error messages)."""

    path: Path
    data: dict[str, Any]

    def text(self, key: str) -> str:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def sections(self) -> list[dict[str, Any]]:
        return self.data.get("sections", [])


@dataclass(frozen=True)
class Schema:
    """Required keys of a kind of document and the placeholders its texts
    may use."""

    required: dict[str, type]
    placeholders: frozenset[str]
    sections: bool = True
    table_keys: dict[str, frozenset[str]] = field(default_factory=dict)


_cache: dict[tuple[str, int, int], Template] = {}
_cache_lock = threading.Lock()


def branch_dir(settings: dict[str, Any] | None) -> Path | None:
    """The branch's own template folder, if its settings name one."""
    value = (settings or {}).get("templates_dir")
    if not value:
        return None
    path = Path(os.path.expanduser(str(value)))
    if not path.is_absolute():
        path = data_dir() / path
    if not path.is_dir():
        raise TemplateError(N_("The branch's template folder {path} does not exist."), path, path=path)
    return path


def resolve(kind: str, lang: str, override: Path | None) -> Path:
    if override is not None:
        candidate = override / lang / f"{kind}.toml"
        if candidate.exists():
            return candidate
    path = default_dir() / lang / f"{kind}.toml"
    if not path.exists():
        raise TemplateError(N_("The template {file} is missing."), path, file=path)
    return path


def read(path: Path) -> dict[str, Any]:
    """Parse a TOML file (cached while the file is unchanged)."""
    try:
        stat = path.stat()
    except OSError:
        raise TemplateError(N_("The template {file} is missing."), path, file=path) from None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached.data
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(N_("The template {file} cannot be read: {problem}"),
                            path, file=path, problem=exc) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(N_("The template {file} cannot be read: {problem}"),
                            path, file=path, problem=type(exc).__name__) from None
    with _cache_lock:
        _cache[key] = Template(path, data)
    return data


def _check_text(path: Path, where: str, value: Any, placeholders: frozenset[str]) -> None:
    if not isinstance(value, str):
        raise TemplateError(N_("The template {file} is broken: “{key}” must be a text."),
                            path, file=path, key=where)
    try:
        fields = []
        for _lit, name, spec, _conv in string.Formatter().parse(value):
            if name in CHOICES:  # {mentee:elle|il|elle ou il}: the forms, and what they hold
                fields += [name] + [n for form in choices.forms(name, spec or "")
                                    for _l, n, _s, _c in string.Formatter().parse(form) if n is not None]
            elif name is not None:
                fields.append(name)
    except ValueError as exc:
        raise TemplateError(N_("The template {file} is broken: in “{key}”, {problem}."),
                            path, file=path, key=where, problem=exc) from None
    for name in fields:
        if name not in placeholders:
            raise TemplateError(N_("The template {file} is broken: “{key}” uses an unknown placeholder "
                                   "{{{name}}}."), path, file=path, key=where, name=name)


def validate(path: Path, data: dict[str, Any], schema: Schema) -> None:
    for key, kind in schema.required.items():
        if key not in data:
            raise TemplateError(N_("The template {file} is broken: “{key}” is missing."),
                                path, file=path, key=key)
        if kind is str:
            _check_text(path, key, data[key], schema.placeholders)
        elif kind is dict:
            if not isinstance(data[key], dict):
                raise TemplateError(N_("The template {file} is broken: “{key}” must be a table."),
                                    path, file=path, key=key)
            for sub in schema.table_keys.get(key, frozenset()):
                if sub not in data[key]:
                    raise TemplateError(N_("The template {file} is broken: “{key}” is missing."),
                                        path, file=path, key=f"{key}.{sub}")
            for sub, value in data[key].items():
                _check_text(path, f"{key}.{sub}", value, schema.placeholders)
    if schema.sections or "sections" in data:
        validate_sections(path, data.get("sections"), schema.placeholders)


def validate_sections(path: Path, sections: Any, placeholders: frozenset[str]) -> None:
    if not isinstance(sections, list) or not sections:
        raise TemplateError(N_("The template {file} is broken: “{key}” is missing."),
                            path, file=path, key="[[sections]]")
    for i, section in enumerate(sections, start=1):
        where = f"sections[{i}]"
        if not isinstance(section, dict) or "title" not in section:
            raise TemplateError(N_("The template {file} is broken: “{key}” is missing."),
                                path, file=path, key=f"{where}.title")
        _check_text(path, f"{where}.title", section["title"], placeholders)
        paragraphs = section.get("paragraphs", [])
        if not isinstance(paragraphs, list):
            raise TemplateError(N_("The template {file} is broken: “{key}” must be a list of texts."),
                                path, file=path, key=f"{where}.paragraphs")
        for j, text in enumerate(paragraphs, start=1):
            _check_text(path, f"{where}.paragraphs[{j}]", text, placeholders)


# Within a batch, each template is found, read and validated once: every
# document of the batch prints with the same texts. Outside a batch each
# document looks again (a text edited meanwhile is taken at once).
_batch: ContextVar[dict[tuple, Template | None] | None] = ContextVar("template_batch", default=None)


@contextmanager
def batch() -> Iterator[None]:
    """Load each template once for the documents made inside."""
    token = _batch.set({})
    try:
        yield
    finally:
        _batch.reset(token)


def load(kind: str, lang: str, schema: Schema, override: Path | None = None) -> Template:
    memo = _batch.get()
    key = ("load", kind, lang, id(schema), override)
    if memo is not None and key in memo:
        return memo[key]
    path = resolve(kind, lang, override)
    data = read(path)
    validate(path, data, schema)
    template = Template(path, data)
    if memo is not None:
        memo[key] = template
    return template


def load_extra_clauses(lang: str, override: Path | None, placeholders: frozenset[str]) -> Template | None:
    if override is None:
        return None
    memo = _batch.get()
    key = ("extra", lang, override, placeholders)
    if memo is not None and key in memo:
        return memo[key]
    template = _load_extra_clauses(lang, override, placeholders)
    if memo is not None:
        memo[key] = template
    return template


def _load_extra_clauses(lang: str, override: Path, placeholders: frozenset[str]) -> Template | None:
    path = override / lang / f"{EXTRA_CLAUSES}.toml"
    if not path.exists():
        return None
    data = read(path)
    validate_sections(path, data.get("sections"), placeholders)
    return Template(path, data)


BRANCH_KEYS = ("name", "address", "phone", "email", "logo")


def load_branch_file(override: Path | None) -> dict[str, str]:
    """The branch's own name, address, phone, email and logo, if it set them."""
    if override is None:
        return {}
    path = override / BRANCH_FILE
    if not path.exists():
        return {}
    data = read(path)
    info: dict[str, str] = {}
    for key in BRANCH_KEYS:
        if key in data:
            if not isinstance(data[key], str):
                raise TemplateError(N_("The template {file} is broken: “{key}” must be a text."),
                                    path, file=path, key=key)
            info[key] = data[key]
    if info.get("logo"):
        logo = (override / info["logo"]).resolve()
        if not logo.is_file():
            raise TemplateError(N_("The logo {file} named in {branch_file} is missing."),
                                path, file=logo, branch_file=path)
        info["logo"] = str(logo)
    return info
