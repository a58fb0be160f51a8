"""Exports of a report and of the people or duos behind a figure, through
the formula-safe, atomic writer (services/spreadsheets.py), each audited.

- ``report_sheets(report, t)``: the tables of a report as (sheet name,
  headers, rows) with numbers as numbers (a rate is 0.71, never "71 %") and
  dates as dates: Figures, ESF+, Funnel, Duos per month, Outcomes per year,
  Definitions.
- ``write_report(session, report, path, fmt, t, at)``: fmt "csv" (the
  Figures and ESF+ tables in one file, a column saying which), "xlsx" (one
  sheet per table), "json", or "pdf" (pdf.py). Returns the path.
- ``write_list(session, subject, ids, path, t, at, pseudonymised)``: the
  people or duos behind a figure; pseudonymised leaves names out.

Raises ``OSError`` when the file cannot be written (the target unchanged).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import N_, Translator
from .. import audit
from ..labels import label
from ..spreadsheets import write_table, write_workbook
from . import drilldown
from .esf import INDICATORS
from .published import published
from .registry import Subject, Unit
from .report import Report
from .texts import SERIES, figure_label, unit_label

FORMATS = ("csv", "xlsx", "json", "pdf")
FIGURE_HEADERS = [N_("Table"), N_("Key"), N_("Figure"), N_("Value"), N_("Unit"), N_("Counted"), N_("Out of"),
                  N_("Published")]


def report_sheets(report: Report, t: Translator) -> list[tuple[str, list[str], list[list[Any]]]]:
    g = t.gettext
    refs = published()
    figures = [[t.gettext("Figures"), f.key, figure_label(f, t), r.value, unit_label(f.unit, t), r.count,
                r.base_count if f.unit == "rate" else None,
                refs[f.published].value if f.published in refs and refs[f.published].unit == "rate" else None]
               for f, r in report.figures()]
    esf = [[t.gettext("ESF+"), key, g(name), report.esf[key].count, unit_label(Unit.COUNT, t),
            report.esf[key].count, None, None]
           for key, name, _group in INDICATORS if key in report.esf]
    headers = [g(h) for h in FIGURE_HEADERS]
    by_key = {f.key: f for f, _r in report.figures()}
    return [
        (t.gettext("Figures"), headers, figures),
        (t.gettext("ESF+"), headers, esf),
        (t.gettext("Funnel"), [t.gettext("Key"), t.gettext("Step"), t.gettext("Count")],
         [[k, figure_label(by_key[k], t), n] for k, n in report.funnel]),
        (t.gettext("Duos per month"), [t.gettext("Month"), t.gettext("Duos started")],
         [[dt.date(int(m[:4]), int(m[5:]), 1), n] for m, n in report.per_month]),
        (t.gettext("Outcomes per year"), [t.gettext("Year"), g(SERIES["ended"]), g(SERIES["positive"]), g(SERIES["job"])],
         [[y, v["ended"], v["positive"], v["job"]] for y, v in report.outcomes_per_year]),
        (t.gettext("Definitions"), [t.gettext("Key"), t.gettext("Figure"), t.gettext("Definition")],
         [[f.key, figure_label(f, t), g(f.definition)] for f, _r in report.figures()]
         + [[key, g(name), g(group) + " (Regulation (EU) 2021/1057, Annex I)"] for key, name, group in INDICATORS]),
    ]


def _audit(session: Session, report: Report | None, at: dt.datetime, what: str, fmt: str, **details: Any) -> None:
    if report is not None:
        details.update(start=report.period.start.isoformat(), end=report.period.end.isoformat(),
                       branch_id=report.branch_id, coordinator_id=report.coordinator_id)
    audit.record(session, "export", what, None, at, format=fmt, **details)


def scope_text(session: Session, report: Report, t: Translator) -> str:
    """'Branch: BXL – DUO for a JOB Brussels. Coordinator: all.' in the translator's language."""
    from ...models import Branch, Coordinator

    branch = session.get(Branch, report.branch_id) if report.branch_id is not None else None
    person = session.get(Coordinator, report.coordinator_id) if report.coordinator_id is not None else None
    return t.gettext("Branch: {branch}. Coordinator: {coordinator}.").format(
        branch=f"{branch.code} – {branch.name}" if branch else t.gettext("all branches"),
        coordinator=f"{person.first_name} {person.last_name}" if person else t.gettext("all coordinators"))


