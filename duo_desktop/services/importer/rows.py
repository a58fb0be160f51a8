"""Reading one row of an export into the values of a participant, with
every problem named by row, line and field (untranslated: rendered by
whoever shows it)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ...i18n import LANGUAGES as UI_LANGUAGES
from ...i18n import N_, Translator
from ...models import Gender, LanguageLevel, Role
from .. import validation
from ..errors import Message
from ..locales import language_by_name
from ..reference import LANGUAGES, REFERRAL_SOURCES, SECTORS
from ...text import clean_line, fold
from . import fields
from .reader import SourceRow


@dataclass(frozen=True)
class Problem:
    """What is wrong in one row: ``text`` names the row, the line and the
    field, untranslated (the preview runs on a worker thread)."""

    row: int
    line: int
    field: str  # column key, "" for the whole row
    text: Message

    @property
    def message(self) -> str:
        """The problem in the interface language."""
        return self.text.render()

    def render(self, translator: Translator | None = None) -> str:
        return self.text.render(translator)


@dataclass
class RowResult:
    source: SourceRow
    data: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # the row is rejected
    warnings: list[Problem] = field(default_factory=list)  # imported all the same, these values left out
    existing_id: int | None = None  # already registered: not imported again
    unlevelled: list[str] = field(default_factory=list)  # languages given without a level (read as intermediate)

    @property
    def status(self) -> str:
        if self.problems:
            return "rejected"
        return "existing" if self.existing_id is not None else "ok"

    @property
    def name(self) -> str:
        return f"{self.data.get('first_name', '')} {self.data.get('last_name', '')}".strip()


def problem(source: SourceRow, column: str, text: str | Message, **params: object) -> Problem:
    """A problem of ``source``; ``text`` is a msgid (with ``params``) or a
    ready message, without the field's name (added here)."""
    detail = text if isinstance(text, Message) else Message(text, **params)
    if column:
        message = Message(N_("Row {row} (line {line}), {field}: {problem}"), row=source.number, line=source.line,
                          field=validation.field_message(column), problem=detail)
    else:
        message = Message(N_("Row {row} (line {line}): {problem}"), row=source.number, line=source.line,
                          problem=detail)
    return Problem(source.number, source.line, column, message)


_ROLE_WORDS = {
    Role.MENTEE: {"mentee", "mentees", "mentore", "mentoree", "mentore(e)", "filleul", "filleule", "jeune",
                  "young person", "jongere", "job seeker", "chercheur d'emploi", "werkzoekende"},
    Role.MENTOR: {"mentor", "mentors", "mentrice", "benevole", "vrijwilliger", "senior", "volunteer"},
}
_GENDER_WORDS = {
    Gender.FEMALE: {"f", "female", "woman", "femme", "vrouw", "v", "w"},
    Gender.MALE: {"m", "male", "man", "homme", "h"},
    Gender.OTHER: {"x", "other", "autre", "ander", "non-binary", "non binaire", "non-binair"},
    Gender.UNSPECIFIED: {"", "-", "unspecified", "non precise", "niet opgegeven", "prefer not to say"},
}
_LEVEL_WORDS = {
    LanguageLevel.BASIC: {"basic", "a1", "a2", "beginner", "debutant", "basis", "elementaire", "notions"},
    LanguageLevel.INTERMEDIATE: {"intermediate", "b1", "b2", "moyen", "intermediaire", "gemiddeld", "redelijk"},
    LanguageLevel.FLUENT: {"fluent", "c1", "c2", "courant", "vloeiend", "goed", "bon", "good"},
    LanguageLevel.NATIVE: {"native", "mother tongue", "maternelle", "langue maternelle", "moedertaal"},
}


def _names(table: dict[str, str]) -> dict[str, str]:
    """Folded code and label in every interface language -> code."""
    names: dict[str, str] = {}
    for lang in UI_LANGUAGES:
        translator = Translator(lang)
        for code, label in table.items():
            names[fold(translator.gettext(label))] = code
    for code in table:
        names[fold(code)] = code
    return names


_CACHE: dict[str, dict[str, str]] = {}


