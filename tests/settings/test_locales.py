"""Languages and countries come from CLDR, searchable in fr, nl and en (issue 10)."""

from __future__ import annotations

import pytest

from duo_desktop.services import locales


def _codes(text, lang):
    return [c.code for c in locales.search_languages(text, lang)]


def test_a_language_is_found_by_the_start_of_any_of_its_names():
    assert "ti" in _codes("tigr", "en")
    assert "ti" in _codes("TIGRINYA", "fr") and "ti" in _codes("tigrigna", "fr")
    assert [c.name for c in locales.search_languages("tigrigna", "fr")][0] == "tigrigna"
    assert {"zgh", "tzm"} <= set(_codes("tamazight", "nl"))
    assert _codes("roum", "fr")[0] == "ro" and _codes("ro", "en")[0] == "ro"
    assert "ur" in _codes("ourdou", "en") and "wo" in _codes("wol", "nl")
    assert _codes("", "en") == ["other"]  # "other (say which)" is always offered, last
    assert _codes("xyzzy", "fr") == ["other"]


def test_other_and_dari_have_names_in_each_language():
    assert locales.language_name("other", "nl") == "Andere (welke?)"
    assert locales.language_name("prs", "en") == "Dari"
    assert locales.is_language("prs") and locales.is_language("zgh") and not locales.is_language("xx")


def test_countries_are_iso_codes_with_cldr_names_and_third_countries_are_outside_the_eu():
    assert locales.country_name("ER", "fr") == "Érythrée"
    assert ("MA", "Marokko") in locales.countries("nl")
    assert all(len(code) == 2 for code, _ in locales.countries("en"))
    assert "EU" not in dict(locales.countries("en"))
    assert locales.is_third_country("MA") and locales.is_third_country("GB") and locales.is_third_country("ch")
    assert not locales.is_third_country("RO") and not locales.is_third_country("GR")
    assert len(locales.EU_MEMBER_STATES) == 27
    with pytest.raises(ValueError):
        locales.is_third_country("EL")


def test_the_importer_reads_any_language_by_its_name_in_fr_nl_or_en():
    from duo_desktop.services.importer.rows import _parse_language

    assert locales.language_by_name("Tigrigna") == "ti" and locales.language_by_name("wolof") == "wo"
    assert locales.language_by_name("Roemeens") == "ro" and locales.language_by_name("ur") == "ur"
    assert locales.language_by_name("Klingonish") is None
    assert _parse_language("Ourdou (maternelle)")[:2][0] == "ur"
    assert _parse_language("Amazighe de l’Atlas central")[0] == "tzm"
