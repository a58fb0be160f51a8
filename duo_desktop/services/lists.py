"""The list a screen shows (participants or duos, filtered and sorted as on
screen) exported for a spreadsheet or printed, each audited like the
report exports (services/audit.py: an "export" or "print" row naming the
list, its size and format, never a name).

    list_table(session, subject, ids, t) -> (headers, rows)   in the order of ids
    export_list(session, subject, ids, path, t, at)            .csv or .xlsx (spreadsheets.write_table), .pdf
    list_document(session, subject, ids, t, title) -> (bytes, rows)  the PDF to print
    record_print(session, subject, rows, at)                    once it was sent to the printer

Raises OSError when the file cannot be written (nothing is left half-written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from ..i18n import N_, Translator
from . import audit
from .documents.layout import FRAME_WIDTH, RULE, PageDecor, build_pdf, styles
from .documents.output import write_pdf
from .documents.scripts import rich
from .labels import label
from .reports import drilldown
from .reports.registry import Subject
from .spreadsheets import write_table

PAGE_LABEL = N_("Page {page} of {pages}")


def list_table(session: Session, subject: Subject, ids: Sequence[int], t: Translator) -> tuple[list[str], list[list]]:
    """Headers and rows (dates as dates) of the people or duos ``ids``, in
    that order (the screen's)."""
    order = {i: n for n, i in enumerate(ids)}
    found = sorted(drilldown.rows(session, subject, list(ids)), key=lambda r: order[r.id])
    g = t.gettext
    if subject == Subject.PARTICIPANT:
        headers = [g("No."), g("Name"), g("Role"), g("Branch"), g("Applied on"), g("Status")]
        return headers, [[r.id, r.name, label(r.role, t), r.branch, r.applied_on, label(r.status, t)] for r in found]
    headers = [g("No."), g("Mentor"), g("Mentee"), g("Branch"), g("Proposed on"), g("Agreement signed on"),
               g("Ended on"), g("Stage")]
    return headers, [[r.id, r.mentor, r.mentee, r.branch, r.proposed_on, r.signed_on, r.ended_on, label(r.stage, t)]
                     for r in found]


def _audit(session: Session, action: str, subject: Subject, rows: int, fmt: str, at: dt.datetime,
           coordinator_id: int | None) -> None:
    audit.record(session, action, subject.value + "_list", None, at, coordinator_id, rows=rows, format=fmt,
                 source="screen")


def _cell(value: Any, t: Translator) -> str:
    if isinstance(value, dt.date):
        return t.format_date(value, "short")
    return "" if value is None else str(value)


def list_pdf(title: str, headers: list[str], rows: list[list], t: Translator) -> bytes:
    """The table on A4 pages with the title and the count; every cell made
    safe for any script (documents/scripts.rich)."""
    st = styles()
    cell, head = st["cell"], st["cell_bold"]
    count = t.ngettext("{count} row", "{count} rows", len(rows)).format(count=t.format_number(len(rows)))
    data = [[Paragraph(rich(h), head) for h in headers]]
    data += [[Paragraph(rich(_cell(v, t)), cell) for v in row] for row in rows]
    # the number narrow, the names (columns 1, and 2 for duos) twice as wide as the others
    weights = [2 if 1 <= i <= (2 if len(headers) > 6 else 1) else 1 for i in range(1, len(headers))]
    first = 12 * mm
    widths = [first] + [(FRAME_WIDTH - first) * w / sum(weights) for w in weights]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f4f7")]),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    story = [Paragraph(rich(title), st["title"]), Paragraph(rich(count), st["subtitle"]), Spacer(1, 2 * mm), table]
    decor = PageDecor(branch_name="DUO Desktop", doc_title=rich(title), contact="", page_label=t.gettext(PAGE_LABEL))
    return build_pdf(story, decor, title=title)


def export_list(session: Session, subject: Subject, ids: Sequence[int], path: Path, t: Translator, at: dt.datetime,
                title: str = "", coordinator_id: int | None = None) -> Path:
    """Write the list to ``path``: XLSX or PDF by its suffix, else CSV
    (ISO dates, which every spreadsheet reads as dates). Audited as an export."""
    path = Path(path)
    headers, body = list_table(session, subject, ids, t)
    fmt = path.suffix.lstrip(".").lower() or "csv"
    if fmt == "pdf":
        write_pdf(path, list_pdf(title, headers, body, t), at)
    else:
        if fmt != "xlsx":
            body = [[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in body]
        write_table(path, headers, body)
    _audit(session, "export", subject, len(body), fmt, at, coordinator_id)
    return path


def list_document(session: Session, subject: Subject, ids: Sequence[int], t: Translator,
                  title: str) -> tuple[bytes, int]:
    """The list as a PDF to print, and its number of rows (nothing recorded:
    the user may still cancel the print dialog)."""
    headers, body = list_table(session, subject, ids, t)
    return list_pdf(title, headers, body, t), len(body)


def record_print(session: Session, subject: Subject, rows: int, at: dt.datetime,
                 coordinator_id: int | None = None) -> None:
    """The audit row of a list sent to the printer."""
    _audit(session, "print", subject, rows, "pdf", at, coordinator_id)
