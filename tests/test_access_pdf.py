"""The access export as a readable PDF in the person's language (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest

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
