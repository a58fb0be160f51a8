"""Field validation for the intake form and the import: each check returns a
:class:`FieldError` (a message that names the field, rendered in the language
of whoever shows it), or None when the value is fine.

Names are never altered: they are stored exactly as typed, in any script;
only an empty name is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import resources_dir
from ..i18n import N_, Translator, _
from . import geo
from .errors import Message

#: Field labels, translated at display time; every message names its field.
FIELDS: dict[str, str] = {
    "role": N_("Role"),
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "birth_date": N_("Birth date"),
    "gender": N_("Gender"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "street": N_("Street and number"),
    "postal_code": N_("Postal code"),
    "municipality": N_("Municipality"),
    "languages": N_("Languages"),
    "sectors": N_("Sectors of activity"),
    "availability": N_("Availability"),
    "weekly_hours": N_("Hours a week"),
    "permit_end_date": N_("Permit valid until"),
    "expected_start": N_("Expected start of the duo"),
    "employment_office_since": N_("Registered since"),
    "arrival_year": N_("Year of arrival"),
    "consent": N_("Consent"),
    "consent_date": N_("Consent date"),
    "consent_version": N_("Text version"),
    "applied_on": N_("Application date"),
    "branch": N_("Branch"),
    "referral_source": N_("How they heard of the programme"),
    "max_mentees": N_("Mentees at once"),
    "preferred_mentor_languages": N_("Languages the mentor should speak"),
}

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
_DATE_SHAPE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$|^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE_CHARS = re.compile(r"^\+?[\d\s./()-]+$")

# Digits after the national trunk prefix 0, per country: Belgium 8 (landline)
# or 9 (mobile), France and the Netherlands 9.
_NATIONAL_DIGITS = {"32": (8, 9), "33": (9,), "31": (9,)}


@dataclass(frozen=True)
class FieldError:
    """A wrong field: ``problem`` says what is wrong ("required."), ``text``
    names the field too ("Email: required."); both untranslated."""

    field: str  # key of FIELDS
    problem: Message

    @property
    def text(self) -> Message:
        return Message(N_("{field}: {problem}"), field=field_message(self.field), problem=self.problem)

    @property
    def message(self) -> str:
        """The whole message in the interface language."""
        return self.text.render()

    def render(self, translator: Translator | None = None) -> str:
        return self.text.render(translator)


def field_label(field: str) -> str:
    return _(FIELDS[field]) if field in FIELDS else field


def field_message(field: str) -> Message:
    """The field's label, untranslated (a column without a label: its key)."""
    return Message(FIELDS.get(field, field))


def _error(field: str, problem: str, **params: object) -> FieldError:
    return FieldError(field, Message(problem, **params))


