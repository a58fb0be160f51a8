"""Demo data: reproducible, consistent, with the published rates, every
status and stage, names in many scripts, and nothing written on cancel."""

from __future__ import annotations

import datetime as dt
import re
import statistics

import pytest
from sqlalchemy import func, select

from duo_desktop.models import Branch, Event, Participant
from duo_desktop.models.enums import DuoStage, ParticipantStatus
from duo_desktop.services import demo
from duo_desktop.services.duplicates import normalise_phone
from duo_desktop.services.errors import Cancelled
from duo_desktop.text import search_name
from duo_desktop.store import open_store
from .sqlite_files import connect, sqlite_file


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

TODAY = dt.date(2026, 3, 16)
MAIN_TABLES = ("branch", "coordinator", "participant", "participant_language", "participant_sector",
               "availability_slot", "status_change", "event", "attendance", "duo", "duo_stage_change", "meeting",
               "check_in", "evaluation", "outcome")


def _build(path, participants=2000, seed=1):
    store = open_store(f"sqlite:///{path}")
    summary = demo.generate(store.engine, participants=participants, seed=seed, today=TODAY)
    store.dispose()
    return summary


@pytest.fixture(scope="module")
def programme(tmp_path_factory):
    """One demo programme of 2,000 participants shared by the read-only tests."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    summary = _build(path)
    connection = connect(path)
    yield connection, summary
    connection.close()


def _dump(path, table):
    with sqlite_file(path) as connection:
        return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()  # noqa: S608


def test_same_seed_gives_the_same_programme(tmp_path):
    a, b, c = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3", tmp_path / "c.sqlite3"
    _build(a, participants=400, seed=7)
    _build(b, participants=400, seed=7)
    _build(c, participants=400, seed=8)
    for table in MAIN_TABLES:
        assert _dump(a, table) == _dump(b, table), table
    assert _dump(a, "participant") != _dump(c, "participant")


def test_every_status_and_every_stage_is_present(programme):
    connection, summary = programme
    statuses = {s for (s,) in connection.execute("SELECT DISTINCT status FROM participant")}
    assert statuses == {s.value for s in ParticipantStatus}
    for role in ("mentor", "mentee"):
        found = {s for (s,) in connection.execute("SELECT DISTINCT status FROM participant WHERE role = ?", (role,))}
        assert {"applicant", "ready_to_match", "in_duo", "alumni", "withdrawn", "not_eligible"} <= found, role
    stages = {s for (s,) in connection.execute("SELECT DISTINCT stage FROM duo")}
    assert stages == {s.value for s in DuoStage}
    assert summary.participants == 2000
    kinds = {k for (k,) in connection.execute("SELECT DISTINCT kind FROM event")}
    assert kinds == {"info_session", "training", "intervision"}


def test_rates_look_like_the_published_ones(programme):
    connection, _summary = programme
    positive, job = connection.execute(
        "SELECT avg(kind IN ('job', 'internship', 'training', 'studies')), avg(kind = 'job') FROM outcome "
        "WHERE moment = 'after_12_months'").fetchone()
    assert positive == pytest.approx(0.71, abs=0.06)
    assert job == pytest.approx(0.53, abs=0.06)
    # 9 out of 10 mentors whose first duo ended long enough ago started a second one
    (second,) = connection.execute(
        "SELECT avg(n >= 2) FROM (SELECT mentor_id, count(*) AS n, min(ended_on) AS first_end FROM duo "
        "WHERE agreement_signed_on IS NOT NULL GROUP BY mentor_id) WHERE first_end < '2025-12-01'").fetchone()
    assert second == pytest.approx(0.9, abs=0.06)
    # a match (first proposal) within about a month of the application
    waits = [w for (w,) in connection.execute(
        "SELECT min(julianday(d.proposed_on) - julianday(p.applied_on)) FROM duo d "
        "JOIN participant p ON p.id = d.mentee_id GROUP BY d.mentee_id")]
    assert 20 <= statistics.median(waits) <= 40


def test_matching_board_has_work(programme):
    connection, _summary = programme
    (waiting,) = connection.execute(
        "SELECT count(*) FROM participant p WHERE role = 'mentee' AND status = 'ready_to_match' AND NOT EXISTS "
        "(SELECT 1 FROM duo d WHERE d.mentee_id = p.id AND d.stage IN "
        "('proposed', 'first_meeting_planned', 'awaiting_agreement', 'active'))").fetchone()
    (free,) = connection.execute(
        "SELECT count(*) FROM participant p WHERE role = 'mentor' AND status = 'ready_to_match' AND NOT EXISTS "
        "(SELECT 1 FROM duo d WHERE d.mentor_id = p.id AND d.stage IN "
        "('proposed', 'first_meeting_planned', 'awaiting_agreement', 'active'))").fetchone()
    assert waiting >= 20 and free >= 10
    (refused_again,) = connection.execute(
        "SELECT count(*) FROM duo r JOIN duo later ON later.mentor_id = r.mentor_id AND later.mentee_id = r.mentee_id "
        "AND later.proposed_on > r.proposed_on WHERE r.stage = 'refused'").fetchone()
    assert refused_again == 0  # a refused pair is never proposed again


def test_records_are_consistent(programme):
    connection, _summary = programme
    # one open duo at most per person
    for side in ("mentor_id", "mentee_id"):
        (busy,) = connection.execute(
            f"SELECT count(*) FROM (SELECT {side} FROM duo WHERE stage IN ('proposed', 'first_meeting_planned', "  # noqa: S608
            f"'awaiting_agreement', 'active') GROUP BY {side} HAVING count(*) > 1)").fetchone()
        assert busy == 0, side
    # people in an active duo have the status "in a duo"; meetings fall within the duo
    (wrong,) = connection.execute(
        "SELECT count(*) FROM duo d JOIN participant p ON p.id IN (d.mentor_id, d.mentee_id) "
        "WHERE d.stage = 'active' AND p.status != 'in_duo'").fetchone()
    assert wrong == 0
    (outside,) = connection.execute(
        "SELECT count(*) FROM meeting m JOIN duo d ON d.id = m.duo_id WHERE m.held_on < d.agreement_signed_on "
        "OR m.held_on > coalesce(d.ended_on, ?)", (TODAY.isoformat(),)).fetchone()
    assert outside == 0
    # every mentor who was ever in a duo attended a training before the duo started
    (untrained,) = connection.execute(
        "SELECT count(*) FROM duo d WHERE d.agreement_signed_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM attendance a "
        "JOIN event e ON e.id = a.event_id WHERE a.participant_id = d.mentor_id AND e.kind = 'training' "
        "AND a.status = 'attended' AND date(e.starts_at) < d.proposed_on)").fetchone()
    assert untrained == 0
    # nothing happens after "today"
    (future,) = connection.execute("SELECT count(*) FROM status_change WHERE changed_on > ?",
                                   (TODAY.isoformat(),)).fetchone()
    assert future == 0
    # the current status is the last step of the history
    (mismatch,) = connection.execute(
        "SELECT count(*) FROM participant p WHERE p.status != (SELECT to_status FROM status_change s "
        "WHERE s.participant_id = p.id ORDER BY s.id DESC LIMIT 1)").fetchone()
    assert mismatch == 0


def test_mentees_fit_their_branch_age_limits_unless_overridden(programme):
    connection, _summary = programme
    rows = connection.execute(
        "SELECT p.birth_date, p.applied_on, b.mentee_min_age, b.mentee_max_age, p.eligibility_overrides, p.status "
        "FROM participant p JOIN branch b ON b.id = p.branch_id WHERE p.role = 'mentee'").fetchall()
    outside = 0
    for birth, applied, low, high, overrides, status in rows:
        birth, applied = dt.date.fromisoformat(birth), dt.date.fromisoformat(applied)
        age = applied.year - birth.year - ((applied.month, applied.day) < (birth.month, birth.day))
        if not low <= age <= high and overrides == "{}" and status != "not_eligible":
            outside += 1
    assert outside == 0
    limits = {m for (m,) in connection.execute("SELECT DISTINCT mentee_max_age FROM branch")}
    assert limits == {30, 33}


def test_names_in_many_scripts_with_search_keys(programme):
    connection, _summary = programme
    names = connection.execute("SELECT first_name, last_name, search_name, phone, phone_key FROM participant").fetchall()
    text = " ".join(f"{first} {last}" for first, last, *_rest in names)
    assert re.search(r"[\u0600-\u06FF]", text)  # Arabic script (Arabic, Dari)
    assert re.search(r"[\u1200-\u137F]", text)  # Ge'ez (Tigrinya, Amharic)
    assert re.search(r"[\u0400-\u04FF]", text)  # Cyrillic
    assert re.search(r"[éëèçşğıü]", text)  # Latin with accents (French, Turkish...)
    for first, last, key, phone, phone_key in names:
        assert key == search_name(first, last)
        assert phone_key == normalise_phone(phone)


def test_cancel_leaves_the_database_empty(store):
    calls = []

    def progress(done, total):
        calls.append(done)
        return done < total * 0.8  # the user presses Cancel while rows are being written

    with pytest.raises(Cancelled):
        demo.generate(store.engine, participants=300, seed=1, today=TODAY, progress=progress)
    assert calls and max(calls) > 300  # the writing had started
    with store.session() as session:
        assert demo.is_empty(session)
        assert session.scalar(select(func.count()).select_from(Branch)) == 0
        assert session.scalar(select(func.count()).select_from(Event)) == 0


def test_append_reuses_the_branches(store):
    first = demo.generate(store.engine, participants=150, seed=1, today=TODAY)
    second = demo.generate(store.engine, participants=150, seed=2, today=TODAY)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Branch)) == 6
        assert session.scalar(select(func.count()).select_from(Participant)) == first.participants + second.participants


def test_a_few_people_entered_twice_are_found_by_the_duplicate_check(store):
    from duo_desktop.services.duplicates import find_candidates

    demo.generate(store.engine, participants=2000, seed=1, today=TODAY)
    with store.session() as session:
        recent = session.scalars(select(Participant).where(Participant.applied_on >= TODAY - dt.timedelta(days=80))
                                 .order_by(Participant.id)).all()
        found = [p for p in recent if find_candidates(session, p.first_name, p.last_name, p.birth_date,
                                                      phone=p.phone, exclude_id=p.id)]
    assert 1 <= len(found) <= 20


def test_the_same_seed_gives_the_same_programme_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import datetime, sys; from duo_desktop.store import open_store; from duo_desktop.services import demo; "
            "s = open_store('sqlite:///' + sys.argv[1]); "
            "demo.generate(s.engine, participants=300, seed=3, today=datetime.date(2026, 3, 16))")
    paths = []
    for hash_seed in ("1", "2"):
        path = tmp_path / f"hash{hash_seed}.sqlite3"
        subprocess.run([sys.executable, "-c", code, str(path)], check=True,
                       env=dict(os.environ, PYTHONHASHSEED=hash_seed))
        paths.append(path)
    for table in MAIN_TABLES:
        assert _dump(paths[0], table) == _dump(paths[1], table), table


def test_the_search_index_holds_every_demo_participant(programme):
    """The demo writes with Core bulk inserts, past the ORM: the searched text
    and its FTS5 index are filled all the same (issue 15)."""
    from duo_desktop.text import search_text

    connection, _summary = programme
    rows = connection.execute("SELECT id, search_name, email, municipality, phone_key, search_text "
                              "FROM participant").fetchall()
    assert rows and all(row[5] == search_text(*row[1:5]) for row in rows)
    pid, name = next((row[0], row[1]) for row in rows if len(row[1]) >= 5)
    found = connection.execute("SELECT rowid FROM participant_search WHERE participant_search MATCH ?",
                               (f'"{name}"',)).fetchall()
    assert (pid,) in found
    assert connection.execute("SELECT count(*) FROM participant_search").fetchone()[0] == len(rows)
