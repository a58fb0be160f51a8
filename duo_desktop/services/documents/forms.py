"""The end evaluation form (one per side of a duo), the attendance sheet of
an event and a participant's consent form."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import (AttendanceStatus, Branch, Event, Gain, ObjectivesReached, Participant, Respondent,
                       Role)
from ...models.event import Attendance
from ..errors import NotFound
from ..labels import label
from . import templates
from .common import decor, load_texts
from .data import BRANCH_PLACEHOLDERS, DUO_PLACEHOLDERS, branch_info, branch_values, duo_info, duo_values, period
from .fonts import BASE
from .layout import FRAME_WIDTH, RULE, build_pdf, styles
from .scripts import rich
from .story import Writer, signature_table
from .translator import document_translator
from .widgets import choices, fields, lines

EVALUATION_LABELS = frozenset(("respondent", "duo", "period", "objectives", "satisfaction", "satisfaction_low",
                               "satisfaction_high", "gains", "wants_new_duo", "yes", "no", "comments",
                               "signature", "date"))
EVALUATION_SCHEMA = templates.Schema(
    required={"title": str, "subtitle": str, "labels": dict}, sections=False,
    placeholders=DUO_PLACEHOLDERS | {"respondent_name", "respondent"}, table_keys={"labels": EVALUATION_LABELS})

ATTENDANCE_LABELS = frozenset(("date", "place", "number", "name", "role", "signature", "count"))
ATTENDANCE_SCHEMA = templates.Schema(
    required={"title": str, "labels": dict}, sections=False,
    placeholders=BRANCH_PLACEHOLDERS | {"event_kind", "event_title", "count"},
    table_keys={"labels": ATTENDANCE_LABELS})

CONSENT_LABELS = frozenset(("name", "birth_date", "address", "choices", "place_and_date", "signature"))
CONSENT_SCHEMA = templates.Schema(
    required={"title": str, "subtitle": str, "labels": dict},
    placeholders=BRANCH_PLACEHOLDERS | {"participant_name", "date"}, table_keys={"labels": CONSENT_LABELS})


# --- end evaluation ------------------------------------------------------------------
def evaluation_form_pdf(session: Session, duo_id: int, respondent: Respondent, lang: str, today: dt.date) -> bytes:
    """A blank end evaluation form for the mentor or the mentee of a duo."""
    info = duo_info(session, duo_id)
    texts = load_texts("evaluation_form", lang, EVALUATION_SCHEMA, info.branch.templates_dir)
    tr = document_translator(lang, region=info.branch.country)
    start, end = period(info, None, today)
    values = duo_values(info, tr, start, end, today)
    person = info.mentor if respondent is Respondent.MENTOR else info.mentee
    values["respondent_name"] = rich(person.name)
    values["respondent"] = person.gender  # {respondent:Répondante|Répondant|Personne qui répond}
    w = Writer(texts.doc, values)
    st = styles()

    def lab(key: str) -> str:
        return w.fill(texts.doc.data["labels"][key], f"labels.{key}")

    story: list[Flowable] = [w.key("title", "title"), w.key("subtitle", "subtitle")]
    story.append(fields([(lab("respondent"), f"{values['respondent_name']} ({label(respondent, tr)})"),
                         (lab("duo"), f"{values['mentee_name']} — {values['mentor_name']}"),
                         (lab("period"), f"{values['start_date']} – {values['end_date']}")]))
    story.append(Spacer(1, 3 * mm))
    for i, section in enumerate(texts.doc.sections, start=1):
        story.extend(w.section(section, i))
    story += [Paragraph(lab("objectives"), st["heading"]),
              choices([rich(label(m, tr)) for m in ObjectivesReached]),
              Paragraph(lab("satisfaction"), st["heading"]),
              choices([f"1 — {lab('satisfaction_low')}", "2", "3", "4", f"5 — {lab('satisfaction_high')}"],
                      per_row=5),
              Paragraph(lab("gains"), st["heading"]),
              choices([rich(label(g, tr)) for g in Gain])]
    if respondent is Respondent.MENTOR:
        story += [Paragraph(lab("wants_new_duo"), st["heading"]), choices([lab("yes"), lab("no")])]
    story += [Paragraph(lab("comments"), st["heading"]), lines(6), Spacer(1, 5 * mm),
              KeepTogether([fields([(lab("date"), ""), (lab("signature"), "")]), lines(1)])]
    title = w.fill(texts.doc.text("title"), "title")
    return build_pdf(story, decor(info.branch, [title], texts), title=title)


# --- attendance sheet ----------------------------------------------------------------
def attendance_sheet_pdf(session: Session, event_id: int, lang: str) -> bytes:
    """The list of the people expected at an event, with room to sign."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(N_("Event {id} does not exist."), id=event_id)
    branch = branch_info(session.get(Branch, event.branch_id))
    texts = load_texts("attendance_sheet", lang, ATTENDANCE_SCHEMA, branch.templates_dir)
    tr = document_translator(lang, region=branch.country)
    rows = session.execute(
        select(Participant.first_name, Participant.last_name, Participant.role)
        .join(Attendance, Attendance.participant_id == Participant.id)
        .where(Attendance.event_id == event_id,
               Attendance.status.in_((AttendanceStatus.INVITED, AttendanceStatus.REGISTERED,
                                      AttendanceStatus.ATTENDED)),
               Participant.restricted_since.is_(None))  # on hold (GDPR art. 18): left off the sheet
        .order_by(Participant.last_name, Participant.first_name, Participant.id)).all()
    values = branch_values(branch, tr)
    values.update(event_kind=rich(label(event.kind, tr)), event_title=rich(event.title or label(event.kind, tr)),
                  count=tr.format_number(len(rows)))
    w = Writer(texts.doc, values)
    st = styles()

    def lab(key: str) -> str:
        return w.fill(texts.doc.data["labels"][key], f"labels.{key}")

    when = tr.format_date(event.starts_at.date(), "full") + ", " + tr.format_time(event.starts_at)
    if event.ends_at:
        when += " – " + tr.format_time(event.ends_at)
    story: list[Flowable] = [w.key("title", "title"),
                             Paragraph(f"{values['event_kind']} — {values['event_title']}", st["subtitle"]),
                             fields([(lab("date"), when), (lab("place"), rich(event.place))]), Spacer(1, 4 * mm)]
    header = [Paragraph(f"<b>{lab(k)}</b>", st["cell"]) for k in ("number", "name", "role", "signature")]
    data = [header] + [[str(i), Paragraph(rich(f"{first} {last}".strip()), st["cell"]),
                        Paragraph(rich(label(Role(role), tr)), st["cell"]), ""]
                       for i, (first, last, role) in enumerate(rows, start=1)]
    widths = [10 * mm, FRAME_WIDTH * 0.45, 25 * mm]
    widths.append(FRAME_WIDTH - sum(widths))
    table = Table(data, colWidths=widths, repeatRows=1,
                  rowHeights=[None] + [10 * mm] * len(rows))
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BASE), ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                               ("BACKGROUND", (0, 0), (-1, 0), "#e8eef4")]))
    story += [table, Spacer(1, 3 * mm), Paragraph(lab("count"), st["small"])]
    title = w.fill(texts.doc.text("title"), "title")
    return build_pdf(story, decor(branch, [title], texts), title=title)


