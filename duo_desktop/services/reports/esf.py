"""The ESF+ common indicators for participants, per period.

Source: Regulation (EU) 2021/1057 of 24 June 2021 establishing the European
Social Fund Plus (OJ L 231, 30.6.2021, p. 21), Annex I, point 1 "Common
indicators for general support of the ESF+ strand under shared management"
(see resources/reports/esf_indicators.md for the names used and the choices
made). A participant is a mentee; they *enter* on the day their duo's
agreement is signed and *leave* on the day it ends. "Upon leaving" is read as
within four weeks of leaving (the Commission's guidance); "six months after
leaving" as on the day six calendar months after the end.

    indicators(session, period, branch_id, coordinator_id) -> {key: FigureResult}

Output indicators count the mentees who entered in the period; result
indicators the mentees who left in the period (the six-month one only those
whose six months are over on the day of the report). Answers "prefers not
to say" are counted in no indicator.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import Duo, DuoStage, Gender, Outcome, OutcomeKind, Participant
from ..dates import add_months, age_on
from ..locales import EU_MEMBER_STATES
from . import scope
from .period import Period
from .registry import FigureResult

NOTE = N_("Names as in Regulation (EU) 2021/1057, Annex I. Participants: mentees whose duo started in the period; "
           "results: mentees whose duo ended in the period.")
UPON_LEAVING = dt.timedelta(weeks=4)
#: the intake's education level (when the ISCED level was not asked): ISCED 2011 groups
ISCED_OF_EDUCATION = {"primary": "0-1", "lower_secondary": "2", "upper_secondary": "3-4", "vocational": "3-4",
                      "bachelor": "5-8", "master": "5-8", "doctorate": "5-8"}
SIX_MONTHS = 6

#: (key, official name in the Regulation's Annex I (English), group); the names are N_ msgids
INDICATORS: list[tuple[str, str, str]] = [
    ("participants", N_("Total number of participants"), N_("Participants at entry")),
    ("female", N_("Female"), N_("Participants at entry")),
    ("male", N_("Male"), N_("Participants at entry")),
    ("non_binary", N_("Non-binary"), N_("Participants at entry")),
    ("below_18", N_("Below 18 years of age"), N_("Participants at entry")),
    ("age_18_29", N_("Between 18 and 29 years of age"), N_("Participants at entry")),
    ("age_30_54", N_("Between 30 and 54 years of age"), N_("Participants at entry")),
    ("age_55_plus", N_("55 years of age and above"), N_("Participants at entry")),
    ("unemployed", N_("Unemployed, including long-term unemployed"), N_("Participants at entry")),
    ("long_term_unemployed", N_("Long-term unemployed"), N_("Participants at entry")),
    ("inactive", N_("Inactive"), N_("Participants at entry")),
    ("employed", N_("Employed, including self-employed"), N_("Participants at entry")),
    ("isced_0_2", N_("With lower secondary education or less (ISCED 0-2)"), N_("Participants at entry")),
    ("isced_3_4", N_("With upper secondary (ISCED 3) or post-secondary education (ISCED 4)"),
     N_("Participants at entry")),
    ("isced_5_8", N_("With tertiary education (ISCED 5 to 8)"), N_("Participants at entry")),
    ("third_country", N_("Third-country nationals"), N_("Participants at entry")),
    ("foreign_background", N_("Participants with a foreign background"), N_("Participants at entry")),
    ("disability", N_("Participants with disabilities"), N_("Participants at entry")),
    ("homeless", N_("Homeless or affected by housing exclusion"), N_("Participants at entry")),
    ("leavers", N_("Participants who left"), N_("Results")),
    ("education_upon_leaving", N_("Participants in education or training upon leaving"), N_("Results")),
    ("qualification_upon_leaving", N_("Participants gaining a qualification upon leaving"), N_("Results")),
    ("employment_upon_leaving", N_("Participants in employment, including self-employment, upon leaving"),
     N_("Results")),
    ("employment_six_months_base", N_("Participants who left at least six months ago"), N_("Results")),
    ("employment_six_months", N_("Participants in employment, including self-employment, six months after "
                                 "leaving"), N_("Results")),
]


ENTRY_COLUMNS = (Participant.id, Participant.gender, Participant.birth_date, Participant.esf_entry,
                 Participant.employment_office_registered, Participant.employment_office_since,
                 Participant.nationality, Participant.non_eu_background, Participant.education_level)


def _labour(entry: dict, person: Participant, entry_day: dt.date) -> str | None:
    """The answer given, else what the registration with the employment office
    says: registered = unemployed; long-term when registered for more than 12
    months (6 months under 25) on the day of entry (Eurostat's definition)."""
    status = entry.get("labour_status")
    if status:
        return None if status == "refused" else status
    if not person.employment_office_registered:
        return None
    since = person.employment_office_since
    if since is not None and person.birth_date is not None:
        months = 6 if age_on(person.birth_date, entry_day) < 25 else 12
        if add_months(since, months) < entry_day:
            return "long_term_unemployed"
    return "unemployed"


def _yes(entry: dict, key: str, fallback: bool | None = None) -> bool:
    answer = entry.get(key)
    if answer is None:
        return bool(fallback)
    return answer == "yes"


def _entry_flags(person: Participant, entry_day: dt.date) -> set[str]:
    entry = person.esf_entry or {}
    flags = {"participants"}
    flags |= {Gender.FEMALE: {"female"}, Gender.MALE: {"male"}, Gender.OTHER: {"non_binary"}}.get(person.gender, set())
    if person.birth_date is not None:
        age = age_on(person.birth_date, entry_day)
        flags.add("below_18" if age < 18 else "age_18_29" if age < 30 else "age_30_54" if age < 55 else "age_55_plus")
    labour = _labour(entry, person, entry_day)
    if labour in ("unemployed", "long_term_unemployed"):
        flags.add("unemployed")
    if labour in ("long_term_unemployed", "inactive", "employed"):
        flags.add(labour)
    isced = entry.get("isced") or ISCED_OF_EDUCATION.get(person.education_level or "", "")
    flags |= {"0-1": {"isced_0_2"}, "2": {"isced_0_2"}, "3-4": {"isced_3_4"},
              "5-8": {"isced_5_8"}}.get(isced, set())
    nationality = (person.nationality or "").upper()
    if _yes(entry, "third_country", bool(nationality) and nationality not in EU_MEMBER_STATES):
        flags.add("third_country")
    if _yes(entry, "foreign_background", person.non_eu_background):
        flags.add("foreign_background")
    for key in ("disability", "homeless"):
        if _yes(entry, key):
            flags.add(key)
    return flags


def indicators(session: Session, period: Period, branch_id: int | None,
               coordinator_id: int | None) -> dict[str, FigureResult]:
    """Every indicator of :data:`INDICATORS` with the mentees behind it."""
    ids: dict[str, set[int]] = defaultdict(set)
    entered = scope.duos(select(*ENTRY_COLUMNS, Duo.agreement_signed_on).join(Duo, Duo.mentee_id == Participant.id)
                         .where(Duo.stage.in_((DuoStage.ACTIVE, DuoStage.ENDED)),
                                Duo.agreement_signed_on.between(period.start, period.end)), branch_id, coordinator_id)
    for person in session.connection().execute(entered):  # rows with the attributes _entry_flags reads, not whole records
        for flag in _entry_flags(person, person.agreement_signed_on):
            ids[flag].add(person.id)
    _results(session, period, branch_id, coordinator_id, ids)
    out = {}
    for key, _name, _group in INDICATORS:
        if key == "employment_six_months":
            out[key] = FigureResult.rate(ids[key], ids["employment_six_months_base"])
        else:
            out[key] = FigureResult.counted(ids[key])
    return out


def _results(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None,
             ids: dict[str, set[int]]) -> None:
    left = scope.duos(select(Duo.id, Duo.mentee_id, Duo.agreement_signed_on, Duo.ended_on, Participant.esf_entry)
                      .join(Participant, Participant.id == Duo.mentee_id)
                      .where(Duo.stage == DuoStage.ENDED, Duo.ended_on.between(period.start, period.end)),
                      branch_id, coordinator_id)
    rows = session.connection().execute(left).all()
    outcomes: dict[int, list[tuple[OutcomeKind, dt.date]]] = defaultdict(list)
    ended = scope.duos(select(Duo.id).where(Duo.stage == DuoStage.ENDED,
                                            Duo.ended_on.between(period.start, period.end)), branch_id, coordinator_id)
    for duo_id, kind, started, learnt in session.connection().execute(
            select(Outcome.duo_id, Outcome.kind, Outcome.outcome_date, Outcome.learnt_on)
            .where(Outcome.duo_id.in_(ended.scalar_subquery()))):
        outcomes[duo_id].append((OutcomeKind(kind), started or learnt))
    for duo_id, mentee_id, entered_on, ended_on, entry in rows:
        ids["leavers"].add(mentee_id)
        soon = ended_on + UPON_LEAVING
        known = outcomes.get(duo_id, [])
        if any(k in (OutcomeKind.TRAINING, OutcomeKind.STUDIES) and day <= soon for k, day in known):
            ids["education_upon_leaving"].add(mentee_id)
        if any(k is OutcomeKind.JOB and day <= soon for k, day in known):
            ids["employment_upon_leaving"].add(mentee_id)
        qualified = (entry or {}).get("qualification_on")
        if qualified and (entered_on or ended_on) <= dt.date.fromisoformat(qualified) <= soon:
            ids["qualification_upon_leaving"].add(mentee_id)
        six = add_months(ended_on, SIX_MONTHS)
        if six <= period.today:
            ids["employment_six_months_base"].add(mentee_id)
            if any(k is OutcomeKind.JOB and day <= six for k, day in known):
                ids["employment_six_months"].add(mentee_id)
