"""The whole profile of a participant, read as a dataclass and shown in the
detail panel in the user's language."""

from __future__ import annotations

import pytest

import datetime as dt

from duo_desktop import i18n
from duo_desktop.models import (
    Attendance,
    AttendanceStatus,
    DayPart,
    Duo,
    DuoStage,
    Event,
    EventKind,
    LanguageLevel,
    ParticipantStatus,
    Role,
)
from duo_desktop.services.participant_profile import load_profile
from duo_desktop.services.participant_status import set_status
from duo_desktop.views.participant_detail import ParticipantDetail, profile_html

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

TODAY = dt.date(2026, 3, 16)


def _mentee(store):
    with store.transaction() as s:
        b = f.branch(s)
        c = f.coordinator(s, b)
        mentor = f.participant(s, b, role=Role.MENTOR, first="Anne", last="Zeller")
        p = f.participant(s, b, first="Joëlle", last="Dubois", status=ParticipantStatus.APPLICANT,
                          applied_on=dt.date(2026, 1, 5), coordinator_id=c.id, email="joelle@example.org",
                          phone="+32 470 12 34 56", municipality="Ixelles", postal_code="1050",
                          languages={"ar": LanguageLevel.NATIVE, "fr": LanguageLevel.INTERMEDIATE},
                          sectors=["care", "it"], slots=[(0, DayPart.MORNING), (2, DayPart.EVENING)],
                          country_of_birth="ER", residence_permit="A card", permit_allows_work=True,
                          permit_end_date=dt.date(2027, 6, 30), employment_office="actiris",
                          employment_office_registered=True, consent_given=True,
                          eligibility_overrides={"mentee_age": "31, agreed with Actiris"},
                          education_level="bachelor",
                          consent_date=dt.date(2026, 1, 5), consent_version="v2",
                          professional_project="Nurse <assistant>", notes="Call after 5 pm")
        set_status(s, p.id, ParticipantStatus.INFO_SESSION_ATTENDED, dt.date(2026, 1, 20))
        set_status(s, p.id, ParticipantStatus.INTAKE_DONE, dt.date(2026, 2, 2))
        ev = Event(branch_id=b.id, kind=EventKind.INFO_SESSION, title="Session de janvier",
                   starts_at=dt.datetime(2026, 1, 20, 18))
        s.add(ev)
        s.flush()
        s.add(Attendance(event_id=ev.id, participant_id=p.id, status=AttendanceStatus.ATTENDED))
        s.add(Duo(branch_id=b.id, mentor_id=mentor.id, mentee_id=p.id, stage=DuoStage.PROPOSED,
                  proposed_on=dt.date(2026, 3, 2)))
        f.participant(s, b, first="Joelle", last="Dubois", birth=p.birth_date)  # entered twice
        return p.id


def test_profile_holds_the_whole_file_and_history(store):
    pid = _mentee(store)
    with store.session() as s:
        p = load_profile(s, pid)
    assert p.full_name == "Joëlle Dubois"
    assert p.languages == [("ar", LanguageLevel.NATIVE), ("fr", LanguageLevel.INTERMEDIATE)]
    assert p.sectors == ["care", "it"]
    assert p.availability == {(0, DayPart.MORNING), (2, DayPart.EVENING)}
    assert [(c.to_status, c.changed_on) for c in p.status_history] == [
        (ParticipantStatus.INFO_SESSION_ATTENDED, dt.date(2026, 1, 20)),
        (ParticipantStatus.INTAKE_DONE, dt.date(2026, 2, 2))]
    assert [(e.kind, e.status) for e in p.events] == [(EventKind.INFO_SESSION, AttendanceStatus.ATTENDED)]
    assert [(d.partner_name, d.stage) for d in p.duos] == [("Anne Zeller", DuoStage.PROPOSED)]
    assert [c.reasons for c in p.duplicates] == [("name_birth",)]
    assert p.coordinator == "Camille Test"
    assert p.waiting_days(TODAY) == 70


def test_detail_panel_in_french_and_dutch(store, qtbot, qapp):
    pid = _mentee(store)
    with store.session() as s:
        p = load_profile(s, pid)
    i18n.set_language("fr")
    fr = profile_html(p, TODAY)
    for text in ("Joëlle Dubois", "Entretien d’accueil fait", "Arabe", "Langue maternelle", "Aide à la personne et action sociale",
                 "Doublons possibles", "même nom et même date de naissance", "Anne Zeller", "Proposé",
                 "20 janvier 2026", "Érythrée", "Actiris", "Historique des statuts", "70 jours",
                 "Nurse &lt;assistant&gt;", "lun.", "Soir", "Âge de la personne mentorée"):
        assert text in fr, text
    assert "mentee_age" not in fr  # the rule's name, not its code (review X-2)
    assert "Bachelier" in fr and "bachelor" not in fr  # a stored code shown by its label
    i18n.set_language("nl")
    nl = profile_html(p, TODAY)
    for text in ("Joëlle Dubois", "Arabisch", "Moedertaal", "Zorg en welzijn", "Mogelijke dubbels",
                 "Voorgesteld", "20 januari 2026", "Eritrea", "Statusgeschiedenis", "70 dagen", "ma", "Avond",
                 "Leeftijd mentee"):
        assert text in nl, text
    assert "Entretien d’accueil fait" not in nl
    panel = ParticipantDetail()
    qtbot.addWidget(panel)
    panel.show_profile(p, TODAY)
    assert panel.merge_button.isVisible()
    assert "Statusgeschiedenis" in panel.browser.toPlainText()
    i18n.set_language("fr")  # the screen retranslates on a language switch
    panel.translate_ui()
    assert "Historique des statuts" in panel.browser.toPlainText()