def _lookup(kind: str) -> dict[str, str]:
    if kind not in _CACHE:
        _CACHE[kind] = _names({"languages": LANGUAGES, "sectors": SECTORS, "referral": REFERRAL_SOURCES}[kind])
    return _CACHE[kind]


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,/\n|]+", text or "") if part.strip()]


def _word_lookup(words: dict, text: str):
    key = fold(text)
    for value, options in words.items():
        if key in {fold(o) for o in options} or (not key and "" in options):
            return value
    return None


_LANGUAGE_ITEM = re.compile(r"^(.*?)\s*(?:[:=(\-–]\s*(.*?)\)?)?$")


def _has_level(item: str) -> bool:
    match = _LANGUAGE_ITEM.match(item)
    return bool(match and match.group(2))


def _parse_language(item: str) -> tuple[str | None, LanguageLevel | None, bool]:
    """(code, level, level_ok) of "ar:native", "Arabe (maternelle)", "fr - B2", "nl"
    (without a level: intermediate)."""
    match = _LANGUAGE_ITEM.match(item)
    name, level_text = (match.group(1), match.group(2) or "") if match else (item, "")
    code = _lookup("languages").get(fold(name)) or language_by_name(name)  # any ISO 639 language CLDR names
    if not level_text:
        return code, LanguageLevel.INTERMEDIATE, True
    level = _word_lookup(_LEVEL_WORDS, level_text)
    return code, level, level is not None


_SINGLE_LINE = ("first_name", "last_name", "role", "birth_date", "gender", "email", "phone", "street",
                "postal_code", "municipality", "languages", "sectors", "applied_on", "branch", "referral_source")
_ENCODING_HINT = N_("its letters were lost to the file's encoding (“{value}”): in Excel, save the sheet as "
                    "“CSV UTF-8 (comma delimited)” and import that file.")


def _read_date(text: str, order: str) -> tuple[dt.date | None, Message | None]:
    try:
        return fields.read_date(text, order), None
    except validation.DateError as exc:
        if exc.kind == "impossible":
            return None, Message(N_("this date does not exist ({value})."), value=text.strip())
        return None, Message(N_("write the date as day/month/year, for example 23/04/2001."))


