"""Personal data never reaches the logs or the settings (issue 12): services
run with every logger at DEBUG, then the log text is searched for the
synthetic names, e-mail addresses and phone numbers."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QSettings
from sqlalchemy import select

from duo_desktop.errors_report import log_exception
from duo_desktop.models import Duo, DuoStage, Participant, ParticipantStatus, Role
from duo_desktop.services import alerts, audit, duo_lifecycle, intake, merge, participants, privacy
from duo_desktop.services.errors import RuleError

from . import factories as f

CANARIES = {"first": "Зарина", "last": "ተወልደብርሃን", "email": "zarina.canary@example.org",
            "phone": "0470 31 41 59", "phone_key": "470314159", "street": "شارع الكناري"}


def _form() -> dict:
    data = intake.empty_form()
    data.update({"first_name": CANARIES["first"], "last_name": CANARIES["last"], "birth_date": "23/04/2001",
                 "gender": "female", "email": CANARIES["email"], "phone": CANARIES["phone"],
                 "street": CANARIES["street"], "postal_code": "1000", "municipality": "Bruxelles",
                 "languages": [["fr", "fluent"]], "sectors": ["it"], "availability": [[0, "morning"]],
                 "weekly_hours": "2", "non_eu_background": True, "permit_allows_work": True,
                 "permit_end_date": "01/01/2030", "employment_office_registered": True, "consent_given": True,
                 "consent_date": "16/03/2026", "consent_version": "2025-01",
                 "consent_scope": ["programme", "follow_up"]})
    return data


def test_services_at_debug_level_log_no_personal_data(store, clock, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.engine.Engine", "duo_desktop"):
        caplog.set_level(logging.DEBUG, logger=name)
    with store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR, first="Богдан", last="Канарейка")
        bid, mentor_id = b.id, mentor.id
    with store.transaction() as s:
        audit.bind(s, None, clock.now())
        pid = intake.finish_intake(s, clock, _form(), bid)
        twin = intake.finish_intake(s, clock, {**_form(), "email": ""}, bid, participant_id=None)
    with store.transaction() as s:
        intake.find_duplicates(s, _form())
        participants.search_ids(s, participants.ParticipantFilter(text=CANARIES["last"]))
        p = s.get(Participant, pid)
        p.status = ParticipantStatus.READY_TO_MATCH
        duo = duo_lifecycle.propose(s, s.get(Participant, mentor_id), p, clock.now())
        alerts.today_list(s, clock.today())
        privacy.write_export(s, pid, tmp_path / "export", clock.now())
    try:
        with store.transaction() as s:
            duo_lifecycle.propose(s, s.get(Participant, mentor_id), s.get(Participant, pid), clock.now())
    except RuleError as exc:
        log_exception(exc)
    try:  # an unexpected error carrying a name in its message
        raise ValueError(f"{CANARIES['first']} {CANARIES['email']}")
    except ValueError as exc:
        log_exception(exc)
    with store.transaction() as s:
        s.get(Duo, duo.id).stage = DuoStage.CANCELLED
        merge.merge(s, pid, twin, clock.now())
        privacy.anonymise(s, pid, dt.date(2026, 3, 16), clock.now())
        s.scalars(select(Participant)).all()
    text = caplog.text
    assert "SELECT" in text, "the SQL log was not on: the test would prove nothing"
    for value in (*CANARIES.values(), "Канарейка"):
        assert value not in text, value


def test_the_settings_file_holds_preferences_and_ids_only(qtbot, app_context, tmp_path):
    from duo_desktop.views.main_window import MainWindow

    with app_context.store.transaction() as s:
        b = f.branch(s)
        coordinator = f.coordinator(s, b, first="Марта", last="Канарейка")
        f.participant(s, b, first=CANARIES["first"], last=CANARIES["last"], email=CANARIES["email"])
        app_context.coordinator_id = coordinator.id
    path = tmp_path / "settings.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    window = MainWindow(app_context, settings)
    qtbot.addWidget(window)
    window.show()
    window.close()
    settings.sync()
    keys = set(settings.allKeys())
    assert keys and all(k.split("/")[0] in {"window", "user", "ui", "language", "screens"} for k in keys), keys
    content = path.read_bytes().decode("utf-8", "replace")
    for value in (*CANARIES.values(), "Марта", "Канарейка"):
        assert value not in content