class DateError(ValueError):
    """A date that cannot be read (wrong format) or does not exist."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind  # "format" or "impossible"


def parse_date(text: str) -> dt.date | None:
    """Read a date typed as 2001-04-23, 23/04/2001, 23-04-2001 or 23.04.2001.
    Empty text gives None; a wrong format or an impossible date (31/02)
    raises DateError."""
    text = (text or "").strip()
    if not text:
        return None
    match = _DATE_SHAPE.match(text)
    if not match:
        raise DateError("format")
    if match.group(1):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    else:
        day, month, year = int(match.group(4)), int(match.group(5)), int(match.group(6))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError("impossible") from None


_TIME_SHAPE = re.compile(r"^(\d{1,2})(?:[:h.](\d{2})?)?$", re.IGNORECASE)


def parse_datetime(text: str) -> dt.datetime | None:
    """Read a date and a time typed as ``26/11/2026 18:00`` (the date as
    :func:`parse_date` reads it, then the time as 18:00, 18h00, 18h or 18.00).
    Empty text gives None. Raises DateError: "format" (not a date),
    "time" (no time, or one that cannot be read), "impossible" (31/02, 25:00)."""
    text = (text or "").strip()
    if not text:
        return None
    parts = text.split()
    day = parse_date(parts[0])
    if len(parts) != 2:
        raise DateError("time")
    match = _TIME_SHAPE.match(parts[1])
    if not match:
        raise DateError("time")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise DateError("impossible")
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def format_input_datetime(value: dt.datetime | None) -> str:
    """The way a date and time are typed (day/month/year hours:minutes)."""
    return "" if value is None else f"{format_input_date(value.date())} {value.hour:02d}:{value.minute:02d}"


def format_input_date(value: dt.date | None) -> str:
    """The way dates are typed in the form (day/month/year)."""
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def check_date(field: str, text: str, required: bool = False) -> FieldError | None:
    try:
        value = parse_date(text)
    except DateError as exc:
        if exc.kind == "impossible":
            return _error(field, N_("this date does not exist ({value})."), value=text.strip())
        return _error(field, N_("write the date as day/month/year, for example 23/04/2001."))
    if value is None and required:
        return _error(field, N_("required."))
    if value is not None and not 1900 <= value.year <= 2100:
        return _error(field, N_("the year {year} cannot be right."), year=value.year)
    return None


def check_birth_date(text: str, today: dt.date, required: bool = True) -> FieldError | None:
    error = check_date("birth_date", text, required)
    if error:
        return error
    value = parse_date(text)
    if value is not None and value > today:
        return _error("birth_date", N_("the date is in the future."))
    if value is not None and (today.year - value.year) > 110:
        return _error("birth_date", N_("the person would be over 110 years old."))
    return None


def check_required(field: str, text: str) -> FieldError | None:
    return _error(field, N_("required.")) if not (text or "").strip() else None


def check_email(text: str) -> FieldError | None:
    text = (text or "").strip()
    if not text:
        return None
    if not _EMAIL.match(text) or ".." in text or text.startswith(".") or "@." in text:
        return _error("email", N_("“{value}” is not an email address."), value=text)
    return None


def phone_is_plausible(text: str) -> bool:
    """Belgian, French and Dutch numbers, national (0...) or international
    (+32, +33, +31, 0032...), and any other international number +NN (E.164:
    at most 15 digits)."""
    text = (text or "").strip()
    if not _PHONE_CHARS.match(text):
        return False
    digits = re.sub(r"\D", "", text)
    international = text.startswith("+") or digits.startswith("00")
    if international:
        if digits.startswith("00"):
            digits = digits[2:]
        for country, lengths in _NATIONAL_DIGITS.items():
            if digits.startswith(country):
                rest = digits[len(country):]
                if rest.startswith("0"):  # +32 (0)470...: the 0 is often written in brackets
                    rest = rest[1:]
                return len(rest) in lengths and not rest.startswith("0")
        return 8 <= len(digits) <= 15 and not digits.startswith("0")
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    national = digits[1:]
    return len(national) in (8, 9)


def check_phone(text: str) -> FieldError | None:
    text = (text or "").strip()
    if not text:
        return None
    if not phone_is_plausible(text):
        return _error("phone", N_("“{value}” is not a phone number (for example 0470 12 34 56 or +32 470 12 34 56)."),
                      value=text)
    return None


def check_phone_for(text: str, country: str) -> FieldError | None:
    """The intake's check, the import's reading: a number phonenumbers
    reads for the branch's ``country`` (470123456, 32476987654 as Excel
    leaves them) or a plausible number (see :func:`phone_is_plausible`) is
    accepted; anything else is an error on the phone field."""
    text = (text or "").strip()
    if not text or format_phone(text, country):
        return None
    return check_phone(text)


@lru_cache(maxsize=None)
def _postal_codes(country: str) -> frozenset[str]:
    """Codes of the national lists kept beside the places (resources/
    postal_codes/<country>.txt, one a line): codes the postal service
    issues that the list of places (services/geo) lacks."""
    path = resources_dir() / "postal_codes" / f"{country}.txt"
    if not path.exists():
        return frozenset()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


_POSTAL_SHAPES = {
    "BE": (re.compile(r"^(?:B-?)?(\d{4})$", re.I), N_("4 digits, for example 1000")),
    "FR": (re.compile(r"^(?:F-?)?(\d{5})$", re.I), N_("5 digits, for example 75011")),
    "NL": (re.compile(r"^(?:NL-?)?(\d{4}) ?([A-Z]{2})?$", re.I), N_("4 digits and 2 letters, for example 3011 AB")),
}


def postal_code_exists(text: str, country: str) -> bool:
    """Whether ``text`` has the country's shape and is an issued code: in the
    list of places (services/geo, GeoNames: every Dutch PC4 that exists) or
    in the national list (resources/postal_codes). True for a country
    without a list (not checked)."""
    shape = _POSTAL_SHAPES.get(country.upper())
    if shape is None:
        return True  # a country without a list: not checked
    match = shape[0].match((text or "").strip())
    if not match:
        return False
    number = match.group(1)
    if country.upper() == "NL" and match.lastindex == 2 and match.group(2) \
            and match.group(2).upper() in ("SA", "SD", "SS"):
        return False
    return geo.code_exists(country.upper(), number) or number in _postal_codes(country.upper())


def check_postal_code(text: str, country: str) -> FieldError | None:
    text = (text or "").strip()
    if not text:
        return None
    if postal_code_exists(text, country):
        return None
    shape = _POSTAL_SHAPES.get(country.upper())
    hint = Message(shape[1]) if shape else ""
    return _error("postal_code", N_("“{value}” does not exist in {country} ({hint})."),
                  value=text, country=country_message(country), hint=hint)


_COUNTRY_NAMES = {"BE": N_("Belgium"), "FR": N_("France"), "NL": N_("the Netherlands")}


def country_message(code: str) -> Message:
    """The country's name, untranslated (an unknown code: the code itself)."""
    return Message(_COUNTRY_NAMES.get(code.upper(), code))


