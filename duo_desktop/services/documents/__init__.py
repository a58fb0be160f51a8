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
from .forms import consent_form_pdf, evaluation_form_pdf
from .attendance_sheet import render_attendance_sheet
from ...models import Respondent

__all__ = ["AgreementOptions", "DocumentError", "TemplateError", "duo_info", "render_agreement",
           "render_attendance_sheet", "render_charter", "render_consent_form", "render_evaluation_form",
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


def render_evaluation_form(session: Session, duo_id: int, respondent: Respondent, lang: str,
                           today: dt.date) -> bytes:
    return evaluation_form_pdf(session, duo_id, respondent, lang, today)


def render_consent_form(session: Session, participant_id: int, lang: str, today: dt.date) -> bytes:
    return consent_form_pdf(session, participant_id, lang, today)
