"""The end evaluation form, the attendance sheet of an event and the consent
form, in each language."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import AttendanceStatus, Event, EventKind, Respondent, Role
from duo_desktop.models.event import Attendance
from duo_desktop.services.documents import (render_consent_form, render_evaluation_form, templates)
from duo_desktop.services.documents.attendance_sheet import render_attendance_sheet
from duo_desktop.services.documents.errors import TemplateError
from tests import factories
from tests.documents.helpers import awaiting_duo, font_dicts, is_embedded, pdf_text

NOW = dt.datetime(2026, 11, 21, 10)


@pytest.mark.parametrize("lang,words", [
    ("fr", ["Évaluation de fin de duo", "Les objectifs du duo ont-ils été atteints ?", "En partie",
            "Souhaitez-vous accompagner une nouvelle personne mentorée ?"]),
    ("nl", ["Eindevaluatie van het duo", "Werden de doelen van het duo bereikt?", "Wilt u een nieuwe mentee"]),
    ("en", ["End evaluation of the duo", "Were the duo's objectives reached?", "Partly", "21 May 2027"]),
])
def test_evaluation_form(store, lang, words):
    with store.transaction() as s:
        duo_id = awaiting_duo(s, NOW).id
    with store.session() as s:
        mentor_form = pdf_text(render_evaluation_form(s, duo_id, Respondent.MENTOR, lang, NOW.date()))
        mentee_form = pdf_text(render_evaluation_form(s, duo_id, Respondent.MENTEE, lang, NOW.date()))
    for word in words:
        assert word in mentor_form, word
    assert "Joëlle Dubois" in mentor_form and "Фатима Иванова" in mentee_form
    assert words[-1] not in mentee_form or lang == "en"  # the question to mentors only


def make_event(store):
    with store.transaction() as s:
        b = factories.branch(s)
        event = Event(branch_id=b.id, kind=EventKind.INFO_SESSION, title="Séance <avril> & co",
                      starts_at=dt.datetime(2026, 11, 21, 14), ends_at=dt.datetime(2026, 11, 21, 16),
                      place="Rue Haute 3")
        s.add(event)
        s.flush()
        people = [("محمد", "العلي", AttendanceStatus.REGISTERED), ("ሰላም", "ተስፋይ", AttendanceStatus.INVITED),
                  ("Фатима", "Иванова", AttendanceStatus.ATTENDED), ("Absent", "Person", AttendanceStatus.EXCUSED)]
        for first, last, status in people:
            p = factories.participant(s, b, Role.MENTEE, first=first, last=last)
            s.add(Attendance(event_id=event.id, participant_id=p.id, status=status))
        return event.id


@pytest.mark.parametrize("lang,title,date", [("fr", "Liste de présence", "samedi 21 novembre 2026"),
                                             ("nl", "Aanwezigheidslijst", "zaterdag 21 november 2026"),
                                             ("en", "Attendance sheet", "Saturday, 21 November 2026")])
def test_attendance_sheet(store, lang, title, date):
    event_id = make_event(store)
    with store.session() as s:
        pdf = render_attendance_sheet(s, event_id, lang)
    text = pdf_text(pdf)
    assert title in text and date in text and "Séance <avril> & co" in text and "Rue Haute 3" in text
    assert "Фатима Иванова" in text and "Absent Person" not in text
    fonts = font_dicts(pdf)
    assert {"NotoSansArabic-Regular", "NotoSansEthiopic-Regular"} <= set(fonts)
    assert all(is_embedded(f) for f in fonts.values())


@pytest.mark.parametrize("lang,words", [
    ("fr", ["Consentement au traitement des données personnelles", "retirer votre consentement", "1 janvier 2000"]),
    ("nl", ["Toestemming voor de verwerking van persoonsgegevens", "toestemming intrekken", "1 januari 2000"]),
    ("en", ["Consent to the processing of personal data", "withdraw your consent", "1 January 2000"]),
])
def test_consent_form(store, lang, words):
    with store.transaction() as s:
        b = factories.branch(s)
        p = factories.participant(s, b, first="Joëlle", last="Dubois", street="Rue Haute 3", postal_code="1000",
                                  municipality="Bruxelles", consent_scope=["programme"])
        pid = p.id
    with store.session() as s:
        text = pdf_text(render_consent_form(s, pid, lang, NOW.date()))
    for word in words:
        assert word in text, word
    assert "Joëlle Dubois" in text and "Rue Haute 3, 1000 Bruxelles" in text


def test_broken_form_template_gives_no_pdf(store, tmp_path):
    folder = tmp_path / "b"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "attendance_sheet.toml").write_text('title = "Sheet"\n[labels]\ndate = "Date"\n',
                                                         encoding="utf-8")
    event_id = make_event(store)
    with store.transaction() as s:
        event = s.get(Event, event_id)
        from duo_desktop.models import Branch

        s.get(Branch, event.branch_id).settings = {"templates_dir": str(folder)}
    with store.session() as s, pytest.raises(TemplateError) as info:
        render_attendance_sheet(s, event_id, "en")
    assert "attendance_sheet.toml" in str(info.value) and "labels." in str(info.value)
    assert templates.default_dir().is_dir()


def test_a_branch_without_email_or_phone_prints_no_empty_brackets(store, clock):
    from pypdf import PdfReader
    import io

    from duo_desktop.services.documents.forms import consent_form_pdf

    from .. import factories as f

    with store.transaction() as s:
        b = f.branch(s, address="Rue Haute 1, 1000 Bruxelles", phone="", email="")
        p = f.participant(s, b, first="Фатима", last="Иванова")
        pdf = consent_form_pdf(s, p.id, "fr", clock.today())
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "()" not in text.replace(" ", "") and "(, )" not in text
    assert "· ·" not in text and "Rue Haute 1" in text
