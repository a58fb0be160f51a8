"""The intake interview: drafts saved as typed, checks, and the finished
intake written in one transaction.

Every function takes the caller's ``Session`` (the screen's operation or the
command owns the transaction) and commits nothing itself.

The form's content travels as a plain dict of what was typed (strings,
booleans, lists), the same shape in the draft, the view and here:

    role, first_name, last_name, birth_date ("23/04/2001"), gender, email, phone,
    street, postal_code, municipality, preferred_language,
    languages [[code, level], ...], sectors [code, ...], availability [[weekday, part], ...],
    weekly_hours, education_level, education, experience, professional_project, career,
    to_pass_on, country_of_birth, nationality, non_eu_background (bool|None), arrival_year,
    residence_permit, permit_allows_work (bool|None), permit_end_date, expected_start,
    employment_office, employment_office_registered (bool|None), employment_office_since,
    referral_source, personality_notes, interests, consent_given, consent_date,
    consent_version, consent_scope [str, ...], overrides {rule: reason}, notes,
    the mentee's wishes about the mentor: preferred_mentor_gender ("", "female", "male"),
    preferred_mentor_languages [code, ...], preferred_mentor_sector (code or ""),
    mentor_wishes_other (text); the mentor's capacity: max_mentees ("1");
    the ESF+ answers esf_entry {key: value} (services/reports/esf_entry.CHOICES)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import (
    AvailabilitySlot,
    Branch,
    DayPart,
    Gender,
    IntakeDraft,
    LanguageLevel,
    Participant,
    ParticipantLanguage,
    ParticipantSector,
    ParticipantStatus,
    Role,
)
from . import audit, duplicates, eligibility, validation
from .reports import esf_entry
from .clock import Clock
from .errors import Lines, Message, NotFound, RuleError
from .pipeline import change_status
from .locales import is_language
from .reference import SECTORS
from ..text import clean_line, name_prefix

#: What a person can consent to (stored codes; labels translated at display time).
CONSENT_SCOPES: dict[str, str] = {
    "programme": N_("Processing of their data for the programme"),
    "share_with_mentor": N_("Sharing their profile with their mentor or mentee"),
    "employment_office": N_("Exchanging information with the employment office"),
    "follow_up": N_("Being contacted for the follow-up up to 12 months after the duo"),
    "photos": N_("Photos and testimonies in communication"),
}
CURRENT_CONSENT_VERSION = "2025-01"

_TEXT_FIELDS = (
    "first_name", "last_name", "email", "phone", "street", "postal_code", "municipality",
    "education_level", "education", "experience", "professional_project", "career", "to_pass_on",
    "country_of_birth", "nationality", "residence_permit", "employment_office", "referral_source",
    "personality_notes", "interests", "consent_version", "notes", "mentor_wishes_other",
)


#: Fields a line edit holds: one line, with the length limit of their column (validation.LIMITS)
_SINGLE_LINE = ("first_name", "last_name", "email", "phone", "street", "postal_code", "municipality")


def empty_form(branch: Branch | BranchChoice | None = None, today: dt.date | None = None) -> dict[str, Any]:
    return {
        "role": Role.MENTEE.value, "gender": Gender.UNSPECIFIED.value, "languages": [], "sectors": [],
        "availability": [], "weekly_hours": "2", "overrides": {}, "consent_given": False,
        "consent_scope": ["programme"], "consent_version": CURRENT_CONSENT_VERSION,
        "consent_date": validation.format_input_date(today),
        "employment_office": branch.employment_office if branch else "",
        "preferred_language": branch.default_language if branch else "fr",
        "non_eu_background": None, "permit_allows_work": None, "employment_office_registered": None,
        "esf_entry": {},
    }


# Drafts ---------------------------------------------------------------------

@dataclass(frozen=True)
class SavedIntake:
    """An intake saved unfinished (a copy of an ``IntakeDraft`` row): the form as typed."""

    id: int
    branch_id: int | None
    coordinator_id: int | None
    participant_id: int | None
    data: dict[str, Any]
    updated_at: dt.datetime

    @property
    def name(self) -> str:
        return f"{self.data.get('first_name', '')} {self.data.get('last_name', '')}".strip()


def save_draft(session: Session, clock: Clock, data: dict[str, Any], draft_id: int | None = None,
               branch_id: int | None = None, coordinator_id: int | None = None,
               participant_id: int | None = None) -> int:
    """Save what was typed so far, exactly; returns the draft's id (a new
    draft when draft_id is None or the draft was discarded meanwhile)."""
    draft = session.get(IntakeDraft, draft_id) if draft_id is not None else None
    if draft is None:
        draft = IntakeDraft(branch_id=branch_id, coordinator_id=coordinator_id,
                            participant_id=participant_id, data={}, updated_at=clock.now())
        session.add(draft)
    draft.data = dict(data)
    draft.updated_at = clock.now()
    if branch_id is not None:
        draft.branch_id = branch_id
    session.flush()
    return draft.id


def _as_draft(row: IntakeDraft) -> SavedIntake:
    return SavedIntake(row.id, row.branch_id, row.coordinator_id, row.participant_id, dict(row.data or {}),
                 row.updated_at)


def load_draft(session: Session, draft_id: int) -> SavedIntake:
    """The draft ``draft_id``; NotFound when it was discarded meanwhile."""
    row = session.get(IntakeDraft, draft_id)
    if row is None:
        raise NotFound(draft_id)
    return _as_draft(row)


def list_drafts(session: Session) -> list[SavedIntake]:
    """Drafts in progress, the most recent first."""
    rows = session.scalars(select(IntakeDraft).order_by(IntakeDraft.updated_at.desc(), IntakeDraft.id.desc()))
    return [_as_draft(r) for r in rows]


def draft_for_participant(session: Session, participant_id: int) -> SavedIntake | None:
    row = session.scalars(select(IntakeDraft).where(IntakeDraft.participant_id == participant_id)
                          .order_by(IntakeDraft.updated_at.desc())).first()
    return _as_draft(row) if row else None


def discard_draft(session: Session, draft_id: int) -> None:
    """Delete a draft (nothing happens when it is already gone)."""
    row = session.get(IntakeDraft, draft_id)
    if row is not None:
        session.delete(row)


# Branches and existing participants -----------------------------------------------

@dataclass(frozen=True)
class BranchChoice:
    """A branch the intake form and the import offer, with its eligibility rules."""

    id: int
    code: str
    name: str
    country: str
    employment_office: str
    rules: eligibility.BranchRules
    default_language: str = "fr"  # of its documents: a new person's until the intake says otherwise


def branches(session: Session) -> list[BranchChoice]:
    return [BranchChoice(b.id, b.code, b.name, b.country, b.employment_office, eligibility.BranchRules.of(b),
                         b.default_language or "fr")
            for b in session.scalars(select(Branch).order_by(Branch.name))]


def form_from_participant(session: Session, participant_id: int) -> tuple[int, dict[str, Any]]:
    """The form of an existing participant (to complete or correct an
    intake); returns (branch_id, form)."""
    p = session.get(Participant, participant_id)
    if p is None:
        raise NotFound(participant_id)
    data: dict[str, Any] = {name: getattr(p, name) or "" for name in _TEXT_FIELDS}
    data.update({
        "role": p.role.value, "gender": p.gender.value, "preferred_language": p.preferred_language,
        "birth_date": validation.format_input_date(p.birth_date),
        "languages": [[lang.language, lang.level.value] for lang in p.languages],
        "sectors": [s.sector for s in p.sectors],
        "availability": [[a.weekday, a.part.value] for a in p.availability],
        "weekly_hours": str(p.weekly_hours_available), "arrival_year": str(p.arrival_year or ""),
        "non_eu_background": p.non_eu_background, "permit_allows_work": p.permit_allows_work,
        "permit_end_date": validation.format_input_date(p.permit_end_date),
        "employment_office_registered": p.employment_office_registered,
        "employment_office_since": validation.format_input_date(p.employment_office_since),
        "consent_given": p.consent_given, "consent_date": validation.format_input_date(p.consent_date),
        "consent_scope": list(p.consent_scope or []), "overrides": dict(p.eligibility_overrides or {}),
        "preferred_mentor_gender": p.preferred_mentor_gender.value if p.preferred_mentor_gender else "",
        "preferred_mentor_languages": list(p.preferred_mentor_languages or []),
        "preferred_mentor_sector": p.preferred_mentor_sector or "", "max_mentees": str(p.max_mentees or 1),
        "esf_entry": {k: v for k, v in (p.esf_entry or {}).items() if k in esf_entry.CHOICES},
    })
    return p.branch_id, data


# Checks ---------------------------------------------------------------------------

@dataclass
class Review:
    """What the form should show: field errors, eligibility warnings,
    possible duplicates. ``can_finish`` when nothing blocks saving."""

    errors: list[validation.FieldError] = field(default_factory=list)
    warnings: list[eligibility.EligibilityWarning] = field(default_factory=list)
    unresolved: list[eligibility.EligibilityWarning] = field(default_factory=list)
    duplicates: list[DuplicateInfo] = field(default_factory=list)

    @property
    def can_finish(self) -> bool:
        return not self.errors and not self.unresolved

    def error_for(self, name: str) -> str:
        return "\n".join(e.message for e in self.errors if e.field == name)


@dataclass(frozen=True)
class DuplicateInfo:
    participant_id: int
    name: str
    birth_date: dt.date | None
    reasons: tuple[str, ...]  # keys of duplicates.REASONS


def _date(data: dict[str, Any], key: str) -> dt.date | None:
    try:
        return validation.parse_date(str(data.get(key) or ""))
    except validation.DateError:
        return None


def _int(value: Any, default: int | None = None) -> int | None:
    text = str(value if value is not None else "").strip()
    return int(text) if text.isdigit() else default


def field_errors(data: dict[str, Any], country: str, today: dt.date) -> list[validation.FieldError]:
    v = validation
    checks = [
        v.check_names(data.get("first_name", ""), data.get("last_name", "")),  # one name is enough
        *(v.check_length(name, clean_line(str(data.get(name) or ""))) for name in _SINGLE_LINE),
        v.check_birth_date(str(data.get("birth_date") or ""), today),
        v.check_email(data.get("email", "")),
        v.check_phone_for(data.get("phone", ""), country),
        v.check_postal_code(data.get("postal_code", ""), country),
        v.check_whole_number("weekly_hours", data.get("weekly_hours", ""), 0, 40),
        v.check_whole_number("max_mentees", data.get("max_mentees", ""), 1, 10),
        v.check_whole_number("arrival_year", data.get("arrival_year", ""), 1900, today.year),
        v.check_date("permit_end_date", str(data.get("permit_end_date") or "")),
        v.check_date("expected_start", str(data.get("expected_start") or "")),
        v.check_date("employment_office_since", str(data.get("employment_office_since") or "")),
    ]
    if not (data.get("email") or "").strip() and not (data.get("phone") or "").strip():
        checks.append(v.FieldError("phone", Message(N_("give an email address or a phone number."))))
    if data.get("consent_given"):
        checks.append(v.check_date("consent_date", str(data.get("consent_date") or ""), required=True))
        checks.append(v.check_required("consent_version", data.get("consent_version", "")))
        consent_day = _date(data, "consent_date")
        if consent_day and consent_day > today:
            checks.append(v.FieldError("consent_date", Message(N_("the date is in the future."))))
    else:
        checks.append(v.FieldError("consent", Message(N_(
            "the person must consent to the processing of their data before the intake is saved."))))
    return [c for c in checks if c is not None]


def facts(data: dict[str, Any]) -> eligibility.Facts:
    return eligibility.Facts(
        role=Role(data.get("role") or Role.MENTEE.value), birth_date=_date(data, "birth_date"),
        non_eu_background=data.get("non_eu_background"), permit_allows_work=data.get("permit_allows_work"),
        permit_end_date=_date(data, "permit_end_date"), weekly_hours=_int(data.get("weekly_hours")),
        employment_office_registered=data.get("employment_office_registered"),
        expected_start=_date(data, "expected_start"),
    )


def find_duplicates(session: Session, data: dict[str, Any], exclude_id: int | None = None) -> list[DuplicateInfo]:
    found = duplicates.find_candidates(session, data.get("first_name", ""), data.get("last_name", ""),
                                       _date(data, "birth_date"), data.get("email", ""), data.get("phone", ""),
                                       exclude_id=exclude_id)
    result = []
    for candidate in found:
        p = session.get(Participant, candidate.participant_id)
        if p is not None:
            result.append(DuplicateInfo(p.id, p.full_name, p.birth_date, candidate.reasons))
    return result


def review(session: Session, data: dict[str, Any], rules: eligibility.BranchRules, today: dt.date,
           participant_id: int | None = None, with_duplicates: bool = True) -> Review:
    result = Review()
    result.errors = field_errors(data, rules.country, today)
    result.warnings = eligibility.check(rules, facts(data), today)
    result.unresolved = eligibility.unresolved(result.warnings, data.get("overrides") or {})
    if with_duplicates:
        result.duplicates = find_duplicates(session, data, exclude_id=participant_id)
    return result


# Finishing ------------------------------------------------------------------------

def _apply(p: Participant, data: dict[str, Any], warnings: list[eligibility.EligibilityWarning],
           country: str = "") -> None:
    for name in _TEXT_FIELDS:
        value = data.get(name)
        setattr(p, name, value if isinstance(value, str) else ("" if value is None else str(value)))
    # single-line fields on one line, without control or invisible characters (names keep ZWNJ/ZWJ, which
    # Persian and Indic spellings need); names are otherwise never re-cased or changed
    for name in _SINGLE_LINE:
        setattr(p, name, clean_line(str(data.get(name) or ""), keep_joiners=name in ("first_name", "last_name")))
    p.postal_code = p.postal_code.upper()
    p.phone = validation.format_phone(p.phone, country) or p.phone  # "+32 470 12 34 56", as the import writes it
    p.name_prefix = name_prefix(p.last_name)
    p.search_name, p.phone_key = duplicates.stored_keys(p.first_name, p.last_name, p.phone)
    p.role = Role(data.get("role") or Role.MENTEE.value)
    p.gender = Gender(data.get("gender") or Gender.UNSPECIFIED.value)
    p.preferred_language = data.get("preferred_language") or "fr"
    p.birth_date = _date(data, "birth_date")
    p.weekly_hours_available = _int(data.get("weekly_hours"), 2) or 0
    p.max_mentees = max(1, _int(data.get("max_mentees"), 1) or 1)
    wanted = data.get("preferred_mentor_gender") or ""
    p.preferred_mentor_gender = Gender(wanted) if wanted in (Gender.FEMALE.value, Gender.MALE.value) else None
    p.preferred_mentor_languages = list(dict.fromkeys(
        c for c in data.get("preferred_mentor_languages") or [] if is_language(c)))
    sector = data.get("preferred_mentor_sector") or ""
    p.preferred_mentor_sector = sector if sector in SECTORS else ""
    p.arrival_year = _int(data.get("arrival_year"))
    p.non_eu_background = data.get("non_eu_background")
    p.permit_allows_work = data.get("permit_allows_work")
    p.permit_end_date = _date(data, "permit_end_date")
    p.employment_office_registered = data.get("employment_office_registered")
    p.employment_office_since = _date(data, "employment_office_since")
    p.consent_given = bool(data.get("consent_given"))
    p.consent_date = _date(data, "consent_date")
    p.consent_scope = [s for s in data.get("consent_scope") or [] if s in CONSENT_SCOPES]
    overrides = data.get("overrides") or {}
    p.eligibility_overrides = {w.rule: overrides[w.rule].strip() for w in warnings
                               if (overrides.get(w.rule) or "").strip()}
    levels = {}
    for code, level in data.get("languages") or []:
        if is_language(code):
            levels[code] = LanguageLevel(level)
    p.languages = [ParticipantLanguage(language=c, level=lv) for c, lv in levels.items()]
    p.sectors = [ParticipantSector(sector=s) for s in dict.fromkeys(data.get("sectors") or []) if s in SECTORS]
    slots = {(int(d), DayPart(part)) for d, part in data.get("availability") or [] if 0 <= int(d) <= 6}
    p.availability = [AvailabilitySlot(weekday=d, part=part) for d, part in sorted(slots)]
    if "esf_entry" in data:  # the questions asked at intake; a result kept (qualification_on) stays
        answers = {k: v for k, v in (data.get("esf_entry") or {}).items() if k in esf_entry.CHOICES}
        kept = {k: v for k, v in (p.esf_entry or {}).items() if k not in esf_entry.CHOICES}
        p.esf_entry = {**kept, **esf_entry.clean(answers)}


def finish_intake(session: Session, clock: Clock, data: dict[str, Any], branch_id: int,
                  coordinator_id: int | None = None, draft_id: int | None = None,
                  participant_id: int | None = None) -> int:
    """Create (or update) the participant from the form, move them to
    "intake done", delete the draft and record it in the audit trail, all in
    one transaction (the caller's). Refused with a RuleError (the caller
    rolls back: nothing saved) while a field is wrong or a broken eligibility
    rule has no recorded reason."""
    today = clock.today()
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise NotFound(branch_id)
    rules = eligibility.BranchRules.of(branch)
    errors = field_errors(data, rules.country, today)
    if errors:
        raise RuleError(Lines([e.text for e in errors]), "invalid")
    warnings = eligibility.check(rules, facts(data), today)
    missing = eligibility.unresolved(warnings, data.get("overrides") or {})
    if missing:
        raise RuleError(Lines([Message(N_("{rule}: give a reason to accept the person anyway."),
                                       rule=w.rule_message) for w in missing]), "eligibility")
    created = participant_id is None
    if created:
        p = Participant(branch_id=branch_id, coordinator_id=coordinator_id, status=ParticipantStatus.APPLICANT,
                        status_since=today, applied_on=today, first_name="", last_name="", role=Role.MENTEE)
        session.add(p)
    else:
        p = session.get(Participant, participant_id)
        if p is None:
            raise NotFound(participant_id)
        p.branch_id = branch_id
        if p.coordinator_id is None:
            p.coordinator_id = coordinator_id
        # replace the lists: remove the old rows first (unique per participant)
        p.languages.clear()
        p.sectors.clear()
        p.availability.clear()
        session.flush()
    _apply(p, data, warnings, rules.country)
    session.flush()
    if p.status in (ParticipantStatus.APPLICANT, ParticipantStatus.INFO_SESSION_ATTENDED):
        change_status(session, p, ParticipantStatus.INTAKE_DONE, today, coordinator_id=coordinator_id,
                      at=clock.now())
    if draft_id is not None:
        draft = session.get(IntakeDraft, draft_id)
        if draft is not None:
            session.delete(draft)
    audit.record(session, "intake", "participant", p.id, clock.now(), coordinator_id,
                 created=created, overrides=sorted(p.eligibility_overrides))
    return p.id
