"""Checks shared by the settings services. Each returns a RuleError naming
the field (``field=``) or None, so that a service can collect every problem
of a form or a file before it changes anything."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ...i18n import N_
from ..errors import Message, RuleError

# Field labels, translated where the error is shown (the placeholder {label}).
LABELS: dict[str, str] = {
    "code": N_("Code"),
    "name": N_("Name"),
    "city": N_("City"),
    "country": N_("Country"),
    "employment_office": N_("Employment office"),
    "address": N_("Address"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "logo_path": N_("Logo"),
    "default_language": N_("Language of documents"),
    "mentee_min_age": N_("Youngest mentee age"),
    "mentee_max_age": N_("Oldest mentee age"),
    "mentor_min_age": N_("Youngest mentor age"),
    "duo_months": N_("Duo length in months"),
    "meetings_per_week": N_("Meetings per week"),
    "min_weekly_hours": N_("Hours per week"),
    "max_mentees_per_mentor": N_("Mentees per mentor at once"),
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "branch": N_("Branch"),
    "followup_months": N_("Follow-up schedule"),
    "language": N_("Language"),
    "letterhead": N_("Letterhead"),
    "extra_clauses": N_("Extra clauses"),
    "organisation": N_("Organisation"),
    "lock_minutes": N_("Lock after"),
    "retention_years": N_("Years kept after the last activity"),
}

# A pragmatic email check (something@domain.tld, no spaces), the intake's own
# (services/validation.py): a typo check, not RFC 5322.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def label(field: str) -> Message:
    return Message(LABELS.get(field, field))


def error(msgid: str, code: str, field: str, /, **params: Any) -> RuleError:
    """A RuleError about ``field``; its ``{label}`` placeholder is the field's name in the reader's language."""
    return RuleError(msgid, code, field=field, label=label(field), **params)


def text(values: dict[str, Any], field: str, default: str = "") -> str:
    value = values.get(field, default)
    return "" if value is None else str(value).strip()


def required(values: dict[str, Any], field: str) -> RuleError | None:
    if not text(values, field):
        return error(N_("{label}: this field is required."), "required", field)
    return None


def too_long(values: dict[str, Any], field: str, limit: int) -> RuleError | None:
    if len(text(values, field)) > limit:
        return error(N_("{label}: at most {limit} characters."), "too_long", field, limit=limit)
    return None


def bad_email(values: dict[str, Any], field: str = "email") -> RuleError | None:
    value = text(values, field)
    if value and not _EMAIL.match(value):
        return error(N_("{label}: “{value}” is not an email address."), "email", field, value=value)
    return None


def whole_number(values: dict[str, Any], field: str, low: int, high: int) -> tuple[int | None, RuleError | None]:
    """The value as an int within [low, high], or the error saying why not."""
    value = values.get(field)
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().lstrip("-").isdigit():
        return None, error(N_("{label}: give a whole number between {low} and {high}."), "number", field,
                           low=low, high=high)
    number = int(str(value).strip())
    if not low <= number <= high:
        return None, error(N_("{label}: give a whole number between {low} and {high}."), "range", field,
                           low=low, high=high)
    return number, None


def yes_no(values: dict[str, Any], field: str) -> tuple[bool | None, RuleError | None]:
    value = values.get(field)
    if isinstance(value, bool):
        return value, None
    return None, error(N_("{label}: answer yes or no."), "yes_no", field)


def unknown_fields(values: dict[str, Any], known: Iterable[str]) -> list[RuleError]:
    known = set(known)
    return [RuleError(N_("“{name}” is not a setting here."), "unknown_field", field=f, name=f)
            for f in values if f not in known]


def first(problems: list[RuleError]) -> None:
    """Raise the first problem, if any (a form shows it beside its field)."""
    if problems:
        raise problems[0]
