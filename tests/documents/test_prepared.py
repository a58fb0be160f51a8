"""Work kept between documents (parsed paragraphs, font subsets, a batch's
templates) never changes what is printed."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from duo_desktop.models import Branch
from duo_desktop.services.documents import fonts, prepared, render_agreement, templates
from duo_desktop.services.documents.layout import styles
from tests.documents.helpers import ARABIC, GEEZ, awaiting_duo, pdf_text

NOW = dt.datetime(2026, 3, 16, 10)


def _cold_caches() -> None:
    prepared.clear()
    for memo in (fonts._subsets, fonts._compressed, fonts._widths):
        memo.clear()


def test_an_agreement_prints_the_same_bytes_with_cold_and_warm_caches(store):
    with store.transaction() as s:
        duo = awaiting_duo(s, NOW, mentee=ARABIC, mentor=GEEZ)
        first = duo.id
        second = awaiting_duo(s, NOW, branch=s.get(Branch, duo.branch_id)).id
    _cold_caches()
    with store.session() as s:
        cold = render_agreement(s, first, "fr", NOW.date())
        with templates.batch():
            for lang in ("fr", "nl", "en", "fr"):
                render_agreement(s, second, lang, NOW.date())
                render_agreement(s, first, lang, NOW.date(), second_lang="nl")
        warm = render_agreement(s, first, "fr", NOW.date())
    assert warm == cold
    assert "ሰላም ተስፋይ" in pdf_text(warm)


def _pdf(flowables) -> bytes:  # noqa: ANN001
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(flowables)
    return buffer.getvalue()


def test_a_paragraph_running_over_a_page_end_prints_as_a_plain_one():
    style = styles()["body"]
    text = " ".join(f"Clause <b>{i}</b> — the mentee and the mentor meet every week." for i in range(400))
    _cold_caches()
    plain = _pdf([Paragraph(text, style), Paragraph(text, style)])
    cached = _pdf([prepared.paragraph(text, style), prepared.paragraph(text, style)])
    again = _pdf([prepared.paragraph(text, style), prepared.paragraph(text, style)])
    assert plain == cached == again
    assert "Clause 399" in pdf_text(cached)


def test_broken_markup_is_still_refused_when_the_paragraph_is_made():
    import pytest

    with pytest.raises(ValueError):
        prepared.paragraph("<b>not closed", styles()["body"])
    with pytest.raises(ValueError):
        prepared.paragraph("<b>not closed", styles()["body"])