# --- consent form --------------------------------------------------------------------
def consent_form_pdf(session: Session, participant_id: int, lang: str, today: dt.date) -> bytes:
    """The consent to the processing of personal data, to sign; the choices
    the participant already made are ticked."""
    person = session.get(Participant, participant_id)
    if person is None:
        raise NotFound(N_("Participant {id} does not exist."), id=participant_id)
    branch = branch_info(session.get(Branch, person.branch_id))
    texts = load_texts("consent_form", lang, CONSENT_SCHEMA, branch.templates_dir)
    tr = document_translator(lang, region=branch.country)
    values = branch_values(branch, tr)
    values.update(participant_name=rich(person.full_name), date=tr.format_date(today, "long"))
    w = Writer(texts.doc, values)
    st = styles()

    def lab(key: str) -> str:
        return w.fill(texts.doc.data["labels"][key], f"labels.{key}")

    address = ", ".join(p for p in (person.street, " ".join(x for x in (person.postal_code, person.municipality)
                                                                if x)) if p)
    story: list[Flowable] = [w.key("title", "title"), w.key("subtitle", "subtitle"),
                             fields([(lab("name"), values["participant_name"]),
                                     (lab("birth_date"), tr.format_date(person.birth_date, "long")),
                                     (lab("address"), rich(address))]), Spacer(1, 2 * mm)]
    story += w.sections(texts.doc.sections)
    options = texts.doc.get("choices", [])
    if not isinstance(options, list) or not all(isinstance(o, dict) and "key" in o and "text" in o for o in options):
        raise templates.TemplateError(N_("The template {file} is broken: “{key}” is missing."),
                                      texts.doc.path, file=texts.doc.path, key="[[choices]] key/text")
    if options:
        scope = set(person.consent_scope or [])
        story += [Paragraph(lab("choices"), st["heading"]),
                  choices([w.fill(o["text"], f"choices.{o['key']}") for o in options],
                          {i for i, o in enumerate(options) if o["key"] in scope}, per_row=1)]
    sign = Paragraph(f"<i>{lab('signature')}</i>", st["small"])
    story.append(KeepTogether([Spacer(1, 4 * mm), Paragraph(lab("place_and_date"), st["body"]),
                               signature_table([(Paragraph(f"<b>{values['participant_name']}</b>", st["cell"]),
                                                 Paragraph("", st["cell"]))], sign)]))
    title = w.fill(texts.doc.text("title"), "title")
    return build_pdf(story, decor(branch, [title], texts), title=title)
