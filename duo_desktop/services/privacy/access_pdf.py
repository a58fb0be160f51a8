"""The access export as a readable PDF (GDPR art. 15; issue 12), in the
person's own language (``Participant.preferred_language``, the language of
their documents), beside the JSON and CSV files of services/privacy/access.

It shows the same data as the JSON (services/privacy/access.person_data),
section by section, each record as "label: value" lines: codes become their
labels (enumerations, CLDR language and country names, the reference lists
of services/reference, consent purposes, rules, ESF+ answers; the JSON and
CSV files keep the codes, for another programme's software), dates are written out in the language, yes/no in words. Nothing is
left out that the JSON holds; a column without a label here is shown under
its technical name (the test on columns keeps the two exports together).

    access_pdf(session, participant_id, lang=None, today=None) -> bytes    raises NotFound
    person_language(session, participant_id) -> str                        fr, nl or en
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ...i18n import LANGUAGES, N_, Translator
from ...models import Participant, enums as e
from ..audit import ACTION_LABELS
from ..documents.fonts import BASE, register_fonts
from ..documents.scripts import rich
from ..errors import NotFound
from ..labels import label
from ..locales import country_name
from ..reference import (EDUCATION_LEVEL_LABELS, REFERRAL_SOURCES, RESIDENCE_PERMIT_LABELS, coded_text,
                         employment_office_label, language_label, sector_label)
from ..validation import FIELDS
from .access import person_data

SECTION_TITLES = {
    "participant": N_("Profile"), "languages": N_("Languages"), "sectors": N_("Sectors of activity"),
    "availability": N_("Availability"), "status_history": N_("Status history"), "duos": N_("Duos"),
    "stage_history": N_("Stages of the duos"), "meetings": N_("Meetings"), "check_ins": N_("Check-ins"),
    "evaluations": N_("Evaluations"), "outcomes": N_("Outcomes"), "attendance": N_("Information sessions, "
                                                                                 "trainings and intervisions"),
    "intake_drafts": N_("Intake drafts"), "audit": N_("What was done with the data"),
    "dated_notes": N_("Dated notes"), "merge_undo": N_("Merge that can still be undone"),
}
#: labels of the columns (those of the intake form first, services/validation.FIELDS)
LABELS = {**FIELDS, **{
    "id": N_("No."), "uid": N_("Global identifier"), "version": N_("Version of the record"),
    "branch_id": N_("Branch No."), "coordinator_id": N_("Coordinator No."), "status": N_("Status"),
    "status_since": N_("Status since"), "name_prefix": N_("Name prefix"),
    "preferred_language": N_("Language of documents"), "education_level": N_("Level of education"),
    "education": N_("Education"), "experience": N_("Professional experience"),
    "professional_project": N_("Professional project"), "career": N_("Career"), "to_pass_on": N_("To pass on"),
    "country_of_birth": N_("Country of birth"), "nationality": N_("Nationality"),
    "non_eu_background": N_("Non-EU migration background"), "residence_permit": N_("Residence permit"),
    "permit_allows_work": N_("The permit allows work"), "employment_office": N_("Employment office"),
    "employment_office_registered": N_("Registered with the employment office"),
    "esf_entry": N_("ESF+ characteristics at entry"), "personality_notes": N_("Personality"),
    "interests": N_("Interests"), "weekly_hours_available": N_("Hours a week"),
    "preferred_mentor_gender": N_("Preferred mentor gender"), "preferred_mentor_sector": N_("Preferred mentor sector"),
    "mentor_wishes_other": N_("Other wishes about the mentor"), "consent_given": N_("Consent given"),
    "consent_scope": N_("Purposes consented to"), "eligibility_overrides": N_("Eligibility rules overridden"),
    "notes": N_("Notes"), "restricted_since": N_("Processing restricted since"), "erased_on": N_("Erased on"),
    "merged_into_id": N_("Merged into record No."), "language": N_("Language"), "level": N_("Level"),
    "sector": N_("Sector"), "weekday": N_("Day"), "part": N_("Part of the day"), "from_status": N_("From"),
    "to_status": N_("To"), "changed_on": N_("Changed on"), "reason": N_("Reason"), "mentor_id": N_("Mentor No."),
    "mentee_id": N_("Mentee No."), "stage": N_("Stage"), "proposed_on": N_("Proposed on"),
    "match_score": N_("Matching score"), "first_meeting_at": N_("First meeting"),
    "first_meeting_place": N_("Place of the first meeting"), "mentor_decision": N_("Mentor's decision"),
    "mentor_decided_on": N_("Mentor decided on"), "mentee_decision": N_("Mentee's decision"),
    "mentee_decided_on": N_("Mentee decided on"), "refusal_reason": N_("Reason for the refusal"),
    "agreement_signed_on": N_("Agreement signed on"), "agreement_language": N_("Language of the agreement"),
    "planned_end_on": N_("Planned end"), "ended_on": N_("Ended on"), "end_reason": N_("Reason for the end"),
    "end_note": N_("Note at the end"), "duo_id": N_("Duo No."), "from_stage": N_("From"), "to_stage": N_("To"),
    "changed_at": N_("Changed at"), "note": N_("Note"), "held_on": N_("Date"),
    "duration_minutes": N_("Duration (minutes)"), "channel": N_("How"), "topics": N_("Topics"),
    "with_whom": N_("With whom"), "rating": N_("Rating"), "concerns": N_("Concerns"),
    "follow_up_needed": N_("Follow-up needed"), "respondent": N_("Respondent"), "completed_on": N_("Completed on"),
    "objectives_reached": N_("Objectives reached"), "satisfaction": N_("Satisfaction"), "gains": N_("Gains"),
    "wants_new_duo": N_("Wants another duo"), "comments": N_("Comments"), "kind": N_("Kind"),
    "contract_type": N_("Contract"), "outcome_date": N_("Date of the outcome"), "moment": N_("When asked"),
    "learnt_on": N_("Learnt on"), "event_id": N_("Event No."), "event_kind": N_("Kind"),
    "event_starts_at": N_("Date"), "event_title": N_("Title"), "data": N_("Typed so far"),
    "updated_at": N_("Saved at"), "at": N_("When"), "action": N_("Action"),
    "noted_on": N_("Date of the note"), "text": N_("Text"), "written_at": N_("Written at"),
    "edited_at": N_("Edited at"), "kept_id": N_("Record kept No."), "merged_id": N_("Record merged away No."),
    "kept_version": N_("Version of the record kept"), "merged_at": N_("Merged at"),
    "qualification_on": N_("Qualification gained on"),
}}
_ENUMS: dict[str, type] = {
    "role": e.Role, "gender": e.Gender, "preferred_mentor_gender": e.Gender, "level": e.LanguageLevel,
    "part": e.DayPart, "from_status": e.ParticipantStatus, "to_status": e.ParticipantStatus,
    "stage": e.DuoStage, "from_stage": e.DuoStage, "to_stage": e.DuoStage, "mentor_decision": e.Decision,
    "mentee_decision": e.Decision, "end_reason": e.EndReason, "channel": e.MeetingChannel,
    "with_whom": e.CheckInWith, "respondent": e.Respondent, "objectives_reached": e.ObjectivesReached,
    "kind": e.OutcomeKind, "contract_type": e.ContractType, "moment": e.OutcomeMoment, "event_kind": e.EventKind,
}
_STATUS = {"participant": e.ParticipantStatus, "attendance": e.AttendanceStatus}
#: lists of enum codes
_ENUM_LISTS: dict[str, type] = {"topics": e.MeetingTopic, "gains": e.Gain}


def _coded(key: str, value: Any, t: Translator) -> str | None:
    """The words for a coded value (a language, country, office, source,
    sector, level, permit, consent purposes, ESF+ answers, rules overridden),
    in ``t``'s language; None when ``key`` holds no code."""
    from ..eligibility import RULES
    from ..intake import CONSENT_SCOPES
    from ..reports.esf_entry import ANSWERS, QUESTIONS

    if key in ("preferred_language", "agreement_language", "language") and isinstance(value, str):
        return language_label(value, t)
    if key == "preferred_mentor_languages" and isinstance(value, list):
        return ", ".join(language_label(code, t, in_text=True) for code in value)
    if key in ("country_of_birth", "nationality") and isinstance(value, str):
        return country_name(value.upper(), t.lang)
    if key == "employment_office" and isinstance(value, str):
        return employment_office_label(value, t)
    if key in ("sector", "preferred_mentor_sector") and isinstance(value, str):
        return sector_label(value, t)
    texts = {"referral_source": REFERRAL_SOURCES, "education_level": EDUCATION_LEVEL_LABELS,
             "residence_permit": RESIDENCE_PERMIT_LABELS}
    if key in texts and isinstance(value, str):
        return coded_text(value, texts[key], t)
    if key == "consent_scope" and isinstance(value, list):
        return "\n".join(t.gettext(CONSENT_SCOPES[c]) if c in CONSENT_SCOPES else c for c in value)
    if key in _ENUM_LISTS and isinstance(value, list):
        return ", ".join(_enum_label(_ENUM_LISTS[key], c, t) for c in value)
    if key == "eligibility_overrides" and isinstance(value, dict):
        return "\n".join(t.gettext("{label}: {value}").format(
            label=t.gettext(RULES[r]) if r in RULES else r, value=reason) for r, reason in sorted(value.items()))
    if key == "esf_entry" and isinstance(value, dict):
        captions = dict(QUESTIONS)
        lines = []
        for k, answer in value.items():
            caption = t.gettext(captions[k]) if k in captions else t.gettext(LABELS[k]) if k in LABELS else k
            words = t.gettext(ANSWERS[answer]) if isinstance(answer, str) and answer in ANSWERS else \
                _text("", "", answer, t)
            lines.append(t.gettext("{label}: {value}").format(label=caption, value=words))
        return "\n".join(lines)
    return None


