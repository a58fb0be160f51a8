"""Spoken languages and countries from the locale data (Unicode CLDR, as
Babel ships it), not hand lists.

Languages are the ISO 639 codes CLDR names (about 650: Tamazight, Tigrinya,
Urdu, Romanian, Wolof...), plus Dari (``prs``, named from CLDR's ``fa_AF``)
and ``other`` ("other (say which)": the words go in a free-text field beside
it). Countries are the ISO 3166-1 alpha-2 codes CLDR names (not its regions
such as ``001`` nor the pseudo-codes ``EU``, ``ZZ``...).

    language_name(code, lang=None) -> str        name in fr/nl/en (default: interface language)
    search_languages(text, lang=None, limit=20) -> list[LanguageChoice]
    is_language(code) -> bool
    language_by_name(text) -> code | None        exact name in fr/nl/en, or the code (the importer)
    country_name(code, lang=None) -> str
    countries(lang=None) -> list[tuple[code, name]]   sorted by name
    is_country(code) -> bool
    is_third_country(code) -> bool                  not a member state of the EU

A search matches the start of any word of a language's name in French,
Dutch or English, or its code, ignoring case and accents: "tigr" finds
Tigrinya, and so does "tigrigna" (its French name).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale

from ..i18n import FORMAT_LOCALES, N_, current
from ..text import fold

OTHER = "other"
OTHER_LABEL = N_("Other (say which)")
NAME_LANGUAGES = ("fr", "nl", "en")

# Member states of the European Union since 1 February 2020 (27), ISO 3166-1
# alpha-2 (Greece is GR here, not the EU's own "EL"). Source: "EU countries",
# https://european-union.europa.eu/principles-countries-history/eu-countries_en
EU_MEMBER_STATES = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
_EXTRA_LANGUAGES = {"prs": "fa_AF"}  # Dari: ISO 639-3 code, named by CLDR as Persian of Afghanistan


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    name: str  # in the language asked for


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(FORMAT_LOCALES.get(lang, lang))


@cache
def _language_names(lang: str) -> dict[str, str]:
    cldr = _locale(lang).languages
    names = {code: name for code, name in cldr.items() if "_" not in code}
    for code, variant in _EXTRA_LANGUAGES.items():
        names.setdefault(code, cldr.get(variant, code))
    return names


@cache
def _search_index() -> tuple[tuple[str, frozenset[str]], ...]:
    index: dict[str, set[str]] = {}
    for lang in NAME_LANGUAGES:
        for code, name in _language_names(lang).items():
            words = index.setdefault(code, {code})
            folded = fold(name)
            words.add(folded)
            words.update(folded.replace("(", " ").replace(")", " ").replace("-", " ").split())
    return tuple((code, frozenset(words)) for code, words in sorted(index.items()))


def _lang(lang: str | None) -> str:
    return lang or current().lang


def is_language(code: str) -> bool:
    return code == OTHER or code in _language_names("en")


@cache
def _exact_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for lang in NAME_LANGUAGES:
        for code, name in _language_names(lang).items():
            names.setdefault(fold(name), code)
    return names


#: Names applicants write that CLDR does not use for one language: Farsi is the endonym of Persian
#: (CLDR "Persian", "persan", "Perzisch"). Names shared by several languages (Berber, Tamazight) are not here.
_OTHER_NAMES = {"farsi": "fa", "parsi": "fa"}


def language_by_name(text: str) -> str | None:
    """The code of the language named ``text`` in French, Dutch or English
    (any case and accents), or given by its code; None when unknown."""
    key = fold(text)
    if key in _language_names("en"):
        return key
    return _exact_names().get(key) or _OTHER_NAMES.get(key)


def language_name(code: str, lang: str | None = None) -> str:
    """The language's name in ``lang`` (fr, nl, en; default the interface's),
    as CLDR writes it (French names are lower-case); the code when unknown."""
    if code == OTHER:
        return (current() if lang is None else _translator(lang)).gettext(OTHER_LABEL)
    return _language_names(_lang(lang)).get(code, code)


def _translator(lang: str):  # noqa: ANN202
    from ..i18n import Translator

    return current() if current().lang == lang else Translator(lang)


def search_languages(text: str, lang: str | None = None, limit: int = 20) -> list[LanguageChoice]:
    """Languages whose name in fr, nl or en (or whose code) has a word that
    starts with ``text``, best first (the code itself, then the languages
    participants speak most, then a name that starts with it, then a shorter
    name), named in ``lang``; "other (say which)" always comes last.
    An empty ``text`` gives no language, only "other"."""
    from .reference import LANGUAGES as COMMON  # the languages participants speak most, ranked first

    lang = _lang(lang)
    query = fold(text)
    found: list[tuple[tuple, str]] = []
    if query:
        names = _language_names(lang)
        for code, words in _search_index():
            if code == query or any(w.startswith(query) for w in words):
                name = names.get(code, code)
                rank = (code != query, code not in COMMON, not fold(name).startswith(query), len(name), fold(name))
                found.append((rank, code))
    found.sort()
    out = [LanguageChoice(code, language_name(code, lang)) for _, code in found[:limit]]
    return out + [LanguageChoice(OTHER, language_name(OTHER, lang))]


@cache
def _country_names(lang: str) -> dict[str, str]:
    return {code: name for code, name in _locale(lang).territories.items()
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES}


def is_country(code: str) -> bool:
    return code in _country_names("en")


def country_name(code: str, lang: str | None = None) -> str:
    return _country_names(_lang(lang)).get(code, code)


def countries(lang: str | None = None) -> list[tuple[str, str]]:
    """Every country as (ISO 3166-1 alpha-2 code, name in ``lang``), by name."""
    names = _country_names(_lang(lang))
    return sorted(names.items(), key=lambda item: fold(item[1]))


def is_third_country(code: str) -> bool:
    """True for a country outside the European Union (a "third country" in
    the ESF+ indicators: a national of it is a third-country national).
    Raises ValueError for a code that is not a country."""
    code = (code or "").upper()
    if not is_country(code):
        raise ValueError(f"not an ISO 3166-1 alpha-2 country code: {code!r}")
    return code not in EU_MEMBER_STATES