def parse_row(source: SourceRow, mapping: dict[int, str], country: str, today: dt.date,
              orders: dict[str, str] | None = None, foreign_lines: tuple[int, ...] = ()) -> RowResult:
    """One row checked: ``problems`` reject it (a required value missing or
    wrong), ``warnings`` do not (a bad value in an optional column is left
    out and named). ``orders``: column -> "dmy"/"mdy" (fields.date_order);
    ``foreign_lines``: lines of the file that were not in its encoding."""
    orders = orders or {}
    values: dict[str, str] = {}
    for index, column in mapping.items():
        raw = source.values[index] if index < len(source.values) else ""
        values[column] = validation_clean(raw) if column in _SINGLE_LINE else raw
    result = RowResult(source)
    data = result.data
    add = result.problems.append
    warn = result.warnings.append

    if source.line in foreign_lines:
        warn(problem(source, "", N_("this line is not in UTF-8 like the rest of the file; it was read as "
                                    "Windows-1252: check its names. In Excel, save the sheet as “CSV UTF-8 "
                                    "(comma delimited)” to avoid this.")))
    for column in ("first_name", "last_name"):
        data[column] = values.get(column, "")  # as typed, on one line; one name is enough
        if fields.lost_letters(data[column]):
            add(problem(source, column, _ENCODING_HINT, value=data[column]))
        error = validation.check_length(column, data[column])
        if error:
            add(problem(source, column, error.problem))
    error = validation.check_names(data["first_name"], data["last_name"])
    if error:
        add(problem(source, error.field, error.problem))

    role_text = values.get("role", "")
    role = _role(role_text)
    if not role_text:
        add(problem(source, "role", N_("required.")))
    elif role is None:
        add(problem(source, "role", N_("“{value}” is neither mentor nor mentee."), value=role_text))
    data["role"] = role.value if role else ""

    birth_text = values.get("birth_date", "")
    birth, error_message = _read_date(birth_text, orders.get("birth_date", "dmy"))
    if error_message is None and birth is not None:
        error = validation.check_birth_date(birth.isoformat(), today, required=True)
        error_message = error.problem if error else None
    if error_message is None and birth is None:
        error_message = Message(N_("required."))
    if error_message is not None:
        add(problem(source, "birth_date", error_message))
    else:
        data["birth_date"] = birth

    gender = _word_lookup(_GENDER_WORDS, values.get("gender", ""))
    if gender is None:
        warn(problem(source, "gender", N_("“{value}” is not a gender this form knows (f, m, x)."),
                     value=values.get("gender", "")))
    data["gender"] = (gender or Gender.UNSPECIFIED).value

    data["email"] = values.get("email", "")
    error = validation.check_email(data["email"]) or validation.check_length("email", data["email"])
    if error:
        add(problem(source, "email", error.problem))
    data["phone"] = _phone(source, values.get("phone", ""), country, bool(data["email"]) and not error, add, warn)
    if not data["email"] and not data["phone"] and not any(p.field == "phone" for p in result.problems):
        add(problem(source, "phone", N_("give an email address or a phone number.")))

    postal = values.get("postal_code", "").upper()
    error = validation.check_postal_code(postal, country)
    if error:
        warn(problem(source, "postal_code", error.problem))
    data["postal_code"] = postal[:validation.LIMITS["postal_code"]]
    for column in ("street", "municipality"):
        data[column] = values.get(column, "")[:validation.LIMITS[column]]

    languages: dict[str, str] = {}
    no_level: list[str] = []
    for item in _split(values.get("languages", "")):
        code, level, level_ok = _parse_language(item)
        if code is None:
            warn(problem(source, "languages", N_("unknown language “{value}”: left out, add it on the profile."),
                         value=item))
        elif not level_ok:
            warn(problem(source, "languages", N_("unknown level in “{value}” (basic, intermediate, fluent, native "
                                                 "or A1 to C2): read as intermediate."), value=item))
            languages[code] = LanguageLevel.INTERMEDIATE.value
        else:
            languages[code] = level.value
            if not _has_level(item):
                no_level.append(item)
    result.unlevelled = no_level  # said once for the file (services/importer/run.preview)
    data["languages"] = [[c, lv] for c, lv in languages.items()]

    sectors: list[str] = []
    for item in _split(values.get("sectors", "")):
        code = _lookup("sectors").get(fold(item))
        if code is None:
            warn(problem(source, "sectors", N_("unknown sector “{value}”: left out, add it on the profile."),
                         value=item))
        elif code not in sectors:
            sectors.append(code)
    data["sectors"] = sectors

    applied, error_message = _read_date(values.get("applied_on", ""), orders.get("applied_on", "dmy"))
    if error_message is not None:
        warn(problem(source, "applied_on", Message(N_("{problem} The day of the import is used."),
                                                   problem=error_message)))
    data["applied_on"] = applied or today

    referral = values.get("referral_source", "")
    data["referral_source"] = _lookup("referral").get(fold(referral), referral)[:60]
    data["professional_project"] = values.get("professional_project", "")
    data["notes"] = values.get("notes", "")
    data["branch"] = values.get("branch", "")
    return result


def validation_clean(text: str) -> str:
    return clean_line(text, keep_joiners=True)


def _role(text: str) -> Role | None:
    role = _word_lookup(_ROLE_WORDS, text)
    if role is None and text:
        from ..labels import label

        for lang in UI_LANGUAGES:
            translator = Translator(lang)
            for candidate in Role:
                if fold(label(candidate, translator)) == fold(text):
                    return candidate
    return role


def _phone(source: SourceRow, text: str, country: str, has_email: bool, add, warn) -> str:  # noqa: ANN001
    """The number written the international way for the branch's country;
    a number that cannot be read is a warning when the row has an email
    (the phone is left out), else it rejects the row."""
    if not text:
        return ""
    formatted = validation.format_phone(text, country)
    if formatted:
        return formatted
    if validation.phone_is_plausible(text):
        return text[:validation.LIMITS["phone"]]
    if re.search(r"\d[.,]\d+E\+?\d+$", text, re.I):
        message = Message(N_("“{value}” is a number Excel rounded: the digits are lost, ask for it again."),
                          value=text)
    else:
        message = validation.check_phone(text).problem
    (warn if has_email else add)(problem(source, "phone", message))
    return ""
