"""The access export as a readable PDF in the person's language (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import Meeting
from duo_desktop.services import privacy
from duo_desktop.services.privacy.access_pdf import LABELS, access_pdf
from tests.documents.helpers import pdf_text
from tests.test_gdpr import _ended_duo

NOW = dt.datetime(2026, 3, 16, 9)


@pytest.mark.parametrize("lang, words", [
    ("nl", ["Uw persoonsgegevens", "Ontmoetingen", "CV of Amina", "Vrouw", "2 juni 2025"]),
    ("fr", ["Vos données personnelles", "Rencontres", "CV of Amina", "Femme", "2 juin 2025"]),
])
def test_the_pdf_is_written_in_the_person_s_language_with_their_data(store, tmp_path, lang, words):
    with store.transaction() as s:
        _b, _mentor, mentee, _duo = _ended_duo(s)
        mentee.preferred_language = lang
        mentee.gender = "female"
        pid = mentee.id
    with store.transaction() as s:
        paths = privacy.write_export(s, pid, tmp_path / "out", NOW)
    pdf = tmp_path / "out" / f"person-{pid}.pdf"
    assert pdf in paths
    text = pdf_text(pdf.read_bytes())
    for word in words + ["amina.canary@example.org", "job at a bakery", "créé" if lang == "fr" else "aangemaakt"]:
        assert word in text, word
    from tests.documents.helpers import font_dicts

    assert "NotoSansArabic-Regular" in font_dicts(pdf.read_bytes()), "the Arabic name is printed in its script"


def test_every_column_of_the_export_has_a_readable_label(store):
    """A column added to a model without a label here would show its technical name."""
    with store.transaction() as s:
        _b, _mentor, mentee, _duo = _ended_duo(s)
        data = privacy.person_data(s, mentee.id)
    from duo_desktop.models import Base
    from duo_desktop.services.privacy.access import EXCLUDED, SECTIONS

    keys = {k for section, rows in data.items() for row in (rows if isinstance(rows, list) else [rows])
            for k in row}
    keys |= {c.name for table in SECTIONS.values() for c in Base.metadata.tables[table].columns
             if f"{table}.{c.name}" not in EXCLUDED}
    assert sorted(keys - set(LABELS)) == []


def test_an_unknown_person_is_refused(store):
    from duo_desktop.services.errors import NotFound

    with store.session() as s, pytest.raises(NotFound):
        access_pdf(s, 999)


def test_coded_fields_are_written_in_words_in_the_person_s_language(store, tmp_path):
    """QA item 12: the PDF said "Taal van de documenten: nl", "actiris", "social_services", "CD"..."""
    with store.transaction() as s:
        _b, _mentor, mentee, duo = _ended_duo(s)
        mentee.preferred_language = "nl"
        mentee.employment_office = "actiris"
        mentee.referral_source = "social_services"
        mentee.country_of_birth = mentee.nationality = "CD"
        mentee.education_level = "upper_secondary"
        mentee.residence_permit = "single_permit"
        mentee.preferred_mentor_languages = ["ar"]
        mentee.eligibility_overrides = {"mentee_age": "project well advanced"}
        mentee.esf_entry = {"labour_status": "long_term_unemployed", "homeless": "refused"}
        duo.agreement_language = "fr"
        s.add(Meeting(duo_id=duo.id, held_on=dt.date(2025, 6, 9), topics=["cv", "job_search"]))
        pid = mentee.id
    with store.transaction() as s:
        text = " ".join(pdf_text(access_pdf(s, pid, today=NOW.date())).split())
    for words in ["Taal van de documenten Nederlands", "Actiris", "Sociale dienst (OCMW)",
                  "Geboorteland Congo-Kinshasa", "Nationaliteit Congo-Kinshasa", "Hoger secundair onderwijs",
                  "Gecombineerde vergunning (verblijf en werk)", "Taal van de overeenkomst Frans", "Arabisch",
                  "Verwerking van de gegevens voor het programma", "Leeftijd mentee: project well advanced",
                  "cv, Zoeken naar werk", "Zegt het liever niet", "Talen die de mentor zou moeten spreken Arabisch"]:
        assert words in text, words
    for code in ["actiris", "social_services", "upper_secondary", "single_permit", " CD ", " nl ", "mentee_age",
                 "long_term_unemployed", "job_search", "programme"]:
        assert code not in text, code


def test_the_demo_consents_only_to_purposes_the_intake_offers(store):
    """The demo stored a purpose "contact" the intake never offers: the PDF printed the code."""
    from sqlalchemy import select

    from duo_desktop.models import Participant
    from duo_desktop.services import demo
    from duo_desktop.services.intake import CONSENT_SCOPES

    demo.generate(store.engine, participants=60, seed=1, today=dt.date(2026, 3, 16))
    with store.session() as s:
        scopes = {c for row in s.scalars(select(Participant.consent_scope)) for c in row}
    assert scopes and scopes <= set(CONSENT_SCOPES)
