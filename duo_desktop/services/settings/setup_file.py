"""A whole programme set-up from one TOML file (the ``setup`` command): the
organisation, branches with their rules, weights, follow-up schedule,
document templates and coordinators. See examples/setup-example.toml.

    apply_setup_text(session, text, now, base_dir, file_name="setup.toml") -> SetupResult
        raises SetupFileError(problems) with every problem of the file; the
        caller's transaction then rolls back, so nothing at all is changed.

Idempotent: a branch is found by its code, a coordinator by branch and name;
only what differs is written (and audited), so a second run changes nothing.
Keys are the settings' own names (services/settings/*), except
``document_language`` (the branch's default_language) and ``logo`` (a path,
relative to the file). Each problem carries the file's line and the key.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import N_
from ..errors import Message, RuleError
from ..file_problems import toml_problem
from . import branches, coordinators, followup, programme, rules, templates, weights
from .toml_lines import TomlLines

ALIASES = {"document_language": "default_language", "logo": "logo_path"}  # file key -> field
FIELD_KEYS = {v: k for k, v in ALIASES.items()}
TABLE_KEYS = ("rules", "weights", "followup_months", "coordinator", "templates")
TOP_KEYS = ("organisation", "branch")


@dataclass(frozen=True)
class Problem:
    line: int
    key: str  # dotted, as in the file: "branch.rules.mentee_max_age"
    message: Message


class SetupFileError(Exception):
    def __init__(self, file_name: str, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in {file_name}")
        self.file_name = file_name
        self.problems = problems

    def lines(self, translator=None) -> list[str]:  # noqa: ANN001
        return [(Message(N_("{file}, line {line}, key “{key}”: {problem}"), file=self.file_name, line=p.line,
                         key=p.key, problem=p.message) if p.key else
                 Message(N_("{file}, line {line}: {problem}"), file=self.file_name, line=p.line, problem=p.message)
                 ).render(translator) for p in self.problems]


@dataclass
class SetupResult:
    # what was created or updated, as Messages rendered by whoever shows them ("branch GNT",
    # "rules of branch GNT", "coordinator An Peeters of branch GNT")
    created: list[Message] = field(default_factory=list)
    updated: list[Message] = field(default_factory=list)
    unchanged: int = 0


class _Collector:
    def __init__(self, lines: TomlLines) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def add(self, path: tuple, message: Message) -> None:
        key = ".".join(p for p in path if isinstance(p, str))
        self.problems.append(Problem(self.lines.line_of(path), key, message))

    def errors(self, base: tuple, errors: list[RuleError], keys: dict[str, str] | None = None) -> bool:
        for e in errors:
            self.add(base + ((keys or {}).get(e.field, e.field),), e.text)
        return bool(errors)


def _table(c: _Collector, path: tuple, value: Any) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value
    c.add(path, Message(N_("this must be a table of settings.")))
    return None


def apply_setup_text(session: Session, text: str, now: dt.datetime, base_dir: Path,
                     file_name: str = "setup.toml") -> SetupResult:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_problem(exc, text)  # in the user's words, not the parser's English
        raise SetupFileError(file_name, [Problem(line, "", reason)]) from None
    c = _Collector(TomlLines(text))
    result = SetupResult()
    for key in data:
        if key not in TOP_KEYS:
            c.add((key,), Message(N_("“{name}” is not a setting here."), name=key))
    if "organisation" in data:
        if not isinstance(data["organisation"], str) or not data["organisation"].strip():
            c.add(("organisation",), Message(N_("give the organisation's name as a text.")))
        elif programme.programme(session).organisation != data["organisation"].strip():
            programme.set_organisation(session, data["organisation"], now)
            result.updated.append(Message(N_("the organisation's name")))
    entries = data.get("branch", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        c.add(("branch",), Message(N_("write each branch as a [[branch]] table.")))
        entries = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        _branch(session, c, ("branch", index), entry, now, base_dir, seen, result)
    if c.problems:
        raise SetupFileError(file_name, sorted(c.problems, key=lambda p: p.line))
    return result


def _branch(session: Session, c: _Collector, path: tuple, entry: dict[str, Any], now: dt.datetime,
            base_dir: Path, seen: set[str], result: SetupResult) -> None:
    values = {ALIASES.get(k, k): v for k, v in entry.items() if k not in TABLE_KEYS}
    if isinstance(values.get("logo_path"), str) and values["logo_path"]:
        values["logo_path"] = str((base_dir / values["logo_path"]).expanduser().resolve())
    code = str(values.get("code", "")).strip().upper()
    if code and code in seen:
        c.add(path + ("code",), Message(N_("the code “{value}” is given to two branches in this file."), value=code))
        return
    seen.add(code)
    existing = branches.find_by_code(session, code) if code else None
    label = Message(N_("branch {code}"), code=code)
    if existing is None:
        if c.errors(path, branches.branch_problems(session, values), FIELD_KEYS):
            branch_id = None
        else:
            branch_id = branches.create_branch(session, values, now)
            result.created.append(label)
    else:
        branch_id = existing.id
        values.pop("code", None)  # the same code, perhaps in other letter case: keep the stored one
        if not c.errors(path, branches.branch_problems(session, values, branch_id), FIELD_KEYS):
            _count(result, label, branches.update_branch(session, branch_id, values, now))
    if "rules" in entry and (table := _table(c, path + ("rules",), entry["rules"])) is not None:
        current = rules.rule_values(session, branch_id) if branch_id else None
        _clean, problems = rules.rule_problems(table, current)
        if not c.errors(path + ("rules",), problems) and branch_id:
            _count(result, Message(N_("rules of branch {code}"), code=code), rules.update_rules(session, branch_id, table, now))
    if "weights" in entry and (table := _table(c, path + ("weights",), entry["weights"])) is not None:
        if not c.errors(path + ("weights",), weights.weight_problems(table)) and branch_id:
            before = weights.weight_values(session, branch_id)
            after = weights.save_matching_weights(session, branch_id, table, now)
            _count(result, Message(N_("matching weights of branch {code}"), code=code), [k for k in after if after[k] != before[k]])
    if "followup_months" in entry:
        months = entry["followup_months"]
        if not c.errors(path, followup.followup_problems(months)) and branch_id:
            before = followup.followup_months(session, branch_id)
            after = followup.set_followup_months(session, branch_id, months, now)
            _count(result, Message(N_("follow-up schedule of branch {code}"), code=code), ["followup_months"] if after != before else [])
    if "templates" in entry and (table := _table(c, path + ("templates",), entry["templates"])) is not None:
        for language, texts in table.items():
            where = path + ("templates", language)
            if (texts := _table(c, where, texts)) is None:
                continue
            if not c.errors(where, templates.template_problems(texts, language), {"language": ""}) and branch_id:
                changed = templates.save_document_template(session, branch_id, language, texts, now)
                _count(result, Message(N_("document templates ({language}) of branch {code}"), language=language,
                                               code=code), changed)
    people = entry.get("coordinator", [])
    if not isinstance(people, list) or not all(isinstance(p, dict) for p in people):
        c.add(path + ("coordinator",), Message(N_("write each coordinator as a [[branch.coordinator]] table.")))
        return
    for number, person in enumerate(people):
        _coordinator(session, c, path + ("coordinator", number), person, branch_id, code, now, result)


def _coordinator(session: Session, c: _Collector, path: tuple, person: dict[str, Any], branch_id: int | None,
                 code: str, now: dt.datetime, result: SetupResult) -> None:
    if "branch" in person:
        c.add(path + ("branch",), Message(N_("“{name}” is not a setting here."), name="branch"))
        return
    first, last = str(person.get("first_name", "")).strip(), str(person.get("last_name", "")).strip()
    existing = coordinators.find_coordinator(session, branch_id, first, last) if branch_id else None
    label = Message(N_("coordinator {name} of branch {code}"), name=f"{first} {last}".strip(), code=code)
    if existing is None:
        problems = [p for p in coordinators.coordinator_problems(session, {**person, "branch": branch_id or 0})
                    if branch_id or p.field != "branch"]
        if not c.errors(path, problems) and branch_id:
            coordinators.create_coordinator(session, {**person, "branch": branch_id}, now)
            result.created.append(label)
    elif not c.errors(path, coordinators.coordinator_problems(session, person, existing.id)):
        _count(result, label, coordinators.update_coordinator(session, existing.id, person, now))


def _count(result: SetupResult, label: Message, changed: list[str]) -> None:
    if changed:
        result.updated.append(label)
    else:
        result.unchanged += 1
