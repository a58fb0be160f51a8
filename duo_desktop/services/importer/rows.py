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
from ..text import fold
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
    problems: list[Problem] = field(default_factory=list)
    existing_id: int | None = None  # already registered: not imported again

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


def _parse_language(item: str) -> tuple[str | None, LanguageLevel | None, bool]:
    """(code, level, level_ok) of "ar:native", "Arabe (maternelle)", "fr - B2", "nl"."""
    match = re.match(r"^(.*?)\s*(?:[:=(\-–]\s*(.*?)\)?)?$", item)
    name, level_text = (match.group(1), match.group(2) or "") if match else (item, "")
    code = _lookup("languages").get(fold(name)) or language_by_name(name)  # any ISO 639 language CLDR names
    if not level_text:
        return code, LanguageLevel.INTERMEDIATE, True
    level = _word_lookup(_LEVEL_WORDS, level_text)
    return code, level, level is not None


def parse_row(source: SourceRow, mapping: dict[int, str], country: str, today: dt.date) -> RowResult:
    values: dict[str, str] = {}
    for index, column in mapping.items():
        values[column] = source.values[index] if index < len(source.values) else ""
    result = RowResult(source)
    data = result.data
    add = result.problems.append

    for column in ("first_name", "last_name"):
        data[column] = values.get(column, "")  # as typed: never altered
        if not data[column].strip():
            add(problem(source, column, N_("required.")))

    role_text = values.get("role", "").strip()
    role = _word_lookup(_ROLE_WORDS, role_text)
    if role is None:
        for lang in UI_LANGUAGES:
            translator = Translator(lang)
            for candidate in Role:
                from ..labels import label
                if fold(label(candidate, translator)) == fold(role_text):
                    role = candidate
    if not role_text:
        add(problem(source, "role", N_("required.")))
    elif role is None:
        add(problem(source, "role", N_("“{value}” is neither mentor nor mentee."), value=role_text))
    data["role"] = role.value if role else ""

    birth_text = values.get("birth_date", "")
    error = validation.check_birth_date(birth_text, today, required=True)
    if error:
        add(problem(source, "birth_date", error.problem))
    else:
        data["birth_date"] = validation.parse_date(birth_text)

    gender = _word_lookup(_GENDER_WORDS, values.get("gender", ""))
    if gender is None:
        add(problem(source, "gender", N_("“{value}” is not a gender this form knows (f, m, x)."),
                    value=values.get("gender", "")))
    data["gender"] = (gender or Gender.UNSPECIFIED).value

    data["email"] = values.get("email", "").strip()
    data["phone"] = values.get("phone", "").strip()
    for check in (validation.check_email(data["email"]), validation.check_phone(data["phone"]),
                  validation.check_postal_code(values.get("postal_code", ""), country)):
        if check:
            add(problem(source, check.field, check.problem))
    if not data["email"] and not data["phone"]:
        add(problem(source, "phone", N_("give an email address or a phone number.")))
    data["street"] = values.get("street", "").strip()
    data["postal_code"] = values.get("postal_code", "").strip().upper()
    data["municipality"] = values.get("municipality", "").strip()

    languages: dict[str, str] = {}
    for item in _split(values.get("languages", "")):
        code, level, level_ok = _parse_language(item)
        if code is None:
            add(problem(source, "languages", N_("unknown language “{value}”."), value=item))
        elif not level_ok:
            add(problem(source, "languages", N_("unknown level in “{value}” (basic, intermediate, fluent, native or "
                                                "A1 to C2)."), value=item))
        else:
            languages[code] = level.value
    data["languages"] = [[c, lv] for c, lv in languages.items()]

    sectors: list[str] = []
    for item in _split(values.get("sectors", "")):
        code = _lookup("sectors").get(fold(item))
        if code is None:
            add(problem(source, "sectors", N_("unknown sector “{value}”."), value=item))
        elif code not in sectors:
            sectors.append(code)
    data["sectors"] = sectors

    applied_text = values.get("applied_on", "").strip()
    applied_date_text = applied_text.split(" ")[0].split("T")[0] if applied_text else ""
    error = validation.check_date("applied_on", applied_date_text)
    if error:
        add(problem(source, "applied_on", error.problem))
        data["applied_on"] = today
    else:
        data["applied_on"] = validation.parse_date(applied_date_text) or today

    referral = values.get("referral_source", "").strip()
    data["referral_source"] = _lookup("referral").get(fold(referral), referral)[:60]
    data["professional_project"] = values.get("professional_project", "")
    data["notes"] = values.get("notes", "")
    data["branch"] = values.get("branch", "").strip()
    return result
