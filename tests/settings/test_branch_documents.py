"""A branch's letterhead, extra clauses and logo from the settings are
printed on its agreements, in the document's language (issue 10)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.utils import ImageReader

from duo_desktop.services.documents import render_agreement
from duo_desktop.services.errors import RuleError
from duo_desktop.services.settings import branches, templates
from tests.documents.helpers import awaiting_duo, pdf_text

NOW = dt.datetime(2026, 3, 16, 10)


@pytest.fixture
def duo(store):
    with store.transaction() as s:
        d = awaiting_duo(s, NOW)
        return d.id, d.branch_id


def test_the_letterhead_and_extra_clauses_of_the_document_language_are_printed(store, duo):
    duo_id, branch_id = duo
    with store.transaction() as s:
        templates.save_document_template(s, branch_id, "nl", {
            "letterhead": "<b>vzw DUO Brussel</b><br/>Wetstraat 16 & co", "extra_clauses": (
                "Artikel 9. De mentor krijgt <i>geen</i> vergoeding.\n\nArtikel 10. Fietsen mag.")}, NOW)
    with store.session() as s:
        dutch = pdf_text(render_agreement(s, duo_id, "nl", NOW.date()))
        french = pdf_text(render_agreement(s, duo_id, "fr", NOW.date()))
    assert "vzw DUO Brussel Wetstraat 16 & co" in dutch
    assert "Artikel 9. De mentor krijgt geen vergoeding." in dutch and "Artikel 10. Fietsen mag." in dutch
    assert "vzw DUO Brussel" not in french and "Artikel 9" not in french
    assert "DUO for a JOB Bruxelles Rue de la Loi 16" in french  # no French letterhead: the contact line as before


def test_unbalanced_markup_is_refused_before_it_can_break_a_print(store, duo):
    _duo_id, branch_id = duo
    with pytest.raises(RuleError) as caught:
        with store.transaction() as s:
            templates.save_document_template(s, branch_id, "fr", {"letterhead": "<b>DUO <i>Bruxelles</b></i>"}, NOW)
    assert caught.value.field == "letterhead"


def test_the_logo_set_in_the_settings_is_drawn(store, duo, tmp_path):
    from PIL import Image

    duo_id, branch_id = duo
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(logo)
    with store.session() as s:
        plain = render_agreement(s, duo_id, "fr", NOW.date())
    with store.transaction() as s:
        branches.update_branch(s, branch_id, {"logo_path": str(logo)}, NOW)
    with store.session() as s:
        with_logo = render_agreement(s, duo_id, "fr", NOW.date())
    assert ImageReader(str(logo)).getSize() == (40, 40)
    assert b"/Subtype /Image" in with_logo and b"/Subtype /Image" not in plain


def test_the_organisation_named_in_the_set_up_heads_every_page_of_the_agreement(store, duo):
    """Issue 10 left it out: the organisation's name (wizard, settings) is
    printed above the branch's name, on each page, in every language (the
    charter's pages too)."""
    from duo_desktop.services.settings import programme

    duo_id, _branch_id = duo
    with store.session() as s:
        before = pdf_text(render_agreement(s, duo_id, "fr", NOW.date()))
    with store.transaction() as s:
        programme.set_organisation(s, "Les Amis de DUO asbl", NOW)
    with store.session() as s:
        pdfs = {lang: render_agreement(s, duo_id, lang, NOW.date(), with_charter=True) for lang in ("fr", "nl")}
    assert "Les Amis de DUO asbl" not in before
    for lang, pdf in pdfs.items():
        pages = PdfReader(io.BytesIO(pdf)).pages
        assert len(pages) >= 2  # the agreement, then the charter
        for number, page in enumerate(pages, start=1):
            text = " ".join(page.extract_text().split())
            # the organisation first, then the branch (factories' "DUO for a JOB")
            assert "Les Amis de DUO asbl · DUO for a JOB" in text, (lang, number, text[:200])


def test_the_settings_preview_is_the_agreement_the_branch_prints_with_the_texts_being_edited(store, duo):
    """The preview is printed by the agreement's own code (the same header,
    sections and signatures), the typed letterhead and clauses in place of
    the saved ones, and nothing is saved."""
    from duo_desktop.services.documents.template_preview import preview_pdf
    from duo_desktop.services.settings import programme

    duo_id, branch_id = duo
    with store.transaction() as s:
        programme.set_organisation(s, "Les Amis de DUO asbl", NOW)
        templates.save_document_template(s, branch_id, "nl", {"letterhead": "Oud briefhoofd"}, NOW)
    with store.session() as s:
        preview = pdf_text(preview_pdf(s, branch_id, "nl", "<b>vzw DUO Brussel</b>", "Artikel 9. Fietsen mag.",
                                       NOW.date()))
        printed = pdf_text(render_agreement(s, duo_id, "nl", NOW.date()))
        saved = templates.document_template(s, branch_id, "nl")
    assert "Les Amis de DUO asbl · DUO for a JOB Bruxelles vzw DUO Brussel" in preview
    assert "Oud briefhoofd" not in preview and "Artikel 9. Fietsen mag." in preview
    for part in ("7. Contact", "Handtekening, voorafgegaan door ‘gelezen en goedgekeurd’"):  # the whole agreement
        assert part in printed and part in preview
    assert saved["letterhead"] == "Oud briefhoofd"
