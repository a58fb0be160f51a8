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
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...i18n import N_, Translator, current
from ...models import Branch, Participant, ParticipantLanguage, ParticipantSector, ParticipantStatus, Role
from ...models import Gender, LanguageLevel
from .. import audit, duplicates
from ..clock import Clock
from ..errors import Cancelled, Message, RuleError
from ..text import fold
from .columns import REQUIRED, map_headers
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


def _branches(session: Session) -> dict[str, tuple[int, str]]:
    return {fold(b.code): (b.id, b.country) for b in session.scalars(select(Branch))}


def preview(session: Session, clock: Clock, path: Path, branch_code: str | None = None,
            progress: Progress | None = None) -> Preview:
    """Read and check the whole file (a read session is enough); writes
    nothing. Raises RuleError for an unknown ``branch_code``, Cancelled when
    ``progress`` returns False."""
    table = read_table(Path(path))
    mapping = map_headers(list(table.headers))
    result = Preview(Path(path), table, mapping)
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
    for done, source in enumerate(table.rows, start=1):
        code = default
        if branch_index is not None and branch_index < len(source.values) and source.values[branch_index].strip():
            code = fold(source.values[branch_index])
        branch = branches.get(code)
        row = parse_row(source, mapping, branch[1] if branch else "", today)
        if branch is None:
            text = source.values[branch_index] if branch_index is not None and code != default else ""
            row.problems.append(problem(source, "branch", N_("unknown branch “{value}”."), value=text)
                                if text else problem(source, "branch", N_("no branch: choose one for the import.")))
        else:
            row.data["branch_id"] = branch[0]
        if not row.problems:
            _check_duplicates(existing, row, seen)
        result.rows.append(row)
        if progress is not None and done % 50 == 0 and not progress(done, total):
            raise Cancelled()
    return result


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
        query = select(Participant.id, Participant.search_name, Participant.birth_date, Participant.email,
                       Participant.phone_key).where(Participant.merged_into_id.is_(None)).order_by(Participant.id)
        for pid, name, birth, email, phone_key in session.execute(query):
            for key in duplicates.duplicate_keys(name, birth, email, phone_key or ""):
                self.by_key.setdefault(key, pid)

    def find(self, data: dict) -> int | None:
        return next((self.by_key[k] for k in _keys(data) if k in self.by_key), None)


def _check_duplicates(existing: ExistingPeople, row: RowResult, seen: dict) -> None:
    data = row.data
    found = existing.find(data)
    if found is not None:
        # The same person is already registered (an earlier import of this file,
        # or an earlier application): recognised, not imported twice.
        row.existing_id = found
        return
    for key in _keys(data):
        if key in seen:
            row.problems.append(problem(row.source, "", N_("the same person as row {other} ({reason})."),
                                        other=seen[key], reason=Message(duplicates.REASONS[key[0]])))
            return
    for key in _keys(data):
        seen[key] = row.source.number


def import_rows(session: Session, clock: Clock, result: Preview, progress: Progress | None = None,
                coordinator_id: int | None = None, rejected_path: Path | None = None,
                translator: Translator | None = None) -> ImportResult:
    """Write the valid rows in the caller's transaction (all or nothing: on
    Cancelled or any error the caller rolls back) and the rejected rows to
    ``rejected_path`` when given, their problems in ``translator``'s language
    (a screen passes the one it took on its own thread; default: the
    interface language)."""
    rows = result.valid
    created = 0
    existing = len(result.existing)
    registered = ExistingPeople(session)  # again: someone may have been registered since the preview
    todo = []
    for row in rows:
        if registered.find(row.data) is not None:
            existing += 1
        else:
            todo.append(row.data)
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        _insert(session, chunk)
        created += len(chunk)
        if progress is not None and not progress(created, len(todo)):
            raise Cancelled()
    audit.record(session, "import", "participant", None, clock.now(), coordinator_id,
                 created=created, existing=existing, rejected=len(result.rejected))
    session.flush()
    written = None
    if rejected_path is not None and result.rejected:
        written = write_rejected(result, Path(rejected_path), translator)
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


def _participant_values(data: dict) -> dict:
    name_key, phone_key = duplicates.stored_keys(data["first_name"], data["last_name"], data["phone"])
    return dict(
        branch_id=data["branch_id"], role=Role(data["role"]), status=ParticipantStatus.APPLICANT,
        status_since=data["applied_on"], applied_on=data["applied_on"],
        first_name=data["first_name"], last_name=data["last_name"],
        search_name=name_key, birth_date=data.get("birth_date"),
        gender=Gender(data["gender"]), email=data["email"], phone=data["phone"],
        phone_key=phone_key, street=data["street"],
        postal_code=data["postal_code"], municipality=data["municipality"],
        referral_source=data["referral_source"], professional_project=data["professional_project"],
        notes=data["notes"], consent_scope=[], eligibility_overrides={},
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
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.append(headers)
        for line in lines:
            sheet.append(line)
        workbook.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=result.table.delimiter if result.table.kind == "csv" else ";")
        writer.writerow(headers)
        writer.writerows(lines)
    return path


def default_rejected_path(path: Path) -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}-rejected.csv")


__all__ = ["ImportResult", "Preview", "Problem", "default_rejected_path", "import_rows", "preview",
           "problems_text", "write_rejected"]

