"""Where Belgian and Netherlands or France usage differ, the branch's country
chooses (issue 17): nl_NL and fr_FR hold only the differing strings and fall
back to the common nl and fr catalogs."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.messages.pofile import read_po

from duo_desktop import i18n
from duo_desktop.i18n import REGIONAL_CATALOGS, SOURCE_DIR, Translator
from duo_desktop.models import Gender, LanguageLevel
from duo_desktop.services.documents import render_agreement
from duo_desktop.tools.catalog_lint import lint
from tests import factories
from tests.documents.helpers import awaiting_duo, pdf_text


@pytest.mark.parametrize(("lang", "region", "msgid", "text"), [
    ("nl", "NL", "Morning", "Ochtend"),          # the regional word
    ("nl", "BE", "Morning", "Voormiddag"),       # Belgium keeps the common catalog
    ("nl", None, "Morning", "Voormiddag"),
    ("nl", "NL", "Participants", "Deelnemers"),  # not in nl_NL: falls back to nl
    ("fr", "FR", "Hotels and restaurants", "Hôtellerie et restauration"),
    ("fr", "BE", "Hotels and restaurants", "Horeca"),
    ("fr", "FR", "Participants", "Participants"),
    ("fr", "NL", "Morning", "Matin"),            # no fr_NL: the common catalog
])
def test_the_branchs_country_chooses_the_variant(lang, region, msgid, text):
    assert Translator(lang, region=region).gettext(msgid) == text


def test_contexts_and_plurals_fall_back_too():
    nl = Translator("nl", region="NL")
    assert nl.pgettext("end reason", "Other") == "Andere reden"
    assert nl.ngettext("{count} participant", "{count} participants", 2).format(count=2) == "2 deelnemers"


def test_the_interface_follows_the_region_it_is_given():
    i18n.set_language("nl", region="NL")
    try:
        assert i18n._("Afternoon") == "Middag"
        i18n.set_language("nl", region="BE")
        assert i18n._("Afternoon") == "Namiddag"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("code", REGIONAL_CATALOGS)
def test_a_regional_catalog_holds_only_known_translated_messages(code):
    lang = code.split("_")[0]
    with (SOURCE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        common = read_po(fh, locale=lang)
    with (SOURCE_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        regional = read_po(fh, locale=code)
    ids = [m for m in regional if m.id]
    assert ids, "an empty regional catalog"
    for message in ids:
        base = common.get(message.id, context=message.context)
        assert base is not None, f"{message.id!r} is not a message of the common {lang} catalog"
        assert message.string and message.string != base.string, f"{message.id!r} does not differ"
        assert lint(lang, message.id, message.string) == []


def test_a_dutch_branchs_agreement_uses_netherlands_words(store):
    now = dt.datetime(2026, 3, 16, 10)
    with store.transaction() as s:
        b = factories.branch(s, code="RTM", city="Rotterdam", country="NL", office="uwv")
        duo = awaiting_duo(s, now, branch=b, mentee_langs={"nl": LanguageLevel.FLUENT},
                           mentor_langs={"nl": LanguageLevel.NATIVE}, mentee_reads="nl", mentor_reads="nl")
        duo.mentee.gender = Gender.FEMALE
        duo_id = duo.id
    with store.session() as s:
        text = pdf_text(render_agreement(s, duo_id, "nl", now.date()))
    assert "Opgemaakt in drievoud te Rotterdam" in text and "gelezen en goedgekeurd" not in text


def test_the_window_follows_the_country_of_the_working_coordinators_branch(qtbot, app_context):
    from duo_desktop.views.main_window import MainWindow

    with app_context.store.transaction() as s:
        be = factories.coordinator(s, factories.branch(s), "Sofie", "Peeters")
        nl = factories.coordinator(s, factories.branch(s, code="RTM", city="Rotterdam", country="NL", office="uwv"),
                                   "Anouk", "de Vries")
        ids = (be.id, nl.id)
    i18n.set_language("nl", region=None)
    try:
        window = MainWindow(app_context)
        qtbot.addWidget(window)
        combo = window.coordinator_combo
        combo.setCurrentIndex(combo.findData(ids[1]))
        assert i18n.current_region() == "NL" and i18n._("Morning") == "Ochtend"
        combo.setCurrentIndex(combo.findData(ids[0]))
        assert i18n.current_region() == "BE" and i18n._("Morning") == "Voormiddag"
        i18n.set_language("fr")  # a language switch keeps the branch's country
        assert i18n.current_region() == "BE"
    finally:
        i18n.set_language("en", region=None)


def test_matching_reasons_name_the_city_and_languages_as_french_writes_them():
    from duo_desktop.services.matching.explain import describe
    from duo_desktop.services.matching.reasons import Reason

    text = describe(Reason("no_mentor_language", {"languages": ["ti", "ar"], "city": "Antwerpen"}), Translator("fr"))
    assert text == "aucun mentor formé ne parle tigrigna ou arabe à Anvers"
