"""Preview and import: every row is checked before anything is written;
the valid rows are written in one transaction; the rejected rows go to a
file the user can fix and import again. Both take the caller's Session (the
screen's operation or the command owns the transaction).

Both run on a worker thread: problems are untranslated messages (rendered
by whoever shows them), and the rejected-rows file is written in the
language of the translator the caller passes."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...i18n import N_, Translator, current
from ...models import Branch, Participant, ParticipantLanguage, ParticipantSector, ParticipantStatus, Role
from ...models import Gender, LanguageLevel
from .. import audit, duplicates, eligibility
from ..clock import Clock
from ..errors import Cancelled, Message, RuleError
from ..spreadsheets import write_table
from ...text import fold, name_prefix
from .columns import REQUIRED, map_headers_with_conflicts
from .fields import date_order, lost_letters
from .reader import Table, read_table
from .rows import Problem, RowResult, parse_row, problem  # noqa: F401  (Problem re-exported)

Progress = Callable[[int, int], bool]
PROBLEMS_COLUMN = "problems"


@dataclass
class Preview:
    path: Path
    table: Table
    mapping: dict[int, str]
    rows: list[RowResult] = field(default_factory=list)
    file_messages: list[Message] = field(default_factory=list)  # nothing can be imported
    file_warnings: list[Message] = field(default_factory=list)  # about the whole file; rows still import
    conflicts: dict[str, list[int]] = field(default_factory=dict)  # column -> header indexes it could be

    @property
    def encoding_message(self) -> Message:
        """How the file was read, for the preview ("Read as: UTF-16 ...")."""
        return Message(N_("Read as: {encoding}"), encoding=Message(ENCODING_NAMES.get(self.table.encoding,
                                                                                      self.table.encoding)))

    @property
    def file_problems(self) -> list[str]:
        """What is wrong with the whole file, in the interface language."""
        return [m.render() for m in self.file_messages]

    def with_status(self, status: str) -> list[RowResult]:
        return [r for r in self.rows if r.status == status]

    @property
    def valid(self) -> list[RowResult]:
        return [] if self.file_messages else self.with_status("ok")

    @property
    def rejected(self) -> list[RowResult]:
        return self.rows if self.file_messages else self.with_status("rejected")

    @property
    def existing(self) -> list[RowResult]:
        return self.with_status("existing")


@dataclass(frozen=True)
class ImportResult:
    created: int
    existing: int
    rejected: int
    rejected_file: Path | None = None


#: How each encoding is named to the user
ENCODING_NAMES = {
    "utf-8": N_("UTF-8"), "utf-8-sig": N_("UTF-8 (with byte-order mark)"),
    "utf-16": N_("UTF-16 (Excel's “Unicode text”)"), "cp1252": N_("Windows-1252 (Excel's “CSV”, ANSI)"),
    "utf-8+cp1252": N_("UTF-8, with lines in Windows-1252"), "xlsx": N_("Excel workbook"),
}


def _branches(session: Session) -> dict[str, tuple[int, str]]:
    return {fold(b.code): (b.id, b.country) for b in session.scalars(select(Branch))}


def preview(session: Session, clock: Clock, path: Path, branch_code: str | None = None,
            progress: Progress | None = None, choices: dict[str, int | None] | None = None) -> Preview:
    """Read and check the whole file (a read session is enough); writes
    nothing. ``choices``: column name -> header index (or None: not
    imported), what the user picked in the column picker (see
    columns.map_headers_with_conflicts). Raises RuleError for
    an unknown ``branch_code`` or a file that cannot be read (too large, not
    a workbook), Cancelled when ``progress`` returns False."""
    table = read_table(Path(path))
    if table.kind == "xlsx":
        table = replace(table, encoding="xlsx")
    mapping, conflicts = map_headers_with_conflicts(list(table.headers), choices)
    result = Preview(Path(path), table, mapping, conflicts=conflicts)
    for column, indexes in conflicts.items():
        result.file_warnings.append(Message(
            N_("Two columns could be “{field}”: “{used}” is used, “{other}” is left out. Choose another if "
               "that is wrong."), field=_field(column), used=table.headers[indexes[0]],
            other=", ".join(table.headers[i] for i in indexes[1:])))
    orders = {}
    for column in ("birth_date", "applied_on"):
        index = next((i for i, c in mapping.items() if c == column), None)
        if index is None:
            continue
        order = date_order([r.values[index] for r in table.rows if index < len(r.values)])
        if order == "mixed":
            result.file_warnings.append(Message(
                N_("The column “{header}” mixes day/month/year and month/day/year dates: check each date "
                   "that could be read both ways."), header=table.headers[index]))
            order = "dmy"
        elif order == "mdy":
            result.file_warnings.append(Message(
                N_("The column “{header}” writes dates month first (04/23/2001): the whole column is read "
                   "that way."), header=table.headers[index]))
        orders[column] = order
    missing = [c for c in REQUIRED if c not in mapping.values()]
    if missing:
        from ..validation import field_message

        result.file_messages.append(Message(N_(
            "The file has no column for: {columns}. Accepted headers are listed in the import documentation."),
            columns=[field_message(c) for c in missing]))
    if "email" not in mapping.values() and "phone" not in mapping.values():
        result.file_messages.append(Message(N_("The file needs an email or a phone column.")))
    branches = _branches(session)
    default = fold(branch_code or "")
    if default and default not in branches:
        raise RuleError(N_("There is no branch with the code “{code}”."), "branch", code=branch_code)
    if not default and len(branches) == 1:
        default = next(iter(branches))
    branch_index = next((i for i, c in mapping.items() if c == "branch"), None)
    today = clock.today()
    seen: dict[tuple[str, object], int] = {}
    total = len(table.rows)
    existing = ExistingPeople(session)
    rules = _Rules(session)
    for done, source in enumerate(table.rows, start=1):
        code = default
        if branch_index is not None and branch_index < len(source.values) and source.values[branch_index].strip():
            code = fold(source.values[branch_index])
        branch = branches.get(code)
        row = parse_row(source, mapping, branch[1] if branch else "", today, orders, table.foreign_lines)
        if branch is None:
            text = source.values[branch_index] if branch_index is not None and code != default else ""
            row.problems.append(problem(source, "branch", N_("unknown branch “{value}”."), value=text)
                                if text else problem(source, "branch", N_("no branch: choose one for the import.")))
        else:
            row.data["branch_id"] = branch[0]
            if not row.problems:
                row.warnings.extend(_eligibility(rules, branch[0], row, today))
        if not row.problems:
            _check_duplicates(existing, row, seen)
        result.rows.append(row)
        if progress is not None and done % 50 == 0 and not progress(done, total):
            raise Cancelled()
    lost = sum(1 for r in result.rows if any(lost_letters(r.data.get(c, "")) for c in ("first_name", "last_name")))
    if lost:
        result.file_warnings.append(Message(N_(
            "Names in {count} rows lost their letters (question marks): the file was saved as “CSV” "
            "(Windows-1252). In Excel, choose File > Save As > “CSV UTF-8 (comma delimited)” and import that "
            "file."), count=lost))
    unlevelled = [r.source.number for r in result.rows if r.unlevelled and not r.problems]
    if unlevelled:
        # said, as an unreadable level is, but once: a form that never asks for levels would repeat it on
        # every row. A mother tongue read as "intermediate" weighs in the matching (QA, 30 November 2026:
        # it was stored without a word)
        shown = ", ".join(str(n) for n in unlevelled[:UNLEVELLED_SHOWN]) + ("…" if len(unlevelled) > UNLEVELLED_SHOWN
                                                                           else "")
        result.file_warnings.append(Message(N_(
            "Languages without a level, read as intermediate (rows {rows}): check the levels at the intake "
            "interview."), rows=shown))
    if table.foreign_lines:
        result.file_warnings.append(Message(N_(
            "These lines are not in UTF-8 like the rest of the file (they were read as Windows-1252), check their "
            "names: {lines}."), lines=", ".join(str(n) for n in table.foreign_lines)))
    return result


#: Rows named in the warning about languages without a level; the others are "…"
UNLEVELLED_SHOWN = 10


def _field(column: str) -> Message:
    from ..validation import field_message

    return field_message(column)


class _Rules:
    """The eligibility rules of each branch, read once per preview."""

    def __init__(self, session: Session) -> None:
        self.by_branch = {b.id: eligibility.BranchRules.of(b) for b in session.scalars(select(Branch))}


def _eligibility(rules: _Rules, branch_id: int, row: RowResult, today) -> list[Problem]:  # noqa: ANN001
    """The branch's eligibility rules on what the file says (the age): a
    warning on the row, as at intake; the coordinator decides later."""
    data = row.data
    facts = eligibility.Facts(role=Role(data["role"]), birth_date=data.get("birth_date"))
    return [problem(row.source, "", w.text) for w in eligibility.check(rules.by_branch[branch_id], facts, today)
            if w.rule in _RULES_A_FILE_ANSWERS]


#: The rules a form export can answer (the others are asked at the intake interview)
_RULES_A_FILE_ANSWERS = frozenset({"mentee_age", "mentor_age"})


def _keys(data: dict) -> tuple[duplicates.Key, ...]:
    return duplicates.typed_keys(data.get("first_name", ""), data.get("last_name", ""), data.get("birth_date"),
                                 data.get("email", ""), data.get("phone", ""))


class ExistingPeople:
    """The duplicate keys of everyone registered, read once per import (the
    same rules as services.duplicates.find_candidates: same name and birth
    date, same email, same phone), so a large file costs one query, not one
    per row."""

    def __init__(self, session) -> None:  # noqa: ANN001
        self.by_key: dict[tuple[str, object], int] = {}
        self.by_birth: dict[object, list[tuple[int, str]]] = {}
        self.names: dict[int, str] = {}  # id -> folded name, its words in any order
        query = select(Participant.id, Participant.search_name, Participant.birth_date, Participant.email,
                       Participant.phone_key).where(Participant.merged_into_id.is_(None)).order_by(Participant.id)
        for pid, name, birth, email, phone_key in session.execute(query):
            for key in duplicates.duplicate_keys(name, birth, email, phone_key or ""):
                self.by_key.setdefault(key, pid)
            self.names[pid] = duplicates.name_in_any_order(name or "")
            if birth:
                self.by_birth.setdefault(birth, []).append((pid, name))

    def find(self, data: dict) -> tuple[int | None, tuple[int, str] | None]:
        """(who the row is, or None; who else shares its email or phone, and
        which: ``(id, reason)``, or None). The row is someone registered when
        their name and birth date match, or their name and their email or
        phone; an email or phone alone is shared by families and referrers
        (a parent's phone, a social worker's address): a warning only."""
        name = _name(data)
        shared = None
        for key in _keys(data):
            pid = self.by_key.get(key)
            if pid is None:
                continue
            if key[0] == "name_birth" or (name and self.names.get(pid) == name):
                return pid, None
            shared = shared or (pid, key[0])
        return None, shared

    def similar(self, data: dict) -> int | None:
        """Someone born the same day whose name is similar (a typo): not the
        same for sure, so the row is imported with a warning."""
        name = duplicates.stored_keys(data.get("first_name", ""), data.get("last_name", ""), "")[0]
        return next((pid for pid, other in self.by_birth.get(data.get("birth_date"), ())
                     if duplicates.similar_names(name, other)), None)


def _name(data: dict) -> str:
    return duplicates.name_in_any_order(duplicates.stored_keys(data.get("first_name", ""),
                                                               data.get("last_name", ""), "")[0])


def _check_duplicates(existing: ExistingPeople, row: RowResult, seen: dict) -> None:
    """Recognise a row as someone registered (not imported again) or as an
    earlier row of the file (refused); an email or phone shared under another
    name is imported with a warning (QA, 30 November 2026: of two siblings
    with the family phone, or two applicants with their social worker's
    email, the second was lost)."""
    data = row.data
    found, shared = existing.find(data)
    if found is not None:
        # The same person is already registered (an earlier import of this file,
        # or an earlier application): recognised, not imported twice.
        row.existing_id = found
        return
    maybe = N_("maybe the same person as file no. {id} ({reason}): check, and merge them if so.")
    similar = existing.similar(data)
    if similar is not None:
        row.warnings.append(problem(row.source, "", maybe, id=similar,
                                    reason=Message(duplicates.REASONS["similar_name_birth"])))
    elif shared is not None:
        row.warnings.append(problem(row.source, "", maybe, id=shared[0],
                                    reason=Message(duplicates.REASONS[shared[1]])))
    name = _name(data)
    for key in _keys(data):
        if key in seen:
            other, other_name = seen[key]
            if key[0] == "name_birth" or (name and other_name == name):
                row.problems.append(problem(row.source, "", N_("the same person as row {other} ({reason})."),
                                            other=other, reason=Message(duplicates.REASONS[key[0]])))
                return
            row.warnings.append(problem(row.source, "", N_("maybe the same person as row {other} ({reason}): "
                                                           "check, and merge them if so."),
                                        other=other, reason=Message(duplicates.REASONS[key[0]])))
            break
    for key in _keys(data):
        seen.setdefault(key, (row.source.number, name))


def import_rows(session: Session, clock: Clock, result: Preview, progress: Progress | None = None,
                coordinator_id: int | None = None, rejected_path: Path | None = None,
                translator: Translator | None = None) -> ImportResult:
    """Write the valid rows in the caller's transaction (all or nothing: on
    Cancelled or any error the caller rolls back) and the rejected rows to
    ``rejected_path`` when given, their problems in ``translator``'s language
    (a screen passes the one it took on its own thread; default: the
    interface language)."""
    written = None
    if rejected_path is not None and result.rejected:
        # before any row is written: a full disk stops the import with nothing saved (the caller rolls
        # back), and write_table leaves no partial file
        written = write_rejected(result, Path(rejected_path), translator)
    rows = result.valid
    owners = _owners(session, coordinator_id)
    # the documents of someone imported are in their branch's language until the intake says otherwise
    # (QA, 30 November 2026: everyone imported into Gent got French)
    document_language = dict(session.execute(select(Branch.id, Branch.default_language)).all())
    created = 0
    existing = len(result.existing)
    registered = ExistingPeople(session)  # again: someone may have been registered since the preview
    todo = []
    for row in rows:
        if registered.find(row.data)[0] is not None:
            existing += 1
        else:
            todo.append({**row.data, "coordinator_id": owners.get(row.data["branch_id"]),
                         "preferred_language": document_language.get(row.data["branch_id"]) or "fr"})
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        _insert(session, chunk)
        created += len(chunk)
        if progress is not None and not progress(created, len(todo)):
            raise Cancelled()
    audit.record(session, "import", "participant", None, clock.now(), coordinator_id,
                 created=created, existing=existing, rejected=len(result.rejected))
    session.flush()
    return ImportResult(created, existing, len(result.rejected), written)


CHUNK = 250


def _insert(session, chunk: list[dict]) -> None:  # noqa: ANN001
    """Bulk inserts (one statement per table and chunk): an import of
    thousands of rows stays quick."""
    ids = session.scalars(
        insert(Participant).returning(Participant.id, sort_by_parameter_order=True),
        [_participant_values(data) for data in chunk],
    ).all()
    languages = [dict(participant_id=pid, language=code, level=LanguageLevel(level))
                 for pid, data in zip(ids, chunk) for code, level in data["languages"]]
    sectors = [dict(participant_id=pid, sector=code) for pid, data in zip(ids, chunk) for code in data["sectors"]]
    if languages:
        session.execute(insert(ParticipantLanguage), languages)
    if sectors:
        session.execute(insert(ParticipantSector), sectors)


def _owners(session: Session, coordinator_id: int | None) -> dict[int, int]:
    """Branch id -> the coordinator the imported people of that branch get:
    the one importing, in their own branch; in another branch, its only
    active coordinator (several: none, the branch shares them out)."""
    from ...models import Coordinator

    by_branch: dict[int, list[int]] = {}
    query = select(Coordinator.id, Coordinator.branch_id)
    if hasattr(Coordinator, "active"):
        query = query.where(Coordinator.active.is_(True))
    for cid, branch_id in session.execute(query.order_by(Coordinator.id)):
        by_branch.setdefault(branch_id, []).append(cid)
    owners = {b: ids[0] for b, ids in by_branch.items() if len(ids) == 1}
    for branch_id, ids in by_branch.items():
        if coordinator_id in ids:
            owners[branch_id] = coordinator_id
    return owners


def _participant_values(data: dict) -> dict:
    name_key, phone_key = duplicates.stored_keys(data["first_name"], data["last_name"], data["phone"])
    return dict(
        branch_id=data["branch_id"], coordinator_id=data.get("coordinator_id"), role=Role(data["role"]), status=ParticipantStatus.APPLICANT,
        status_since=data["applied_on"], applied_on=data["applied_on"],
        first_name=data["first_name"], last_name=data["last_name"], name_prefix=name_prefix(data["last_name"]),
        search_name=name_key, birth_date=data.get("birth_date"),
        gender=Gender(data["gender"]), email=data["email"], phone=data["phone"],
        phone_key=phone_key, street=data["street"],
        postal_code=data["postal_code"], municipality=data["municipality"],
        referral_source=data["referral_source"], professional_project=data["professional_project"],
        notes=data["notes"], consent_scope=[], eligibility_overrides={},
        preferred_language=data.get("preferred_language") or "fr",
    )


def problems_text(row: RowResult, file_messages: list[Message], translator: Translator | None = None) -> str:
    """The problems of the file and of ``row`` on one line, in
    ``translator``'s language (default: the interface's)."""
    t = translator if translator is not None else current()
    return " | ".join(m.render(t) for m in [*file_messages, *(p.text for p in row.problems)])


def write_rejected(result: Preview, path: Path, translator: Translator | None = None) -> Path:
    """The rejected rows with the same columns plus "problems" (in
    ``translator``'s language, default the interface's), to fix and import
    again: CSV in UTF-8 with a BOM (Excel opens it as is) with the input's
    separator, or XLSX when the name ends in .xlsx."""
    t = translator if translator is not None else current()
    headers = [*result.table.headers, PROBLEMS_COLUMN]
    width = len(result.table.headers)
    lines = [[*(list(r.source.values) + [""] * width)[:width], problems_text(r, result.file_messages, t)]
             for r in result.rejected]
    # formula-safe and atomic: a full disk leaves no truncated file (services/spreadsheets.py)
    return write_table(path, headers, lines, delimiter=result.table.delimiter if result.table.kind == "csv" else ";")


def default_rejected_path(path: Path) -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}-rejected.csv")


__all__ = ["ImportResult", "Preview", "Problem", "default_rejected_path", "import_rows", "preview",
           "problems_text", "write_rejected"]

