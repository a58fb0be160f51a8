"""The ESF+ indicators on the edges of their rules, each counted by hand:
the age reached on the day of entry, long-term unemployment of exactly 12
(or 6) months, "upon leaving" as four weeks (28 days) after the end, and
"six months after leaving" in calendar months (an end on 31 August: six
months later is 28 February). Run on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import Duo, DuoStage, Outcome, OutcomeKind, OutcomeMoment, Role
from duo_desktop.services.reports import Period, esf
from duo_desktop.services.reports.sql import last_start_within

from .. import factories as f

D = dt.date
#: entries on 31 August 2024, ends on 31 August 2024, computed on 28 February 2025
PERIOD = Period(D(2024, 8, 1), D(2024, 8, 31), as_of=D(2025, 2, 28))
ENTRY = D(2024, 8, 31)


def _mentee(s, b, mentor, key, people, *, signed=ENTRY, ended=None, outcomes=(), **kw):  # noqa: ANN001, ANN202
    person = f.participant(s, b, first=key, **kw)
    people[key] = person.id
    duo = Duo(branch_id=b.id, mentor_id=mentor.id, mentee_id=person.id, proposed_on=D(2024, 1, 1),
              agreement_signed_on=signed, ended_on=ended,
              stage=DuoStage.ENDED if ended else DuoStage.ACTIVE)
    s.add(duo)
    s.flush()
    for kind, started in outcomes:
        s.add(Outcome(duo_id=duo.id, kind=kind, moment=OutcomeMoment.AT_END, outcome_date=started,
                      learnt_on=started))
    return person


@pytest.fixture
def people(store_any):
    out: dict[str, int] = {}
    with store_any.transaction() as s:
        b = f.branch(s)
        m = lambda key, **kw: _mentee(s, b, f.participant(s, b, role=Role.MENTOR), key, out, **kw)  # noqa: E731
        m("turns_18", birth=D(2006, 8, 31))  # 18 on the day of entry
        m("still_17", birth=D(2006, 9, 1))
        m("turns_30", birth=D(1994, 8, 31))
        m("turns_55", birth=D(1969, 8, 31))
        # registered 12 months before entry: not yet long-term; a day more: long-term (aged 30 and over)
        m("twelve_months", birth=D(1990, 1, 1), employment_office_registered=True,
          employment_office_since=D(2023, 8, 31))
        m("twelve_and_a_day", birth=D(1990, 1, 1), employment_office_registered=True,
          employment_office_since=D(2023, 8, 30))
        m("young_over_six_months", birth=D(2001, 1, 1), employment_office_registered=True,
          employment_office_since=D(2024, 2, 29))  # under 25: 6 months; 29 Feb + 6 months = 29 Aug
        m("refused_status", birth=D(1990, 1, 1), employment_office_registered=True,
          esf_entry={"labour_status": "refused"})
        m("isced_from_intake", education_level="upper_secondary", esf_entry={"isced": "refused"})
        m("isced_vocational", education_level="vocational")
        m("eu_national", nationality="be")
        m("job_day_28", signed=D(2024, 3, 1), ended=ENTRY, outcomes=[(OutcomeKind.JOB, D(2024, 9, 28))])
        m("job_day_29", signed=D(2024, 3, 1), ended=ENTRY, outcomes=[(OutcomeKind.JOB, D(2024, 9, 29))])
        m("studies_day_28", signed=D(2024, 3, 1), ended=ENTRY, outcomes=[(OutcomeKind.STUDIES, D(2024, 9, 28))])
        m("job_28_february", signed=D(2024, 3, 1), ended=ENTRY, outcomes=[(OutcomeKind.JOB, D(2025, 2, 28))])
        m("job_1_march", signed=D(2024, 3, 1), ended=ENTRY, outcomes=[(OutcomeKind.JOB, D(2025, 3, 1))])
        m("qualified_before_entry", signed=D(2024, 3, 1), ended=ENTRY,
          esf_entry={"qualification_on": "2024-02-29"})
        m("qualified_day_28", signed=D(2024, 3, 1), ended=ENTRY, esf_entry={"qualification_on": "2024-09-28"})
    return out


def test_the_edges_of_each_rule(store_any, people):
    back = {v: k for k, v in people.items()}
    with store_any.session() as s:
        got = {k: {back[i] for i in r.ids} for k, r in esf.indicators(s, PERIOD, None, None).items()}
    entrants = {"turns_18", "still_17", "turns_30", "turns_55", "twelve_months", "twelve_and_a_day",
                "young_over_six_months", "refused_status", "isced_from_intake", "isced_vocational", "eu_national"}
    leavers = {"job_day_28", "job_day_29", "studies_day_28", "job_28_february", "job_1_march",
               "qualified_before_entry", "qualified_day_28"}
    assert got["participants"] == entrants
    assert got["below_18"] == {"still_17"}
    assert "turns_18" in got["age_18_29"] and "turns_30" in got["age_30_54"] and got["age_55_plus"] == {"turns_55"}
    assert got["long_term_unemployed"] == {"twelve_and_a_day", "young_over_six_months"}
    assert got["unemployed"] == {"twelve_months", "twelve_and_a_day", "young_over_six_months"}
    assert got["isced_3_4"] == {"isced_vocational"}  # "refused" is an answer: the intake's level is not used
    assert "eu_national" not in got["third_country"]
    assert got["leavers"] == leavers
    assert got["employment_upon_leaving"] == {"job_day_28"}
    assert got["education_upon_leaving"] == {"studies_day_28"}
    assert got["qualification_upon_leaving"] == {"qualified_day_28"}
    assert got["employment_six_months_base"] == leavers  # 31 August + 6 months = 28 February, the day of the report
    assert got["employment_six_months"] == {"job_day_28", "job_day_29", "job_28_february"}


def test_six_months_are_over_for_the_ends_up_to():
    assert last_start_within(D(2025, 2, 28), 6) == D(2024, 8, 31)
    assert last_start_within(D(2025, 3, 31), 6) == D(2024, 9, 30)
    assert last_start_within(D(2024, 2, 29), 12) == D(2023, 2, 28)
