"""Translations (gettext catalogs managed with Babel) and locale formatting.

Import the functions explicitly: ``from duo_desktop.i18n import _, N_``.
Translate first, then format, with named placeholders::

    _("{count} duos need attention").format(count=n)

The interface language switches at run time: views register a listener with
``on_language_changed`` and retranslate themselves. Documents use their own
language, independent of the interface: ``Translator("nl")``.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from babel import Locale
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

LANGUAGES: tuple[str, ...] = ("fr", "nl", "en")
DEFAULT_LANGUAGE = "fr"
DOMAIN = "messages"
# Babel locales used for formatting: Belgian French and Dutch are the common case.
FORMAT_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}
# Where Belgian and French or Dutch usage differ, the branch's country chooses:
# these catalogs hold only the differing strings and fall back to the common
# one (fr, nl), which is written for Belgium, the programme's first country.
REGIONAL_CATALOGS: tuple[str, ...] = ("fr_FR", "nl_NL")

_PACKAGE_DIR = Path(__file__).resolve().parent
# compiled catalogs: built into the package by setup.py (wheel, bundle) or by
# `make` (`catalogs compile`) in a source tree; found through importlib.resources
COMPILED_DIR = Path(str(files(__package__) / "locale"))
# the .po sources translators edit (source tree and editable install only)
SOURCE_DIR = _PACKAGE_DIR.parent / "translations"


class CatalogMissing(RuntimeError):
    """A language's catalog cannot be found: never fall back silently."""


def regional_code(lang: str, region: str | None) -> str | None:
    """"nl_NL" for ("nl", "NL") when that catalog exists, else None."""
    code = f"{lang}_{(region or '').upper()}"
    return code if code in REGIONAL_CATALOGS else None


@lru_cache(maxsize=None)
def load_catalog(lang: str, region: str | None = None) -> gettext.NullTranslations:
    """The catalog of ``lang``; with a ``region`` (a branch's country, BE, FR,
    NL) that has its own catalog, that one first, falling back to the
    language's (gettext's fallback chain)."""
    if lang not in LANGUAGES:
        raise CatalogMissing(f"unsupported language: {lang!r}")
    code = regional_code(lang, region)
    if code is not None:
        regional = _read_catalog(code)
        regional.add_fallback(load_catalog(lang))
        return regional
    return _read_catalog(lang)


def _read_catalog(lang: str) -> gettext.NullTranslations:
    mo = COMPILED_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.exists():
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    po = SOURCE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.exists():  # running from a source tree before `make`: compile in memory
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    raise CatalogMissing(f"no catalog for {lang!r} in {COMPILED_DIR} or {SOURCE_DIR}")


class Contextual(str):
    """A message marked with ``NP_(context, message)``: the English text, with
    the msgctxt that tells its meaning apart (one English word for two things:
    "Education" the sector and the person's own). Translating it uses pgettext."""

    context: str

    def __new__(cls, context: str, message: str) -> Contextual:
        self = super().__new__(cls, message)
        self.context = context
        return self


class Translator:
    """Gettext functions and Babel formatting bound to one language."""

    def __init__(self, lang: str, catalog: gettext.NullTranslations | None = None,
                 region: str | None = None) -> None:
        self.lang = lang
        self.region = region.upper() if region else None
        self.catalog = catalog if catalog is not None else load_catalog(lang, self.region)
        regional = regional_code(lang, self.region)
        self.locale = Locale.parse(regional or FORMAT_LOCALES[lang])

    def gettext(self, message: str) -> str:
        if isinstance(message, Contextual):
            return self.catalog.pgettext(message.context, str(message))
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalog.pgettext(context, message)

    # Two ways to show a date in the app, one per kind (issue 17): "short" in tables and lists (the
    # language's short pattern with the whole year, 2/03/2026 in fr_BE) and "long" in sentences and
    # messages (2 mars 2026). "medium" is read as "long"; "full" (with the weekday) is for documents.
    def _date_pattern(self, format: str) -> str:
        if format == "short":
            return re.sub("y+", "y", self.locale.date_formats["short"].pattern)
        return "long" if format in ("medium", "long") else format

    def format_date(self, value: dt.date | None, format: str = "long") -> str:
        """``value`` the ``format`` way ("short" or "long"); "" for None."""
        if value is None:
            return ""
        return babel_dates.format_date(value, format=self._date_pattern(format), locale=self.locale)

    def format_datetime(self, value: dt.datetime | None, format: str = "long") -> str:
        """The date the ``format`` way and the time (14:00), joined as the language joins them."""
        if value is None:
            return ""
        kind = "short" if format == "short" else "long"
        join = str(self.locale.datetime_formats[kind]).replace("'", "")
        return join.format(self.format_time(value), self.format_date(value.date(), format))

    def format_time(self, value: dt.time | dt.datetime | None, format: str = "short") -> str:
        return "" if value is None else babel_dates.format_time(value, format=format, locale=self.locale)

    def format_number(self, value: float | int) -> str:
        return babel_numbers.format_decimal(value, locale=self.locale)

    def format_percent(self, value: float, format: str | None = None) -> str:
        return babel_numbers.format_percent(value, format=format, locale=self.locale)

    def format_list(self, items: Iterable[str], style: str = "standard") -> str:
        return babel_lists.format_list(list(items), style=style, locale=self.locale)

    def format_timedelta(self, value: dt.timedelta, **kwargs) -> str:
        return babel_dates.format_timedelta(value, locale=self.locale, **kwargs)

    def weekday_name(self, weekday: int, width: str = "wide") -> str:
        """0 = Monday."""
        return self.locale.days["format"][width][weekday]


# Until the application chooses a language, messages are shown as written
# (English, the source language); nothing is translated at import time.
_current = Translator("en", gettext.NullTranslations())
_listeners: list[Callable[[str], None]] = []


def current() -> Translator:
    return _current


def current_language() -> str:
    return _current.lang


def current_region() -> str | None:
    """The country (BE, FR, NL) whose usage the interface follows, or None."""
    return _current.region


_KEEP = "keep"


def set_language(lang: str, region: str | None = _KEEP) -> None:
    """Switch the interface language (and the country whose usage it follows:
    the working branch's, None for the common catalog; by default the one
    already followed) and tell every listener."""
    global _current
    region = _current.region if region == _KEEP else (region.upper() if region else None)
    if (lang == _current.lang and region == _current.region
            and not type(_current.catalog) is gettext.NullTranslations):
        return
    _current = Translator(lang, region=region)
    for listener in list(_listeners):
        listener(lang)


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Register a listener; returns a function that removes it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def _(message: str) -> str:
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with _()."""
    return message


def NP_(context: str, message: str) -> Contextual:  # noqa: N802 (gettext's name)
    """Mark a string with its msgctxt for extraction; translate it later with _()."""
    return Contextual(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current.pgettext(context, message)


def format_date(value: dt.date | None, format: str = "long") -> str:
    """A date in the interface language: "short" (tables) or "long" (sentences)."""
    return _current.format_date(value, format)


def format_datetime(value: dt.datetime | None, format: str = "long") -> str:
    """A date and time in the interface language: "short" (tables) or "long" (sentences)."""
    return _current.format_datetime(value, format)


def format_time(value: dt.time | dt.datetime | None) -> str:
    """A time in the interface language (14:00)."""
    return _current.format_time(value)


def format_number(value: float | int) -> str:
    return _current.format_number(value)


def format_percent(value: float, format: str | None = None) -> str:
    return _current.format_percent(value, format)


def format_list(items: Iterable[str], style: str = "standard") -> str:
    return _current.format_list(items, style)
