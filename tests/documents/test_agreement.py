"""The mentoring agreement: names, dates and clauses in each language, fonts
embedded, the same bytes for the same input, escaping, bilingual, charter."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import LanguageLevel
from duo_desktop.services.documents import (TemplateError, duo_info, render_agreement, render_charter,
                                            suggested_languages)
from tests.documents.helpers import ARABIC, GEEZ, awaiting_duo, font_dicts, is_embedded, pdf_text

NOW = dt.datetime(2026, 3, 16, 10)
TODAY = NOW.date()

EXPECTED = {
    "fr": {"dates": ["16 mars 2026", "16 septembre 2026"],
           "clauses": ["Convention de mentorat", "2 h par semaine", "confidentiel",
                       "y mettre fin à tout moment", "informent sans délai", "libre et gratuite", "Fait à Bruxelles"]},
    "nl": {"dates": ["16 maart 2026", "16 september 2026"],
           "clauses": ["Mentoringovereenkomst", "elke week 2 uur", "vertrouwelijk", "het duo op elk moment beëindigen",
                       "meteen op de hoogte", "vrijwillig en kosteloos", "Opgemaakt in drievoud te Brussel"]},
    "en": {"dates": ["16 March 2026", "16 September 2026"],
           "clauses": ["Mentoring agreement", "2 hours a week", "confidential", "end the duo at any time",
                       "tell the coordinator at once", "free and voluntary", "Signed in Brussels"]},
}


@pytest.fixture
def duo_id(store):
    with store.transaction() as s:
        return awaiting_duo(s, NOW).id


def agreement(store, duo_id, lang, **kwargs) -> bytes:
    with store.session() as s:
        return render_agreement(s, duo_id, lang, TODAY, **kwargs)


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_agreement_holds_names_dates_and_clauses_in_its_language(store, duo_id, lang):
    text = pdf_text(agreement(store, duo_id, lang))
    for name in ("Фатима Иванова", "Joëlle Dubois", "Camille Lefèvre", "DUO for a JOB Bruxelles",
                 "bxl@example.org"):
        assert name in text
    for date in EXPECTED[lang]["dates"]:
        assert date in text
    for clause in EXPECTED[lang]["clauses"]:
        assert clause in text, clause
    others = [EXPECTED[other]["clauses"][0] for other in EXPECTED if other != lang]
    assert not any(title in text for title in others)


@pytest.mark.parametrize("lang,label", [("fr", "Page 1 sur 1"), ("nl", "Pagina 1 van 1"), ("en", "Page 1 of 1")])
def test_pages_are_numbered_in_the_document_language(store, duo_id, lang, label):
    assert label in pdf_text(agreement(store, duo_id, lang))


def test_language_of_document_is_independent_of_the_interface(store, duo_id):
    from duo_desktop import i18n

    i18n.set_language("nl")
    assert "Convention de mentorat" in pdf_text(agreement(store, duo_id, "fr"))


def test_fonts_of_every_script_are_embedded(store):
    with store.transaction() as s:
        duo_id = awaiting_duo(s, NOW, mentee=ARABIC, mentor=GEEZ).id
    pdf = agreement(store, duo_id, "fr", second_lang="nl")
    fonts = font_dicts(pdf)
    assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Bold", "NotoSansEthiopic-Bold"} <= set(fonts)
    assert all(is_embedded(f) for f in fonts.values()), [n for n, f in fonts.items() if not is_embedded(f)]
    assert not any(n.startswith(("Helvetica", "Times", "Courier")) for n in fonts)


def test_same_input_gives_the_same_bytes(store, duo_id):
    first = agreement(store, duo_id, "nl", with_charter=True)
    assert first.startswith(b"%PDF")
    assert agreement(store, duo_id, "nl", with_charter=True) == first
    assert agreement(store, duo_id, "fr", with_charter=True) != first


def test_markup_characters_in_a_name_print_as_typed(store):
    with store.transaction() as s:
        duo_id = awaiting_duo(s, NOW, mentee=("Ali <b>", "& Co </para>")).id
    text = pdf_text(agreement(store, duo_id, "en"))
    assert "Ali <b> & Co </para>" in text


def test_bilingual_agreement_side_by_side_and_one_after_the_other(store, duo_id):
    for side in (True, False):
        text = pdf_text(agreement(store, duo_id, "fr", second_lang="en", side_by_side=side))
        assert "Convention de mentorat" in text and "Mentoring agreement" in text
        assert "16 mars 2026" in text and "16 March 2026" in text
        assert "Фатима Иванова" in text


def test_agreement_and_charter_in_one_print_job(store, duo_id):
    text = pdf_text(agreement(store, duo_id, "nl", with_charter=True))
    assert "Mentoringovereenkomst" in text and "Charter van het duo" in text
    with store.session() as s:
        charter = pdf_text(render_charter(s, duo_id, "en", TODAY))
    assert "Duo charter" in charter and "Mentoring agreement" not in charter


def test_signed_agreement_prints_its_own_dates(store, duo_id):
    from duo_desktop.services import duo_lifecycle as dl

    with store.transaction() as s:
        duo = dl.get_duo(s, duo_id)
        dl.sign_agreement(s, duo, dt.date(2026, 3, 20), "fr", NOW)
    text = pdf_text(agreement(store, duo_id, "fr"))
    assert "20 mars 2026" in text and "20 septembre 2026" in text


def test_bilingual_is_suggested_when_mentor_and_mentee_share_no_reading_language(store):
    with store.transaction() as s:
        shared = awaiting_duo(s, NOW, mentee_langs={"nl": LanguageLevel.FLUENT, "ar": LanguageLevel.NATIVE},
                              mentor_langs={"fr": LanguageLevel.NATIVE, "nl": LanguageLevel.INTERMEDIATE},
                              mentee_reads="nl").id
        b2 = awaiting_duo(s, NOW, mentee_langs={"en": LanguageLevel.FLUENT, "ti": LanguageLevel.NATIVE},
                          mentor_langs={"fr": LanguageLevel.NATIVE}, code="ANT", city="Antwerpen",
                          mentee_reads="en").id
    with store.session() as s:
        assert suggested_languages(duo_info(s, shared)) == ("nl", None)
        assert suggested_languages(duo_info(s, b2)) == ("en", "fr")


def test_branch_adapts_name_address_and_clauses_without_code(store, tmp_path):
    folder = tmp_path / "my-branch"
    (folder / "fr").mkdir(parents=True)
    (folder / "branch.toml").write_text('name = "DUO for a JOB Schaerbeek"\naddress = "Place Colignon 1"\n',
                                        encoding="utf-8")
    (folder / "fr" / "extra_clauses.toml").write_text(
        '[[sections]]\ntitle = "8. Clause locale"\nparagraphs = ["Les rencontres ont lieu à {branch_name}."]\n',
        encoding="utf-8")
    with store.transaction() as s:
        duo_id = awaiting_duo(s, NOW, settings={"templates_dir": str(folder)}).id
    text = pdf_text(agreement(store, duo_id, "fr"))
    assert "DUO for a JOB Schaerbeek" in text and "Place Colignon 1" in text
    assert "8. Clause locale" in text and "Les rencontres ont lieu à DUO for a JOB Schaerbeek." in text


def test_branch_logo_is_printed_on_every_page(store, tmp_path):
    from PIL import Image

    folder = tmp_path / "logo-branch"
    folder.mkdir()
    Image.new("RGB", (40, 40), (31, 78, 121)).save(folder / "logo.png")
    (folder / "branch.toml").write_text('logo = "logo.png"\n', encoding="utf-8")
    with store.transaction() as s:
        duo_id = awaiting_duo(s, NOW, settings={"templates_dir": str(folder)}).id
    pdf = agreement(store, duo_id, "en", with_charter=True)
    from pypdf import PdfReader
    import io

    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 2
    assert all(page.images for page in pages)
    (folder / "logo.png").unlink()
    with store.session() as s, pytest.raises(TemplateError) as info:
        render_agreement(s, duo_id, "en", TODAY)
    assert "logo.png" in str(info.value)
