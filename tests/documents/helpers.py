"""Builders and PDF readers shared by the document tests."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from duo_desktop.models import Decision, LanguageLevel, Role
from duo_desktop.services import duo_lifecycle as dl
from tests import factories

ARABIC = ("محمد", "عبد الله")
GEEZ = ("ሰላም", "ተስፋይ")
CYRILLIC = ("Фатима", "Иванова")
ACCENTED = ("Joëlle", "Dubois")


def awaiting_duo(session, now: dt.datetime, mentee=CYRILLIC, mentor=ACCENTED, branch=None,
                 mentee_langs=None, mentor_langs=None, mentee_reads="fr", mentor_reads="fr", **branch_kwargs):
    """A duo in which both said yes at the first meeting (awaiting its
    agreement), built through the duo state machine."""
    b = branch or factories.branch(session, address="Rue de la Loi 16, 1000 Bruxelles", phone="+32 2 000 00 00",
                                   email="bxl@example.org", **branch_kwargs)
    coordinator = factories.coordinator(session, b, "Camille", "Lefèvre")
    mentee_p = factories.participant(session, b, Role.MENTEE, first=mentee[0], last=mentee[1],
                                     languages=mentee_langs or {"fr": LanguageLevel.FLUENT},
                                     preferred_language=mentee_reads)
    mentor_p = factories.participant(session, b, Role.MENTOR, first=mentor[0], last=mentor[1],
                                     languages=mentor_langs or {"fr": LanguageLevel.NATIVE},
                                     preferred_language=mentor_reads)
    duo = dl.propose(session, mentor_p, mentee_p, now, coordinator.id)
    dl.plan_first_meeting(session, duo, now, "Antenne", now)
    dl.record_decision(session, duo, "mentor", Decision.ACCEPTED, now.date(), now)
    dl.record_decision(session, duo, "mentee", Decision.ACCEPTED, now.date(), now)
    return duo


def pdf_text(data: bytes) -> str:
    """The text of every page, whitespace (line breaks) made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def font_dicts(data: bytes) -> dict[str, object]:
    """Every font used on every page, by its base name (subset tag removed)."""
    reader = PdfReader(io.BytesIO(data))
    fonts: dict[str, object] = {}
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"]).split("+")[-1]
            fonts[name] = font
    return fonts


def is_embedded(font) -> bool:
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
