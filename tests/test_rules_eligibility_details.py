"""What an eligibility warning tells the coordinator, word for word (the
rule's name, the person's value and the branch's limit), the permit checked
against the duo's calendar months (month ends, leap years), the branch's
settings read as they are, and a warning resolved only with a reason.
(The age limits at their edges are tested beside the age rules.)"""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop import i18n
from duo_desktop.models import Branch, Role
from duo_desktop.services import eligibility as e

TODAY = dt.date(2026, 3, 16)
OK_MENTEE = dict(role=Role.MENTEE, birth_date=dt.date(2000, 1, 1), non_eu_background=True,
                 permit_allows_work=True, permit_end_date=dt.date(2030, 1, 1), weekly_hours=2,
                 employment_office_registered=True)


def messages(facts: e.Facts, rules: e.BranchRules | None = None, today: dt.date = TODAY) -> dict[str, str]:
    return {w.rule: w.message for w in e.check(rules or e.BranchRules(), facts, today)}


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")


def test_each_warning_says_the_rule_the_value_and_the_limit():
    facts = e.Facts(role=Role.MENTEE, birth_date=dt.date(1990, 1, 1), non_eu_background=False,
                    permit_allows_work=False, permit_end_date=dt.date(2026, 6, 1), weekly_hours=1,
                    employment_office_registered=False)
    assert messages(facts) == {
        "mentee_age": "Mentee age: 36 years old; this branch takes mentees from 18 to 30.",
        "non_eu_background": "Non-EU migration background: this branch takes mentees with a migration background "
                             "from outside the European Union.",
        "work_permit": "Permit that allows work: the residence permit must allow work.",
        "permit_duration": "Permit valid for the whole duo: the permit ends on 1 June 2026, before the end of a duo "
                           "starting on 16 March 2026 (6 months).",
        "employment_office": "Registration with the employment office: this branch asks mentees to be registered "
                             "with the employment office.",
        "weekly_hours": "Weekly availability: available 1 h a week; the programme asks for 2 h.",
    }


def test_a_mentor_warning_gives_the_age_and_the_branch_minimum():
    facts = e.Facts(role=Role.MENTOR, birth_date=dt.date(1980, 1, 1), weekly_hours=3)
    assert messages(facts, e.BranchRules(mentor_min_age=55, min_weekly_hours=4)) == {
        "mentor_age": "Mentor age: 46 years old; mentors are 55 or older.",
        "weekly_hours": "Weekly availability: available 3 h a week; the programme asks for 4 h.",
    }


def test_the_limits_in_the_message_are_the_branchs_own():
    facts = e.Facts(**{**OK_MENTEE, "birth_date": dt.date(2010, 1, 1)})
    rules = e.BranchRules(mentee_min_age=17, mentee_max_age=26)
    assert messages(facts, rules) == {
        "mentee_age": "Mentee age: 16 years old; this branch takes mentees from 17 to 26."}


@pytest.mark.parametrize("start,months,last_ok", [
    (dt.date(2026, 3, 31), 6, dt.date(2026, 9, 30)),  # no 31 September: the month's last day
    (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),  # a leap February
    (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
    (dt.date(2026, 1, 30), 1, dt.date(2026, 2, 28)),
    (dt.date(2026, 11, 15), 2, dt.date(2027, 1, 15)),  # over the year's end
    (dt.date(2026, 12, 1), 13, dt.date(2028, 1, 1)),
    (dt.date(2026, 5, 10), 6, dt.date(2026, 11, 10)),
])
def test_the_permit_must_reach_the_duos_last_day_in_calendar_months(start, months, last_ok):
    rules = e.BranchRules(duo_months=months)

    def warned(end: dt.date) -> bool:
        facts = e.Facts(**{**OK_MENTEE, "permit_end_date": end, "expected_start": start})
        return "permit_duration" in messages(facts, rules)

    assert not warned(last_ok)
    assert warned(last_ok - dt.timedelta(days=1))


def test_without_an_expected_start_the_duo_starts_today():
    facts = e.Facts(**{**OK_MENTEE, "permit_end_date": dt.date(2026, 9, 15)})
    assert "permit_duration" in messages(facts)  # 16 March + 6 months = 16 September
    facts = e.Facts(**{**OK_MENTEE, "permit_end_date": dt.date(2026, 9, 16)})
    assert messages(facts) == {}


def test_unknown_answers_are_warned_but_an_unknown_permit_end_is_not():
    facts = e.Facts(role=Role.MENTEE)  # nothing asked yet
    assert set(messages(facts)) == {"non_eu_background", "work_permit", "employment_office"}


def test_a_warning_stays_until_the_coordinator_gives_a_reason():
    warnings = e.check(e.BranchRules(), e.Facts(**{**OK_MENTEE, "non_eu_background": None,
                                                   "employment_office_registered": False}), TODAY)
    assert [w.rule for w in warnings] == ["non_eu_background", "employment_office"]
    assert e.unresolved(warnings, {}) == warnings
    assert e.unresolved(warnings, {"employment_office": ""}) == warnings
    assert e.unresolved(warnings, {"employment_office": "registers next week"}) == warnings[:1]
    assert warnings[0].rule_name == "Non-EU migration background"


def test_the_rules_are_read_from_the_branch_settings():
    branch = Branch(code="X", name="DUO X", city="Gent", country="NL", employment_office="vdab",
                    mentee_min_age=19, mentee_max_age=29, mentor_min_age=52, require_non_eu_background=False,
                    require_work_permit=False, require_employment_office=False, min_weekly_hours=3, duo_months=9)
    assert e.BranchRules.of(branch) == e.BranchRules(
        mentee_min_age=19, mentee_max_age=29, mentor_min_age=52, require_non_eu_background=False,
        require_work_permit=False, require_employment_office=False, min_weekly_hours=3, duo_months=9,
        employment_office="vdab", country="NL")
