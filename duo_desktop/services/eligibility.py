"""Eligibility rules, read from the branch settings (never constants here).

A broken rule is a warning that names the rule; the coordinator may accept
the person anyway with a reason, recorded in
``Participant.eligibility_overrides = {rule_code: reason}``. Ages are computed
on the day given by the injected clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..i18n import N_, Translator, _
from ..models import Branch, Role
from .dates import add_months, age_on
from .errors import Message

#: Rule codes and their names (translated at display time).
RULES: dict[str, str] = {
    "mentee_age": N_("Mentee age"),
    "mentor_age": N_("Mentor age"),
    "non_eu_background": N_("Non-EU migration background"),
    "work_permit": N_("Permit that allows work"),
    "permit_duration": N_("Permit valid for the whole duo"),
    "weekly_hours": N_("Weekly availability"),
    "employment_office": N_("Registration with the employment office"),
}


@dataclass(frozen=True)
class BranchRules:
    """The eligibility settings of one branch, as plain values."""

    mentee_min_age: int = 18
    mentee_max_age: int = 30
    mentor_min_age: int = 50
    require_non_eu_background: bool = True
    require_work_permit: bool = True
    require_employment_office: bool = True
    min_weekly_hours: int = 2
    duo_months: int = 6
    employment_office: str = ""
    country: str = "BE"

    @classmethod
    def of(cls, branch: Branch) -> BranchRules:
        return cls(
            mentee_min_age=branch.mentee_min_age, mentee_max_age=branch.mentee_max_age,
            mentor_min_age=branch.mentor_min_age, require_non_eu_background=branch.require_non_eu_background,
            require_work_permit=branch.require_work_permit,
            require_employment_office=branch.require_employment_office,
            min_weekly_hours=branch.min_weekly_hours, duo_months=branch.duo_months,
            employment_office=branch.employment_office, country=branch.country,
        )


@dataclass(frozen=True)
class Facts:
    """What the intake knows about the person (None: not asked yet)."""

    role: Role
    birth_date: dt.date | None = None
    non_eu_background: bool | None = None
    permit_allows_work: bool | None = None
    permit_end_date: dt.date | None = None
    weekly_hours: int | None = None
    employment_office_registered: bool | None = None
    expected_start: dt.date | None = None


@dataclass(frozen=True)
class EligibilityWarning:
    """A broken rule: its code and a message naming it ("Mentee age: 31
    years old; ..."), rendered in the language of whoever shows it."""

    rule: str  # key of RULES
    text: Message

    @property
    def message(self) -> str:
        """The warning in the interface language."""
        return self.text.render()

    def render(self, translator: Translator | None = None) -> str:
        return self.text.render(translator)

    @property
    def rule_name(self) -> str:
        return _(RULES[self.rule])

    @property
    def rule_message(self) -> Message:
        return Message(RULES[self.rule])


def _warn(rule: str, detail: str, **params: object) -> EligibilityWarning:
    return EligibilityWarning(rule, Message(N_("{rule}: {detail}"), rule=Message(RULES[rule]),
                                            detail=Message(detail, **params)))


def check(rules: BranchRules, facts: Facts, today: dt.date) -> list[EligibilityWarning]:
    """Every rule of the branch that the person does not meet. The age
    limits are inclusive: with 18-30, a mentee is eligible from their 18th
    birthday to the day before their 31st; with 50, a mentor from their 50th
    birthday."""
    warnings: list[EligibilityWarning] = []
    if facts.birth_date is not None:
        age = age_on(facts.birth_date, today)
        if facts.role is Role.MENTEE and not rules.mentee_min_age <= age <= rules.mentee_max_age:
            warnings.append(_warn("mentee_age", N_(
                "{age} years old; this branch takes mentees from {low} to {high}."),
                age=age, low=rules.mentee_min_age, high=rules.mentee_max_age))
        if facts.role is Role.MENTOR and age < rules.mentor_min_age:
            warnings.append(_warn("mentor_age", N_(
                "{age} years old; mentors are {low} or older."), age=age, low=rules.mentor_min_age))
    if facts.role is Role.MENTEE:
        if rules.require_non_eu_background and facts.non_eu_background is not True:
            warnings.append(_warn("non_eu_background", N_(
                "this branch takes mentees with a migration background from outside the European Union.")))
        if rules.require_work_permit:
            if facts.permit_allows_work is not True:
                warnings.append(_warn("work_permit", N_("the residence permit must allow work.")))
            if facts.permit_end_date is not None:
                start = facts.expected_start or today
                needed = add_months(start, rules.duo_months)
                if facts.permit_end_date < needed:
                    warnings.append(_warn("permit_duration", N_(
                        "the permit ends on {end}, before the end of a duo starting on {start} ({months} months)."
                    ), end=facts.permit_end_date, start=start, months=rules.duo_months))
        if rules.require_employment_office and facts.employment_office_registered is not True:
            warnings.append(_warn("employment_office", N_(
                "this branch asks mentees to be registered with the employment office.")))
    if facts.weekly_hours is not None and facts.weekly_hours < rules.min_weekly_hours:
        warnings.append(_warn("weekly_hours", N_(
            "available {hours} h a week; the programme asks for {needed} h."),
            hours=facts.weekly_hours, needed=rules.min_weekly_hours))
    return warnings


def unresolved(warnings: list[EligibilityWarning], overrides: dict[str, str]) -> list[EligibilityWarning]:
    """The warnings the coordinator has not accepted with a reason."""
    return [w for w in warnings if not (overrides.get(w.rule) or "").strip()]