def write_report(session: Session, report: Report, path: Path, fmt: str, t: Translator, at: dt.datetime) -> Path:
    path = Path(path)
    if fmt == "xlsx":
        write_workbook(path, report_sheets(report, t))
    elif fmt == "csv":
        sheets = report_sheets(report, t)
        write_table(path, sheets[0][1], sheets[0][2] + sheets[1][2])
    elif fmt == "json":
        _write_text(path, json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    elif fmt == "pdf":
        from ..documents.output import stamp_created
        from .pdf import report_pdf

        _write_bytes(path, stamp_created(report_pdf(report, t, scope_text(session, report, t)), at))
    else:
        raise ValueError(fmt)
    _audit(session, report, at, "report", fmt)
    return path


def write_list(session: Session, subject: Subject, ids, path: Path, t: Translator, at: dt.datetime,  # noqa: ANN001
               pseudonymised: bool = False, figure_key: str = "") -> Path:
    g = t.gettext
    rows = drilldown.rows(session, subject, ids, pseudonymised=pseudonymised)
    rows = _without_restricted(session, subject, rows)
    if subject == Subject.PARTICIPANT:
        headers = [t.gettext("No."), t.gettext("Name"), t.gettext("Role"), t.gettext("Branch"), t.gettext("Applied on"), t.gettext("Status")]
        body = [[r.id, r.name, label(r.role, t), r.branch, r.applied_on, label(r.status, t)] for r in rows]
    else:
        headers = [t.gettext("No."), t.gettext("Mentor"), t.gettext("Mentee"), t.gettext("Branch"), t.gettext("Proposed on"), t.gettext("Agreement signed on"),
                   t.gettext("Ended on"), t.gettext("Stage")]
        body = [[r.id, r.mentor, r.mentee, r.branch, r.proposed_on, r.signed_on, r.ended_on, label(r.stage, t)]
                for r in rows]
    if pseudonymised:
        keep = [i for i, h in enumerate(headers) if h not in (t.gettext("Name"), t.gettext("Mentor"), t.gettext("Mentee"))]
        headers = [headers[i] for i in keep]
        body = [[row[i] for i in keep] for row in body]
    if Path(path).suffix.lower() != ".xlsx":  # CSV: ISO dates, which every spreadsheet reads as dates
        body = [[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in body]
    write_table(Path(path), headers, body)
    listed = [r.id for r in rows]  # issue 12: the rows name the records written, by id
    audit.record_output(session, "export", subject.value + "_list", at,
                        participant_ids=listed if subject == Subject.PARTICIPANT else (),
                        duo_ids=listed if subject != Subject.PARTICIPANT else (), figure=figure_key,
                        rows=len(body), pseudonymised=pseudonymised, format=Path(path).suffix.lstrip(".").lower())
    return Path(path)


def _without_restricted(session: Session, subject: Subject, rows: list) -> list:
    """A person on hold (restricted, GDPR art. 18) is left out of a list
    written to a file: their row in a list of people, their name in a list
    of duos (the duo itself still counts)."""
    from sqlalchemy import select

    from ...models import Duo, Participant

    held = set(session.scalars(select(Participant.id).where(Participant.restricted_since.isnot(None))))
    if not held:
        return rows
    if subject == Subject.PARTICIPANT:
        return [r for r in rows if r.id not in held]
    sides = {d: (m1, m2) for d, m1, m2 in session.execute(select(Duo.id, Duo.mentor_id, Duo.mentee_id).where(
        Duo.id.in_([r.id for r in rows])))}
    out = []
    for r in rows:
        mentor_id, mentee_id = sides.get(r.id, (None, None))
        out.append(replace(r, mentor="" if mentor_id in held else r.mentor,
                           mentee="" if mentee_id in held else r.mentee))
    return out


def _write_bytes(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with temp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _write_text(path: Path, text: str) -> None:
    _write_bytes(path, text.encode("utf-8"))
