"""A duo's timeline: everything that happened, newest first: proposal, first
meeting, decisions, agreement signed, meetings, check-ins, intervisions
attended by the mentor, the end, evaluations, outcomes."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import N_, Translator, current
from ..models import (
    Attendance,
    AuditEntry,
    AttendanceStatus,
    CheckIn,
    Decision,
    DuoStage,
    Evaluation,
    Event,
    EventKind,
    Meeting,
    MeetingTopic,
    Outcome,
)
from .duo_lifecycle import get_duo
from .labels import label
from .reference import sector_label


class EntryKind(enum.StrEnum):
    PROPOSAL = "proposal"
    FIRST_MEETING = "first_meeting"
    DECISION = "decision"
    AGREEMENT = "agreement"
    MEETING = "meeting"
    CHECK_IN = "check_in"
    INTERVISION = "intervision"
    END = "end"
    CANCELLED = "cancelled"
    EVALUATION = "evaluation"
    OUTCOME = "outcome"
    CORRECTION = "correction"  # a correction or an undo (services/duo_corrections.py), on the day it was made


#: The corrections' audit actions (services/duo_corrections.ACTIONS) and how the timeline says them
CORRECTIONS = {
    "correct_agreement": N_("Correction: the signature of the agreement"),
    "undo_agreement": N_("Undone: the signature of the agreement"),
    "correct_end": N_("Correction: the end of the duo"),
    "undo_end": N_("Undone: the end of the duo (active again)"),
    "delete_evaluation": N_("Deleted: an evaluation"),
    "delete_outcome": N_("Deleted: an outcome"),
    "edit_meeting": N_("Correction: a meeting"),
    "edit_check_in": N_("Correction: a check-in"),
    "delete_meeting": N_("Deleted: a meeting"),
    "delete_check_in": N_("Deleted: a check-in"),
}


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    kind: EntryKind
    title: str  # translated
    detail: str = ""  # translated, may be empty
    record_id: int | None = None  # meeting / check-in / evaluation / outcome id


def topic_list(topics: list[str], t: Translator) -> str:
    """Labels joined as a phrase: a capital on the first only ("Cv en welzijn")."""
    first = topics[0][:1].upper() + topics[0][1:]
    return t.format_list([first] + [_lower_first(x) for x in topics[1:]])


def _lower_first(text: str) -> str:
    """A label inside a list: its first letter in lower case, unless the word is
    an acronym (CV) or a name written with capitals."""
    word = text.split(" ", 1)[0]
    return text if len(word) > 1 and word[1:2].isupper() else text[:1].lower() + text[1:]


def _stars(rating: int) -> str:
    return "★" * rating + "☆" * (5 - rating)


def timeline(session: Session, duo_id: int, translator: Translator | None = None) -> list[TimelineEntry]:
    """Everything that happened to the duo, newest first, with titles and
    details in ``translator``'s language (default: the interface's; a read
    on a worker thread passes its own). Raises NotFound."""
    t = translator if translator is not None else current()
    _ = t.gettext
    duo = get_duo(session, duo_id)
    out: list[TimelineEntry] = []
    add = out.append
    add(TimelineEntry(duo.proposed_on, EntryKind.PROPOSAL, _("Duo proposed"),
                      _("Match score {score}").format(score=round(duo.match_score))
                      if duo.match_score is not None else ""))
    if duo.first_meeting_at is not None:
        add(TimelineEntry(duo.first_meeting_at.date(), EntryKind.FIRST_MEETING, _("First meeting"),
                          duo.first_meeting_place))
    for side, decision, on in (("mentor", duo.mentor_decision, duo.mentor_decided_on),
                               ("mentee", duo.mentee_decision, duo.mentee_decided_on)):
        if on is None or decision is Decision.PENDING:
            continue
        who = _("The mentor") if side == "mentor" else _("The mentee")
        title = (_("{who} said yes") if decision is Decision.ACCEPTED else _("{who} said no")).format(who=who)
        detail = duo.refusal_reason if decision is Decision.REFUSED else ""
        add(TimelineEntry(on, EntryKind.DECISION, title, detail))
    if duo.agreement_signed_on is not None:
        add(TimelineEntry(duo.agreement_signed_on, EntryKind.AGREEMENT, _("Agreement signed"),
                          _("Planned end: {date}").format(date=t.format_date(duo.planned_end_on))))
    for change in duo.stage_history:
        if change.to_stage is DuoStage.CANCELLED:
            add(TimelineEntry(change.changed_at.date(), EntryKind.CANCELLED, _("Duo cancelled"), change.note))
    if duo.ended_on is not None:
        detail = label(duo.end_reason, t) + (f" — {duo.end_note}" if duo.end_note else "")
        add(TimelineEntry(duo.ended_on, EntryKind.END, _("Duo ended"), detail))

    for m in session.scalars(select(Meeting).where(Meeting.duo_id == duo.id)):
        topics = [label(MeetingTopic(v), t) for v in m.topics if v in MeetingTopic._value2member_map_]
        parts = [t.ngettext("{minutes} minute", "{minutes} minutes", m.duration_minutes).format(
            minutes=m.duration_minutes), label(m.channel, t)]
        if topics:  # "Recherche d’emploi et pratique de la langue": one capital, at the start (review FR-34)
            parts.append(topic_list(topics, t))
        if m.note:
            parts.append(m.note)
        add(TimelineEntry(m.held_on, EntryKind.MEETING, _("Meeting"), " · ".join(parts), m.id))
    for c in session.scalars(select(CheckIn).where(CheckIn.duo_id == duo.id)):
        parts = [label(c.with_whom, t), label(c.channel, t), _stars(c.rating)]
        if c.concerns:
            parts.append(c.concerns)
        title = _("Check-in (follow-up needed)") if c.follow_up_needed else _("Check-in")
        add(TimelineEntry(c.held_on, EntryKind.CHECK_IN, title, " · ".join(parts), c.id))
    if duo.agreement_signed_on is not None:
        start = dt.datetime.combine(duo.agreement_signed_on, dt.time())
        end = dt.datetime.combine(duo.ended_on or dt.date.max, dt.time.max)
        query = (select(Event.starts_at, Event.title).join(Attendance, Attendance.event_id == Event.id)
                 .where(Attendance.participant_id == duo.mentor_id, Attendance.status == AttendanceStatus.ATTENDED,
                        Event.kind == EventKind.INTERVISION, Event.starts_at >= start, Event.starts_at <= end))
        for starts_at, title in session.execute(query):
            add(TimelineEntry(starts_at.date(), EntryKind.INTERVISION, _("Intervision attended by the mentor"),
                              title))
    for e in session.scalars(select(Evaluation).where(Evaluation.duo_id == duo.id)):
        parts = [_("Objectives reached: {answer}").format(answer=label(e.objectives_reached, t)),
                 _stars(e.satisfaction)]
        if e.wants_new_duo is not None:
            parts.append(_("wants a new duo") if e.wants_new_duo else _("does not want a new duo"))
        if e.comments:
            parts.append(e.comments)
        add(TimelineEntry(e.completed_on, EntryKind.EVALUATION,
                          _("Evaluation by the {side}").format(side=label(e.respondent, t).lower()),
                          " · ".join(parts), e.id))
    for o in session.scalars(select(Outcome).where(Outcome.duo_id == duo.id)):
        parts = [label(o.kind, t)]
        if o.contract_type is not None:
            parts.append(label(o.contract_type, t))
        if o.sector:
            parts.append(sector_label(o.sector, t))
        if o.outcome_date is not None:
            parts.append(_("since {date}").format(date=t.format_date(o.outcome_date)))
        if o.note:
            parts.append(o.note)
        add(TimelineEntry(o.learnt_on, EntryKind.OUTCOME,
                          _("Outcome ({moment})").format(moment=label(o.moment, t).lower()), " · ".join(parts),
                          o.id))
    order = {k: i for i, k in enumerate(EntryKind)}
    for at, action in session.execute(select(AuditEntry.at, AuditEntry.action).where(
            AuditEntry.entity == "duo", AuditEntry.entity_id == duo.id, AuditEntry.action.in_(CORRECTIONS))):
        add(TimelineEntry(at.date(), EntryKind.CORRECTION, _(CORRECTIONS[action])))
    out.sort(key=lambda e: (e.day, order[e.kind], e.record_id or 0), reverse=True)
    return out

