"""Eligibility rules come from the branch settings; each broken rule is named."""

from __future__ import annotations

import pytest

import datetime as dt

from duo_desktop import i18n
from duo_desktop.models import Role
from duo_desktop.services import eligibility as e


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

TODAY = dt.date(2026, 3, 16)
OK_MENTEE = dict(role=Role.MENTEE, birth_date=dt.date(2000, 1, 1), non_eu_background=True,
                 permit_allows_work=True, permit_end_date=dt.date(2030, 1, 1), weekly_hours=2,
                 employment_office_registered=True)


def rules_of(warnings):
    return [w.rule for w in warnings]


def test_a_mentee_who_meets_every_rule_has_no_warning():
    assert e.check(e.BranchRules(), e.Facts(**OK_MENTEE), TODAY) == []


def test_age_range_comes_from_the_branch():
    facts = e.Facts(**{**OK_MENTEE, "birth_date": dt.date(1994, 3, 17)})  # 31 tomorrow... 32 today? no: 32-1
    assert e.age_on(dt.date(1994, 3, 17), TODAY) == 31
    assert rules_of(e.check(e.BranchRules(mentee_max_age=30), facts, TODAY)) == ["mentee_age"]
    assert e.check(e.BranchRules(mentee_max_age=33), facts, TODAY) == []


def test_age_uses_the_clock_day():
    facts = e.Facts(**{**OK_MENTEE, "birth_date": dt.date(2008, 3, 17)})  # 18 tomorrow
    assert rules_of(e.check(e.BranchRules(), facts, TODAY)) == ["mentee_age"]
    assert e.check(e.BranchRules(), facts, TODAY + dt.timedelta(days=1)) == []


def test_each_broken_rule_is_named_in_the_message():
    i18n.set_language("en")
    facts = e.Facts(role=Role.MENTEE, birth_date=dt.date(2000, 1, 1), non_eu_background=False,
                    permit_allows_work=False, permit_end_date=dt.date(2026, 6, 1), weekly_hours=1,
                    employment_office_registered=False)
    warnings = e.check(e.BranchRules(), facts, TODAY)
    assert rules_of(warnings) == ["non_eu_background", "work_permit", "permit_duration", "employment_office",
                                  "weekly_hours"]
    assert warnings[0].message.startswith("Non-EU migration background:")
    assert "Permit valid for the whole duo" in warnings[2].message and "2026" in warnings[2].message


def test_permit_must_last_the_duo_months_from_the_expected_start():
    facts = e.Facts(**{**OK_MENTEE, "permit_end_date": dt.date(2026, 10, 1), "expected_start": dt.date(2026, 4, 1)})
    assert e.check(e.BranchRules(), facts, TODAY) == []
    later = e.Facts(**{**OK_MENTEE, "permit_end_date": dt.date(2026, 10, 1), "expected_start": dt.date(2026, 4, 2)})
    assert rules_of(e.check(e.BranchRules(), later, TODAY)) == ["permit_duration"]


def test_rules_that_a_branch_does_not_require_are_not_checked():
    facts = e.Facts(role=Role.MENTEE, birth_date=dt.date(2000, 1, 1), weekly_hours=2)
    relaxed = e.BranchRules(require_non_eu_background=False, require_work_permit=False,
                            require_employment_office=False)
    assert e.check(relaxed, facts, TODAY) == []


def test_mentor_must_be_old_enough_and_available():
    i18n.set_language("nl")
    young = e.Facts(role=Role.MENTOR, birth_date=dt.date(1980, 1, 1), weekly_hours=1)
    warnings = e.check(e.BranchRules(min_weekly_hours=2), young, TODAY)
    assert rules_of(warnings) == ["mentor_age", "weekly_hours"]
    assert warnings[0].message.startswith("Leeftijd mentor")


def test_overrides_with_a_reason_resolve_warnings():
    facts = e.Facts(**{**OK_MENTEE, "non_eu_background": False})
    warnings = e.check(e.BranchRules(), facts, TODAY)
    assert e.unresolved(warnings, {"non_eu_background": "  "}) == warnings
    assert e.unresolved(warnings, {"non_eu_background": "Refugee status, approved by the board"}) == []


def _on_birthday(born: dt.date, years: int) -> dt.date:
    return born.replace(year=born.year + years)


def test_age_limits_are_inclusive_at_both_ends_for_mentees():
    """Defaults 18-30: eligible from the 18th birthday up to the day before
    the 31st; a 30-year-old is still a mentee."""
    born = dt.date(1995, 6, 15)
    facts = e.Facts(**{**OK_MENTEE, "birth_date": born})
    rules = e.BranchRules()
    assert (rules.mentee_min_age, rules.mentee_max_age) == (18, 30)
    turns_31 = _on_birthday(born, 31)
    assert e.check(rules, facts, turns_31 - dt.timedelta(days=1)) == []  # 30 years and 364 days
    assert rules_of(e.check(rules, facts, turns_31)) == ["mentee_age"]
    assert e.check(rules, facts, _on_birthday(born, 30)) == []  # the 30th birthday
    turns_18 = _on_birthday(born, 18)
    assert rules_of(e.check(rules, facts, turns_18 - dt.timedelta(days=1))) == ["mentee_age"]
    assert e.check(rules, facts, turns_18) == []


def test_a_mentor_is_eligible_from_their_50th_birthday():
    born = dt.date(1976, 3, 16)
    facts = e.Facts(role=Role.MENTOR, birth_date=born, weekly_hours=2)
    rules = e.BranchRules()
    assert rules.mentor_min_age == 50
    turns_50 = _on_birthday(born, 50)
    assert rules_of(e.check(rules, facts, turns_50 - dt.timedelta(days=1))) == ["mentor_age"]
    assert e.check(rules, facts, turns_50) == []
    assert e.check(rules, facts, turns_50 + dt.timedelta(days=1)) == []
    assert e.check(rules, facts, _on_birthday(born, 80)) == []  # no upper limit