def country_name(code: str) -> str:
    return country_message(code).render()


def check_whole_number(field: str, text: str, low: int, high: int) -> FieldError | None:
    text = (str(text) if text is not None else "").strip()
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        return _error(field, N_("enter a whole number from {low} to {high}."), low=low, high=high)
    return None


def _column_lengths() -> dict[str, int]:
    from ..models import Participant

    return {c.name: c.type.length for c in Participant.__table__.columns
            if getattr(c.type, "length", None) and c.name in FIELDS}


#: The longest text each single-line field takes, from the database columns (the screen's maxLength, the
#: import and the database agree: one number per field)
LIMITS: dict[str, int] = _column_lengths()


def check_length(field: str, text: str) -> FieldError | None:
    limit = LIMITS.get(field)
    if limit and len(text or "") > limit:
        return _error(field, N_("{count} characters, at most {limit}."), count=len(text), limit=limit)
    return None


def check_names(first_name: str, last_name: str) -> FieldError | None:
    """A name has at least one part: a person with one name (common in
    Eritrea, Ethiopia, Afghanistan, Indonesia) writes it in either field."""
    if not (first_name or "").strip() and not (last_name or "").strip():
        return _error("last_name", N_("required: a first name or a last name (one name is enough)."))
    return None


def format_phone(text: str, country: str) -> str | None:
    """``text`` parsed as a phone number of ``country`` (BE, FR, NL: the
    branch's) and written the international way ("+32 470 12 34 56"), or
    None when it is not a number. Accepts what Excel leaves of a number:
    the national number without its 0 (470123456) and the country code
    without its + (32476987654). Parsing and the numbering plans are
    Google's libphonenumber (phonenumbers)."""
    import phonenumbers

    text = (text or "").strip()
    if not text or not re.fullmatch(r"[+\d\s./()\-]+", text):
        return None
    try:
        number = phonenumbers.parse(text, (country or "BE").upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