def _enum_label(enum_class: type, code: str, t: Translator) -> str:
    try:
        return label(enum_class(code), t)
    except ValueError:
        return code


def person_language(session, participant_id: int) -> str:  # noqa: ANN001
    person = session.get(Participant, participant_id)
    if person is None:
        raise NotFound(participant_id)
    return person.preferred_language if person.preferred_language in LANGUAGES else "fr"


def _text(section: str, key: str, value: Any, t: Translator) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if key == "action" and section == "audit" and value in ACTION_LABELS:
        return t.gettext(ACTION_LABELS[value])
    if isinstance(value, bool):
        return t.gettext("Yes") if value else t.gettext("No")
    enum_class = _STATUS.get(section) if key == "status" else _ENUMS.get(key)
    if enum_class is not None and isinstance(value, str):
        return _enum_label(enum_class, value, t)
    words = _coded(key, value, t)
    if words is not None:
        return words
    if key == "weekday" and isinstance(value, int) and 0 <= value <= 6:
        return t.weekday_name(value)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return t.format_date(dt.date.fromisoformat(value))
            return t.format_datetime(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _record(section: str, row: dict[str, Any], t: Translator, st: dict[str, ParagraphStyle]) -> Table:
    # values through documents.scripts.rich: every script printed as typed (Arabic, Ge'ez...)
    cells = [[Paragraph(escape(t.gettext(LABELS[k]) if k in LABELS else k), st["label"]),
              Paragraph(rich(_text(section, k, v, t)), st["body"])] for k, v in row.items()]
    table = Table(cells, colWidths=[55 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, -1), (-1, -1), 0.4,
                                                                        colors.HexColor("#bbbbbb")),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1)]))
    return table


