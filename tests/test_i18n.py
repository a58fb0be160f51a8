"""Catalogs are complete and each language really loads."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop import i18n
from duo_desktop.tools import catalogs


def test_catalogs_have_no_untranslated_or_fuzzy_string_and_matching_placeholders(tmp_path, monkeypatch):
    # extract from the code into a temporary template, so a string added to the
    # code without a translation fails here
    monkeypatch.setattr(catalogs, "POT", tmp_path / "messages.pot")
    catalogs.extract()
    assert catalogs.problems() == []


@pytest.mark.parametrize(("lang", "expected"), [("fr", "Participants"), ("nl", "Deelnemers"), ("en", "Participants")])
def test_each_language_loads_its_own_catalog(lang, expected):
    i18n.set_language(lang)
    assert i18n._("Participants") == expected
    assert i18n._("Withdrawn") == {"fr": "Désistement", "nl": "Afgehaakt", "en": "Withdrawn"}[lang]


def test_an_unknown_language_is_refused_not_silently_english():
    with pytest.raises(i18n.CatalogMissing):
        i18n.Translator("de")


@pytest.mark.parametrize(("lang", "text"), [("fr", "21 novembre 2026"), ("nl", "21 november 2026"),
                                            ("en", "21 November 2026")])
def test_dates_are_formatted_for_the_locale(lang, text):
    assert i18n.Translator(lang).format_date(dt.date(2026, 11, 21), "long") == text


def test_plural_forms_follow_the_language():
    fr = i18n.Translator("fr")
    assert fr.ngettext("{count} participant", "{count} participants", 0).format(count=0) == "0 participant"
    nl = i18n.Translator("nl")
    assert nl.ngettext("{count} participant", "{count} participants", 0).format(count=0) == "0 deelnemers"


def test_listeners_hear_a_language_change():
    heard = []
    remove = i18n.on_language_changed(heard.append)
    i18n.set_language("nl")
    remove()
    i18n.set_language("en")
    assert heard == ["nl"]
