"""Documents speak of people by their gender and name places in their own
language (issue 17; language review FRT-1, FRT-2, FRT-12, NLT-1, NLT-2,
NLT-11, FRT-15, EN-1, EN-2): a woman is "la mentorée", a man "le mentoré",
a person whose gender is not known "la personne mentorée"; Dutch says "het
duo"; Brussels is Bruxelles in French, Brussel in Dutch, Brussels in English."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import Gender, LanguageLevel
from duo_desktop.services.documents import render_agreement, render_charter
from duo_desktop.services.documents.choices import pick
from duo_desktop.services.place_names import city_name
from tests import factories
from tests.documents.helpers import awaiting_duo, pdf_text

NOW = dt.datetime(2026, 3, 16, 10)
TODAY = NOW.date()


def _duo(store, mentee_gender: Gender, mentor_gender: Gender = Gender.MALE, city: str = "Bruxelles",
         country: str = "BE", months: int = 6) -> int:
    with store.transaction() as s:
        b = factories.branch(s, city=city, country=country, address="Rue de la Loi 16", email="x@example.org",
                             duo_months=months)
        duo = awaiting_duo(s, NOW, branch=b, mentee_langs={"fr": LanguageLevel.FLUENT, "nl": LanguageLevel.FLUENT},
                           mentor_langs={"fr": LanguageLevel.NATIVE, "nl": LanguageLevel.NATIVE})
        duo.mentee.gender = mentee_gender
        duo.mentor.gender = mentor_gender
        return duo.id


def _text(store, duo_id: int, lang: str, charter: bool = False) -> str:
    with store.session() as s:
        render = render_charter if charter else render_agreement
        return pdf_text(render(s, duo_id, lang, TODAY))


FRENCH = {
    Gender.FEMALE: ["La mentorée : Фатима Иванова", "Elle participe activement à sa recherche et reste inscrite",
                    "4. Engagements de la mentorée"],
    Gender.MALE: ["Le mentoré : Фатима Иванова", "Il participe activement à sa recherche et reste inscrit auprès",
                  "4. Engagements du mentoré"],
    Gender.UNSPECIFIED: ["La personne mentorée : Фатима Иванова", "Elle ou il participe activement",
                         "reste inscrit·e auprès", "4. Engagements de la personne mentorée"],
}


@pytest.mark.parametrize("gender", list(FRENCH))
def test_the_french_agreement_follows_the_mentees_gender(store, gender):
    text = _text(store, _duo(store, gender), "fr")
    for sentence in FRENCH[gender]:
        assert sentence in text, sentence
    assert "Fait à Bruxelles" in text
    if gender is not Gender.MALE:  # never the masculine for a woman or a person of unknown gender
        assert "Le mentoré" not in text and "Il participe" not in text


def test_a_woman_mentor_is_not_il(store):
    text = _text(store, _duo(store, Gender.FEMALE, Gender.FEMALE), "fr")
    assert "La mentore : Joëlle Dubois" in text and "Elle n’apporte aucune aide financière" in text
    assert "Il n’apporte" not in text


DUTCH = {
    Gender.FEMALE: "keuzes en tempo",
    Gender.MALE: "zijn keuzes en tempo",
    Gender.OTHER: "diens keuzes en tempo",
}


@pytest.mark.parametrize("gender", list(DUTCH))
def test_the_dutch_agreement_says_het_duo_and_brussel(store, gender):
    text = _text(store, _duo(store, gender), "nl")
    assert "Het duo begint op" in text and "van het duo" in text
    assert "de duo" not in text.lower().replace("van de duo's", "")
    assert "Opgemaakt in drievoud te Brussel op" in text and "Bruxelles" not in text.replace("DUO for a JOB Bruxelles", "")
    assert DUTCH[gender] in text
    assert "gelezen en goedgekeurd" in text  # a Belgian branch keeps its practice


def test_place_names_follow_the_documents_language(store):
    duo_id = _duo(store, Gender.FEMALE, city="Antwerpen", months=1)
    assert "Fait à Anvers" in _text(store, duo_id, "fr")
    nl = _text(store, duo_id, "nl")
    assert "te Antwerpen" in nl and "1 maand." in nl  # one month, not "1 maanden"
    assert "Signed in Antwerp" in _text(store, duo_id, "en")
    assert "Fait à Anvers" in _text(store, duo_id, "fr", charter=True)


def test_a_dutch_branch_prints_no_belgian_formula(store):
    text = _text(store, _duo(store, Gender.MALE, city="Rotterdam", country="NL"), "nl")
    assert "gelezen en goedgekeurd" not in text and "Handtekening" in text


@pytest.mark.parametrize(("city", "lang", "name"), [
    ("Bruxelles", "nl", "Brussel"), ("Brussel", "fr", "Bruxelles"), ("bruxelles", "en", "Brussels"),
    ("Liège", "nl", "Luik"), ("Luik", "fr", "Liège"), ("Gent", "fr", "Gand"), ("Paris", "nl", "Parijs"),
    ("Anvers", "nl", "Antwerpen"), ("Ninove", "fr", "Ninove"),  # a city the table does not know stays as typed
])
def test_city_names(city, lang, name):
    assert city_name(city, lang) == name


def test_a_branch_may_name_its_city_itself():
    assert city_name("Sint-Joost", "fr", {"fr": "Saint-Josse"}) == "Saint-Josse"


def test_a_choice_with_the_wrong_number_of_forms_is_refused():
    with pytest.raises(ValueError, match="3 forms"):
        pick("mentee", "elle|il", "female")
    assert pick("mentee", "elle|il|iel", "unknown") == "iel"


def test_french_punctuation_never_starts_a_line(store):
    """ReportLab breaks lines at U+202F: documents print U+00A0, so « lu et
    approuvé » keeps its closing guillemet (document_translator)."""
    import io

    from pypdf import PdfReader

    duo_id = _duo(store, Gender.FEMALE)
    with store.session() as s:
        data = render_agreement(s, duo_id, "fr", TODAY)
    lines = [line.strip() for page in PdfReader(io.BytesIO(data)).pages
             for line in (page.extract_text() or "").splitlines()]
    assert lines and not [line for line in lines if line and line[0] in "»:;?!"]