def access_pdf(session, participant_id: int, lang: str | None = None,  # noqa: ANN001
               today: dt.date | None = None) -> bytes:
    """Everything about one person, readable, in ``lang`` (their own language
    when None). ``today``: the date printed in the heading."""
    data = person_data(session, participant_id)
    t = Translator(lang or person_language(session, participant_id))
    register_fonts()
    body = ParagraphStyle("body", fontName=BASE, fontSize=9.5, leading=12.5)
    st = {"body": body, "label": ParagraphStyle("label", parent=body, textColor=colors.HexColor("#444444")),
          "h1": ParagraphStyle("h1", parent=body, fontName=BASE + "-Bold", fontSize=16, leading=20, spaceAfter=6),
          "h2": ParagraphStyle("h2", parent=body, fontName=BASE + "-Bold", fontSize=12, leading=15, spaceBefore=10,
                               spaceAfter=4)}
    story: list = [Paragraph(escape(t.gettext("Your personal data")), st["h1"]),
                   Paragraph(escape(t.gettext(
                       "Everything the programme’s database holds about you (record No. {id}), on {date}. "
                       "The same data is in the JSON file beside this document, for another programme."
                   ).format(id=participant_id, date=t.format_date(today or dt.date.today()))), st["body"])]
    for section, content in data.items():
        rows = content if isinstance(content, list) else [content]
        title = t.gettext(SECTION_TITLES[section]) if section in SECTION_TITLES else section
        story.append(Paragraph(escape(title), st["h2"]))
        if not rows:
            story.append(Paragraph(escape(t.gettext("Nothing recorded.")), st["body"]))
        for row in rows:
            table = _record(section, row, t, st)  # a short record kept on one page; the profile may flow on
            story += [KeepTogether(table) if len(row) <= 15 else table, Spacer(1, 4)]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, invariant=1, title=t.gettext("Your personal data"))
    doc.build(story)
    return out.getvalue()
