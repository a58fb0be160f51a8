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

Counted by the database: one aggregate query for the entrants, one for the
leavers (each rule written once as a SQL condition: entry_values,
entry_conditions, result_conditions; calendar arithmetic in sql.py for
SQLite and PostgreSQL). Inside ``registry.counts_only`` (the screen, the
exports) only the counts come back; otherwise (``report --json``, the
tests, the drill-down through :func:`indicator_ids`) the same query per
mentee gives the ids behind each indicator.

Output indicators count the mentees who entered in the period; result
indicators the mentees who left in the period (the six-month one only those
whose six months are over on the day of the report). Answers "prefers not
to say" are counted in no indicator.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, func, null, select, true, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import CTE, ColumnElement

from ...i18n import N_
from ...models import Duo, DuoStage, Gender, Outcome, OutcomeKind, Participant
from ..locales import EU_MEMBER_STATES
from . import scope, sql
from .esf_entry import REFUSED
from .period import Period
from .registry import FigureResult, ids_wanted, wants_ids

NOTE = N_("Names as in Regulation (EU) 2021/1057, Annex I. Participants: mentees whose duo started in the period; "
           "results: mentees whose duo ended in the period.")
UPON_LEAVING = dt.timedelta(weeks=4)
#: the intake's education level (when the ISCED level was not asked): ISCED 2011 groups
ISCED_OF_EDUCATION = {"primary": "0-1", "lower_secondary": "2", "upper_secondary": "3-4", "vocational": "3-4",
                      "bachelor": "5-8", "master": "5-8", "doctorate": "5-8"}
SIX_MONTHS = 6

