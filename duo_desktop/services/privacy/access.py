"""Access and portability (GDPR art. 15 and 20): everything the database
holds about one person, as a JSON file (machine-readable), a readable PDF in
the person's language (:mod:`.access_pdf`) and as CSV tables
written with services/spreadsheets.write_table (readable in a spreadsheet,
formula-safe). The files are named by the record's id, never the name.

Every column of the personal tables is exported, except those listed in
:data:`EXCLUDED` with the reason (a test holds the two lists together)."""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import Session

from ...models import (
    Attendance,
    AuditEntry,
    CheckIn,
    Duo,
    DuoStageChange,
    Evaluation,
    Event,
    IntakeDraft,
    Meeting,
    MergeUndo,
    Outcome,
    Participant,
    PersonNote,
    Respondent,
    Role,
    StatusChange,
)
from .. import audit
from ..errors import NotFound
from ..spreadsheets import owner_only_file, write_table

#: "table.column" -> why it is not in the export
EXCLUDED: dict[str, str] = {
    "participant.search_name": "derived from the names, for search only",
    "participant.phone_key": "derived from the phone number, for search only",
    "participant.search_text": "derived from the name, email, municipality and phone, for search only",
    "participant.created_at": "technical time stamp",
    "participant.updated_at": "technical time stamp",
    "duo.created_at": "technical time stamp",
    "duo.updated_at": "technical time stamp",
    "evaluation.created_at": "technical time stamp",
    "evaluation.updated_at": "technical time stamp",
    "outcome.created_at": "technical time stamp",
    "outcome.updated_at": "technical time stamp",
    "participant_language.participant_id": "the person's own id, given once",
    "participant_sector.participant_id": "the person's own id, given once",
    "availability_slot.participant_id": "the person's own id, given once",
    "status_change.participant_id": "the person's own id, given once",
    "attendance.participant_id": "the person's own id, given once",
    "intake_draft.participant_id": "the person's own id, given once",
    "person_note.participant_id": "the person's own id, given once",
    "coordinator.*": "the coordinators' own data, not the person's",
}
#: Parts of the export and the tables they come from
SECTIONS = {"participant": "participant", "languages": "participant_language", "sectors": "participant_sector",
            "availability": "availability_slot", "status_history": "status_change", "duos": "duo",
            "stage_history": "duo_stage_change", "meetings": "meeting", "check_ins": "check_in",
            "evaluations": "evaluation", "outcomes": "outcome", "attendance": "attendance",
            "intake_drafts": "intake_draft", "dated_notes": "person_note", "merge_undo": "merge_undo"}


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _row(obj: Any) -> dict[str, Any]:
    table = obj.__tablename__
    return {a.key: _value(getattr(obj, a.key)) for a in inspect(obj).mapper.column_attrs
            if f"{table}.{a.key}" not in EXCLUDED}


def person_data(session: Session, participant_id: int) -> dict[str, Any]:
    """{section: row or [rows]}: see :data:`SECTIONS`; values are JSON types
    (dates as ISO text, enums as their codes). Raises NotFound."""
    p = session.get(Participant, participant_id)
    if p is None:
        raise NotFound(participant_id)
    duos = session.scalars(select(Duo).where(or_(Duo.mentor_id == p.id, Duo.mentee_id == p.id))
                           .order_by(Duo.id)).all()
    ids = [d.id for d in duos]

    def rows(model, *where) -> list[dict[str, Any]]:  # noqa: ANN001
        return [_row(r) for r in session.scalars(select(model).where(*where).order_by(model.id))]

    side = Respondent.MENTOR if p.role is Role.MENTOR else Respondent.MENTEE
    attendance = []
    for att, ev in session.execute(select(Attendance, Event).join(Event, Event.id == Attendance.event_id)
                                   .where(Attendance.participant_id == p.id).order_by(Event.starts_at)):
        attendance.append({**_row(att), "event_kind": ev.kind.value, "event_starts_at": _value(ev.starts_at),
                           "event_title": ev.title})
    return {
        "participant": _row(p),
        "languages": [_row(x) for x in p.languages],
        "sectors": [_row(x) for x in p.sectors],
        "availability": [_row(x) for x in p.availability],
        "status_history": rows(StatusChange, StatusChange.participant_id == p.id),
        "duos": [_row(d) for d in duos],
        "stage_history": rows(DuoStageChange, DuoStageChange.duo_id.in_(ids)),
        "meetings": rows(Meeting, Meeting.duo_id.in_(ids)),
        "check_ins": rows(CheckIn, CheckIn.duo_id.in_(ids)),
        "evaluations": rows(Evaluation, Evaluation.duo_id.in_(ids), Evaluation.respondent == side),
        "outcomes": rows(Outcome, Outcome.duo_id.in_(ids)) if p.role is Role.MENTEE else [],
        "attendance": attendance,
        "intake_drafts": rows(IntakeDraft, IntakeDraft.participant_id == p.id),
        "dated_notes": rows(PersonNote, PersonNote.participant_id == p.id),
        # a merge that can still be undone holds both records' data until then (services/merge_undo.py)
        "merge_undo": rows(MergeUndo, or_(MergeUndo.kept_id == p.id, MergeUndo.merged_id == p.id)),
        "audit": [{"at": _value(at), "action": action} for at, action in session.execute(
            select(AuditEntry.at, AuditEntry.action).where(AuditEntry.entity == "participant",
                                                           AuditEntry.entity_id == p.id).order_by(AuditEntry.id))],
    }


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_export(session: Session, participant_id: int, folder: Path, now: dt.datetime | None = None,
                 coordinator_id: int | None = None) -> list[Path]:
    """Write ``person-<id>.json``, one ``person-<id>-<section>.csv`` per
    non-empty section and ``person-<id>.pdf`` (readable, in the person's
    language: services/privacy/access_pdf) into ``folder`` (created if
    missing, owner-only); every file is 0600 (they hold everything about a
    vulnerable person, as backups do); returns the paths. Audited as one
    "export" row. Raises NotFound, OSError."""
    data = person_data(session, participant_id)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # a folder made here is owner-only
    stem = f"person-{participant_id}"
    target = folder / f"{stem}.json"
    part = owner_only_file(target.with_name(f".{target.name}.part"))  # every file 0600, as backups
    part.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    part.replace(target)
    written = [target]
    profile = data["participant"]
    written.append(write_table(folder / f"{stem}-participant.csv", ["field", "value"],
                               [[k, _cell(v)] for k, v in profile.items()], owner_only=True))
    for section, rows in data.items():
        if section == "participant" or not rows:
            continue
        headers = list(dict.fromkeys(k for row in rows for k in row))
        written.append(write_table(folder / f"{stem}-{section}.csv", headers,
                                   [[_cell(row.get(h)) for h in headers] for row in rows], owner_only=True))
    from ..documents.output import write_pdf
    from .access_pdf import access_pdf

    pdf = folder / f"{stem}.pdf"  # issue 12: readable, in the person's own language
    write_pdf(pdf, access_pdf(session, participant_id, today=now.date() if now else None), now, owner_only=True)
    written.append(pdf)
    audit.record(session, "export", "participant", participant_id, now, coordinator_id,
                 files=len(written))
    return written
