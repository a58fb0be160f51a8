"""Canaries (issue 12): a thousand unique synthetic surnames go in through
the intake service (500) and the import (500); the app is then used
(agreements saved, a merge, an erasure of 50, a backup, exports, the main
window with its QSettings, the lock, a screenshot), every logger at DEBUG
into a log file and TMPDIR pointed at a test folder. Then every file is
searched for every canary:

- encrypted store: 0 hits in the database, its -wal and -shm, the backups,
  the temp folder, the settings file and the log;
- erased people (and the merged-away duplicate): 0 hits anywhere, on an
  encrypted and on a plaintext store, except in the agreements saved
  *before* their erasure: those PDFs are the user's own files, outside the
  app's reach (documented in the README);
- positive control: the kept canaries are found in the exports written
  after the erasure, so the search does find plaintext names.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import select

from duo_desktop.i18n import Translator
from duo_desktop.models import Decision, Duo, Participant, ParticipantStatus, Role
from duo_desktop.services import audit, duo_lifecycle, importer, intake, merge, privacy
from duo_desktop.services.clock import FixedClock
from duo_desktop.services.documents import audited, batch
from duo_desktop.services.reports.export import write_list
from duo_desktop.services.reports.registry import Subject
from duo_desktop.store import open_store
from duo_desktop.store.maintenance import backup_now
from tests import factories as f

pytestmark = pytest.mark.slow
LETTERS = "abcdefghijklmnopqrstuvwxyz"
TOKEN = re.compile(rb"Qv[a-z]{3}zk")
NOW = dt.datetime(2026, 3, 16, 9)


def canary(i: int) -> str:
    """Unique, fixed length, letters only: 'Qv' + 3 letters + 'zk'."""
    return "Qv" + LETTERS[i // 676 % 26] + LETTERS[i // 26 % 26] + LETTERS[i % 26] + "zk"


def _form(i: int, role: str) -> dict:
    data = intake.empty_form()
    mentee = role == "mentee"
    data.update({"first_name": "Amina" if mentee else "Jozef", "last_name": canary(i), "role": role,
                 "birth_date": "23/04/2001" if mentee else "02/02/1960", "gender": "female",
                 "email": f"{canary(i).lower()}@example.org", "languages": [["fr", "fluent"]], "sectors": ["it"],
                 "availability": [[0, "morning"]], "weekly_hours": "2", "non_eu_background": True,
                 "permit_allows_work": True, "permit_end_date": "01/01/2030", "employment_office_registered": True,
                 "consent_given": True, "consent_date": "16/03/2026", "consent_version": "2025-01",
                 "consent_scope": ["programme", "follow_up"], "notes": f"Suivi de {canary(i)}"})
    return data


def content(path: Path) -> bytes:
    """The bytes to search: a file's own, plus the text inside the compressed
    formats the app writes (XLSX members, PDF pages), where a name would not
    show in the raw bytes."""
    raw = path.read_bytes()
    if raw[:2] == b"PK":  # XLSX: a zip
        import zipfile

        with zipfile.ZipFile(path) as archive:
            raw += b"".join(archive.read(name) for name in archive.namelist())
    elif raw[:5] == b"%PDF-":
        from tests.documents.helpers import pdf_text

        raw += pdf_text(raw).encode("utf-8")
    return raw


def hits(folder_or_file: Path) -> dict[Path, set[str]]:
    """{file: canaries found in it} for a file or every file under a folder."""
    if not folder_or_file.exists():
        return {}
    paths = [folder_or_file] if folder_or_file.is_file() else sorted(p for p in folder_or_file.rglob("*")
                                                                    if p.is_file())
    return {p: {m.decode() for m in TOKEN.findall(content(p))} for p in paths}


def found(where: dict[Path, set[str]]) -> set[str]:
    return set().union(*where.values()) if where else set()


@pytest.fixture
def world(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    logs = tmp_path / "logs"
    logs.mkdir()
    handler = logging.FileHandler(logs / "duo.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "sqlalchemy", "sqlalchemy.engine", "duo_desktop")}
    root.addHandler(handler)
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield tmp_path
    root.removeHandler(handler)
    handler.close()
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plaintext"])
def test_a_thousand_canaries(world, encrypted, qtbot):
    if encrypted:
        pytest.importorskip("sqlcipher3")
    from duo_desktop.store.crypto import Key

    tmp_path = world
    data, backups, inbox = tmp_path / "data", tmp_path / "data" / "backups", tmp_path / "inbox"
    before, after = tmp_path / "exports-before-erasure", tmp_path / "exports-after-erasure"
    for folder in (data, inbox, before, after):
        folder.mkdir(parents=True, exist_ok=True)
    database = data / "duo.sqlite3"
    store = open_store(f"sqlite:///{database}", backup_dir=backups,
                       key=Key("canari jaune sur le toit") if encrypted else None)
    assert store.encrypted is encrypted
    clock = FixedClock(NOW)
    with store.transaction() as s:
        b = f.branch(s)
        bid, code, who = b.id, b.code, f.coordinator(s, b).id

    # 500 through the intake service, 500 through the import
    for i in range(500):
        with store.transaction() as s:
            audit.bind(s, who, clock.now())
            intake.finish_intake(s, clock, _form(i, "mentor" if i % 2 else "mentee"), bid, who)
    rows = ["Prénom;Nom;Rôle;Date de naissance;Courriel;Code postal;Langues;Secteurs"]
    rows += [f"Amina;{canary(i)};{'mentoré' if i % 2 else 'mentor'};{'2002-05-06' if i % 2 else '1961-01-01'};"
             f"{canary(i).lower()}@example.org;1000;fr:native;it" for i in range(500, 1000)]
    (inbox / "applications.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with store.session() as s:
        preview = importer.preview(s, clock, inbox / "applications.csv", branch_code=code)
    with store.transaction() as s:
        outcome = importer.import_rows(s, clock, preview, coordinator_id=who, rejected_path=inbox / "rejected.csv")
    assert (outcome.created, outcome.rejected) == (500, 0)

    # ten duos awaiting their agreement; the agreements saved to a folder
    with store.transaction() as s:
        audit.bind(s, who, clock.now())
        mentees = s.scalars(select(Participant).where(Participant.role == Role.MENTEE,
                                                      Participant.last_name.in_([canary(i) for i in range(0, 20, 2)]))
                            .order_by(Participant.id)).all()
        mentors = s.scalars(select(Participant).where(Participant.role == Role.MENTOR,
                                                      Participant.last_name.in_([canary(i) for i in range(1, 21, 2)]))
                            .order_by(Participant.id)).all()
        for mentee, mentor in zip(mentees, mentors, strict=True):
            mentee.status = mentor.status = ParticipantStatus.READY_TO_MATCH
            duo = duo_lifecycle.propose(s, mentor, mentee, clock.now(), who)
            duo_lifecycle.plan_first_meeting(s, duo, clock.now(), "Antenne", clock.now())
            for side in ("mentor", "mentee"):
                duo_lifecycle.record_decision(s, duo, side, Decision.ACCEPTED, clock.today(), clock.now())
    with store.transaction() as s:
        due = batch.agreements_due(s, clock.today())
        batch.save_each(s, due, before, clock.today(), lambda _d, _t: True)
        audited.record_batch(s, "export", [d.duo_id for d in due], clock.now(), who)
    assert len(due) == 10
    # a merge (the merged-away duplicate is anonymised), then 50 people erased, one of them agreed above
    with store.session() as s:
        by_name = dict(s.execute(select(Participant.last_name, Participant.id)).all())
    with store.transaction() as s:
        merge.merge(s, by_name[canary(100)], by_name[canary(102)], clock.now(), who)
    # 49 imported people and one whose agreement was saved above (their duo cancelled first); the
    # merged-away canary(102) is not among them: a duplicate is the same person as the kept record, and
    # what was worth keeping (its notes, which name it here) moved there by design
    erased = {canary(0)} | {canary(i) for i in range(600, 649)}
    with store.transaction() as s:
        audit.bind(s, who, clock.now())
        duo = s.scalars(select(Duo).where(Duo.mentee_id == by_name[canary(0)])).one()
        duo_lifecycle.cancel(s, duo, clock.now(), coordinator_id=who)
        for name in sorted(erased):
            privacy.anonymise(s, by_name[name], clock.today(), clock.now(), who)
    # a backup, then exports after the erasure
    backup_now(store, backups, clock.now() + dt.timedelta(minutes=5))
    with store.transaction() as s:
        ids = s.scalars(select(Participant.id)).all()
        write_list(s, Subject.PARTICIPANT, ids, after / "everyone.xlsx", Translator("fr"), clock.now())
        write_list(s, Subject.PARTICIPANT, ids, after / "everyone.csv", Translator("nl"), clock.now())
        privacy.write_export(s, by_name[canary(700)], after / "access", clock.now(), who)

    # the window: settings, a search, the lock, a screenshot
    from duo_desktop.app import build_main_window
    from duo_desktop.views.lock import install_lock

    settings_file = tmp_path / "config" / "settings.ini"
    qsettings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = build_main_window(store, clock=clock, qsettings=qsettings, language="fr")
    qtbot.addWidget(window)
    lock = install_lock(window, lambda: 0.0)
    window.show()
    screen = window.show_screen("participants")
    if hasattr(screen, "search"):
        screen.search.setText(canary(700))
    window.grab().save(str(after / "screen.png"))
    lock.lock()
    lock.unlock("canari jaune sur le toit")
    window.close()
    qsettings.sync()

    # the search
    files = {"database": hits(database)}
    for suffix in ("-wal", "-shm"):
        if Path(f"{database}{suffix}").exists():
            files[suffix] = hits(Path(f"{database}{suffix}"))
    files |= {"backups": hits(backups), "temp": hits(tmp_path / "tmp"), "settings": hits(settings_file),
              "logs": hits(tmp_path / "logs"), "exports after": hits(after), "exports before": hits(before)}
    store.dispose()
    files["database closed"] = hits(database)
    figures = {where: len(found(h)) for where, h in files.items()}
    print(f"\ncanary hits ({'encrypted' if encrypted else 'plaintext'}): {figures}")

    again = open_store(f"sqlite:///{database}", key=store.key, migrate=False)
    with again.session() as s:
        away = s.get(Participant, by_name[canary(102)])
        assert (away.last_name, away.notes, away.merged_into_id) == ("", "", by_name[canary(100)])
    again.dispose()
    everywhere_but_before = {k: v for k, v in files.items() if k != "exports before"}
    leaks = {k: sorted(found(v) & erased) for k, v in everywhere_but_before.items() if found(v) & erased}
    assert leaks == {}, {k: (len(v), v[:5]) for k, v in leaks.items()}
    assert found(files["exports after"]) >= {canary(700), canary(5)}, "the search finds plaintext names"
    # the agreement saved before canary(0) was erased is the user's own file: it still names them
    assert found(files["exports before"]) & erased == {canary(0)}
    for where in ("temp", "settings", "logs"):
        assert found(files[where]) == set(), where
    if encrypted:
        for where in ("database", "-wal", "-shm", "backups", "database closed"):
            assert found(files.get(where, {})) == set(), where