#: (key, name in the Regulation's Annex I (English), group); the names are N_ msgids. Points 1.1 and 1.2
#: of Annex I as adopted on 24 June 2021 (resources/reports/esf_indicators.md says which names were read in
#: the text and which could not be); gender is the Annex's breakdown (women, men, non-binary persons)
INDICATORS: list[tuple[str, str, str]] = [
    ("participants", N_("Total number of participants"), N_("Participants at entry")),
    ("female", N_("Women"), N_("Participants at entry")),
    ("male", N_("Men"), N_("Participants at entry")),
    ("non_binary", N_("Non-binary persons"), N_("Participants at entry")),
    ("below_18", N_("Number of children below 18 years of age"), N_("Participants at entry")),
    ("age_18_29", N_("Young people between 18 and 29 years of age"), N_("Participants at entry")),
    ("age_30_54", N_("Between 30 and 54 years of age (not an Annex I indicator)"), N_("Participants at entry")),
    ("age_55_plus", N_("Number of participants of 55 years of age and above"), N_("Participants at entry")),
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


RATES = {"employment_six_months": "employment_six_months_base"}  # rate: its base


def _answer(key: str) -> ColumnElement:
    """The participant's answer ``key`` in ``esf_entry`` (NULL when not asked)."""
    return Participant.esf_entry[key].as_string()


def _yes(key: str, fallback: ColumnElement | None = None) -> ColumnElement:
    """The answer is "yes"; when it was not asked, ``fallback`` (a condition) decides."""
    answer = _answer(key)
    if fallback is None:
        return answer == "yes"
    return case((answer.is_(None), fallback), else_=(answer == "yes"))


def _labour(entry_day: ColumnElement) -> ColumnElement:
    """The labour-market status at entry: the answer given ("prefers not to
    say": none), else what the registration with the employment office says:
    registered = unemployed; long-term when registered for more than 12 months
    (6 months under 25) on the day of entry (Eurostat's definition)."""
    answer = _answer("labour_status")
    registered = Participant.employment_office_registered == true()
    since = Participant.employment_office_since
    # the age is computed once: the CASE picks the rule with a constant number of months
    # (a CASE on the age inside after_months computed it at each comparison)
    over = case((sql.age_on(Participant.birth_date, entry_day) < 25, sql.after_months(since, entry_day, 6)),
                else_=sql.after_months(since, entry_day, 12))
    long_term = since.is_not(None) & Participant.birth_date.is_not(None) & over
    registration = case((registered & long_term, "long_term_unemployed"), (registered, "unemployed"), else_=null())
    return func.nullif(func.coalesce(func.nullif(answer, ""), registration), REFUSED)


def entry_values(entry_day: ColumnElement) -> dict[str, ColumnElement]:
    """What the output indicators read of a participant entering on
    ``entry_day``, each computed once per entry: gender, age, labour-market
    status, ISCED group, and 1/0 (or NULL) for the yes/no characteristics."""
    nationality = func.upper(Participant.nationality)
    outside_eu = (nationality != "") & nationality.not_in(sorted(EU_MEMBER_STATES))

    def flag(condition: ColumnElement) -> ColumnElement:
        return case((condition, 1), else_=0)

    return {
        "gender": Participant.gender,
        "age": sql.age_on(Participant.birth_date, entry_day),
        "labour": _labour(entry_day),
        "isced": func.coalesce(func.nullif(_answer("isced"), ""),
                               case(ISCED_OF_EDUCATION, value=Participant.education_level, else_="")),
        "third_country": flag(_yes("third_country", outside_eu)),
        "foreign_background": flag(_yes("foreign_background", Participant.non_eu_background == true())),
        "disability": flag(_yes("disability")), "homeless": flag(_yes("homeless")),
    }


def entry_conditions(v) -> dict[str, ColumnElement]:  # noqa: ANN001
    """Each output indicator as a condition on the columns ``v`` of
    :func:`entry_values` (true: counted; false or NULL: not)."""
    labour, isced = v.labour, v.isced
    return {
        "participants": true(),
        "female": v.gender == Gender.FEMALE, "male": v.gender == Gender.MALE, "non_binary": v.gender == Gender.OTHER,
        "below_18": v.age < 18, "age_18_29": v.age.between(18, 29), "age_30_54": v.age.between(30, 54),
        "age_55_plus": v.age >= 55,
        "unemployed": labour.in_(("unemployed", "long_term_unemployed")),
        "long_term_unemployed": labour == "long_term_unemployed",
        "inactive": labour == "inactive", "employed": labour == "employed",
        "isced_0_2": isced.in_(("0-1", "2")), "isced_3_4": isced == "3-4", "isced_5_8": isced == "5-8",
        **{key: v[key] == 1 for key in ("third_country", "foreign_background", "disability", "homeless")},
    }


def _outcome(kinds: tuple[OutcomeKind, ...], by: ColumnElement) -> ColumnElement:
    """The duo has an outcome of ``kinds`` that started (or, without a start
    date, was learnt of) on a day meeting the condition ``by(day)``."""
    day = func.coalesce(Outcome.outcome_date, Outcome.learnt_on)
    return sql.any_row(Outcome.duo_id == Duo.id, Outcome.kind.in_(kinds), by(day))


def result_conditions(today: dt.date) -> dict[str, ColumnElement]:
    """Each result indicator as a condition on a duo ended in the period
    (its mentee is the participant who left)."""
    def soon(day):  # noqa: ANN001, ANN202  (within four weeks of leaving)
        return sql.days_between(Duo.ended_on, day) <= UPON_LEAVING.days

    qualified = sql.json_date(_answer("qualification_on"))
    six_over = Duo.ended_on <= sql.last_start_within(today, SIX_MONTHS)
    return {
        "leavers": true(),
        "education_upon_leaving": _outcome((OutcomeKind.TRAINING, OutcomeKind.STUDIES), soon),
        "qualification_upon_leaving": (qualified.is_not(None)
                                       & (sql.days_between(func.coalesce(Duo.agreement_signed_on, Duo.ended_on),
                                                           qualified) >= 0) & soon(qualified)),
        "employment_upon_leaving": _outcome((OutcomeKind.JOB,), soon),
        "employment_six_months_base": six_over,
        "employment_six_months": six_over & _outcome(
            (OutcomeKind.JOB,), lambda day: sql.within_months(Duo.ended_on, day, SIX_MONTHS)),
    }


def _entries(period: Period, branch_id: int | None, coordinator_id: int | None):  # noqa: ANN202
    """(rows, flags): one row per entry in the period (its mentee and what
    :func:`entry_values` reads of it, each computed once: a materialised CTE)
    and each output indicator as a 1/0 column over those rows."""
    rows = scope.duos(select(Duo.mentee_id.label("mentee_id"), *(e.label(k) for k, e in
                                                                  entry_values(Duo.agreement_signed_on).items()))
                      .join(Participant, Participant.id == Duo.mentee_id)
                      .where(Duo.stage.in_((DuoStage.ACTIVE, DuoStage.ENDED)),
                             Duo.agreement_signed_on.between(period.start, period.end)), branch_id, coordinator_id)
    v = rows.cte("esf_entry_rows").prefix_with("MATERIALIZED")
    return v, {k: case((c, 1), else_=0) for k, c in entry_conditions(v.c).items()}


def _leavers(period: Period, branch_id: int | None, coordinator_id: int | None):  # noqa: ANN202
    """(rows, flags): one row per duo ended in the period (its mentee and 1/0
    for each result indicator; a subquery: each flag is read once, by the
    GROUP BY mentee of :func:`_mentee_counts`)."""
    conditions = result_conditions(period.today)
    rows = scope.duos(select(Duo.mentee_id.label("mentee_id"), *(case((c, 1), else_=0).label(k)
                                                                  for k, c in conditions.items()))
                      .join(Participant, Participant.id == Duo.mentee_id)
                      .where(Duo.stage == DuoStage.ENDED, Duo.ended_on.between(period.start, period.end)),
                      branch_id, coordinator_id)
    v = rows.subquery("esf_leaver_rows")
    return v, {k: v.c[k] for k in conditions}


def _mentee_counts(session: Session, v, flags: dict[str, ColumnElement]) -> dict[str, int]:  # noqa: ANN001
    """Per key, the mentees with at least one row of ``v`` whose flag is 1
    (a mentee with several rows counts once, with what any of them says).
    ``v`` a materialised CTE (the entries): the mentees with one row are
    summed as they are and only those with several are grouped (a GROUP BY
    of every row cost as much as computing the rows); ``v`` a subquery (the
    leavers): one GROUP BY mentee (materialising cost more than the sort)."""
    grouped = select(*(func.max(f).label(k) for k, f in flags.items())).group_by(v.c.mentee_id)
    if isinstance(v, CTE):
        several = select(v.c.mentee_id).group_by(v.c.mentee_id).having(func.count() > 1)
        once = select(*(f.label(k) for k, f in flags.items())).where(v.c.mentee_id.not_in(several))
        per = union_all(once, grouped.where(v.c.mentee_id.in_(several))).subquery()
    else:
        per = grouped.subquery()
    counts = session.execute(select(*(func.coalesce(func.sum(per.c[k]), 0) for k in flags))).one()
    return dict(zip(flags, (int(n) for n in counts), strict=True))


def _mentee_ids(session: Session, v, flags: dict[str, ColumnElement]) -> dict[str, list[int]]:  # noqa: ANN001
    """Per key, the mentees (ascending) with at least one row of ``v`` whose flag is 1."""
    ids: dict[str, list[int]] = {k: [] for k in flags}
    query = select(v.c.mentee_id, *(func.max(f).label(k) for k, f in flags.items())).group_by(v.c.mentee_id)
    for mentee_id, *found in session.execute(query):
        for key, flag in zip(flags, found, strict=True):
            if flag:
                ids[key].append(mentee_id)
    return ids


def indicators(session: Session, period: Period, branch_id: int | None,
               coordinator_id: int | None) -> dict[str, FigureResult]:
    """Every indicator of :data:`INDICATORS`: counted in the database (one
    aggregate query for the entries, one for the leavers); with the mentees
    behind each unless inside ``registry.counts_only``."""
    out: dict[str, FigureResult] = {}
    for rows in (_entries, _leavers):
        v, flags = rows(period, branch_id, coordinator_id)
        if wants_ids():
            ids = _mentee_ids(session, v, flags)
            for key in flags:
                out[key] = (FigureResult.rate(ids[key], ids[RATES[key]]) if key in RATES
                            else FigureResult.counted(ids[key]))
            continue
        counted = _mentee_counts(session, v, flags)
        for key in flags:
            n = counted[key]
            if key in RATES:
                base = counted[RATES[key]]
                out[key] = FigureResult(n / base if base else None, None, None, n, base)
            else:
                out[key] = FigureResult(n, None, None, n, 0)
    return out


def indicator_ids(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None,
                  key: str) -> tuple[int, ...]:
    """The mentees behind the indicator ``key`` (the drill-down)."""
    with ids_wanted():
        return indicators(session, period, branch_id, coordinator_id)[key].ids or ()
