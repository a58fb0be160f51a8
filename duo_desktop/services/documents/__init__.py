"""Printed documents (ReportLab, no Qt): the mentoring agreement and the
charter, the end evaluation form, the attendance sheet of an event and a
participant's consent form, each in French, Dutch or English, chosen per
document. Every function returns the whole PDF as bytes, or raises
``DocumentError`` (``TemplateError`` for a missing or broken template)
before anything is printed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from .agreement import AgreementOptions, agreement_pdf, charter_pdf
from .data import duo_info, suggested_languages
from .errors import DocumentError, TemplateError

__all__ = ["AgreementOptions", "DocumentError", "TemplateError", "duo_info", "render_agreement", "render_charter",
           "suggested_languages"]


def render_agreement(session: Session, duo_id: int, lang: str, today: dt.date, *, second_lang: str | None = None,
                     side_by_side: bool = True, with_charter: bool = False,
                     start_on: dt.date | None = None) -> bytes:
    """The agreement of a duo as PDF bytes (``today``: the clock's date,
    printed beside the place of signature)."""
    options = AgreementOptions(lang, second_lang, side_by_side, with_charter, start_on)
    return agreement_pdf(duo_info(session, duo_id), options, today)


def render_charter(session: Session, duo_id: int, lang: str, today: dt.date,
                   second_lang: str | None = None) -> bytes:
    return charter_pdf(duo_info(session, duo_id), lang, today, second_lang)
