"""One mentee, one open duo; a mentor within capacity: kept by the database
(a partial unique index) and checked under a lock inside the write
transaction, so two coordinators saving at the same instant cannot break
them. The second one is told which duo took the place, and nothing of theirs
is saved. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from duo_desktop.models import Duo, DuoStage, Participant, Role
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services import merge
from duo_desktop.services.errors import RuleError
from duo_desktop.services.matching import proposals

from . import factories as f

NOW = dt.datetime(2026, 3, 16, 10)


@pytest.fixture
def store(store_any):
    return store_any


@pytest.fixture
def people(store):
    """A branch where a mentor may take two mentees; three mentors, three mentees."""
    with store.transaction() as s:
        b = f.branch(s, max_mentees_per_mentor=2)
        mentors = [f.participant(s, b, role=Role.MENTOR, max_mentees=1).id for _ in range(3)]
        mentees = [f.participant(s, b, role=Role.MENTEE).id for _ in range(3)]
        return b.id, mentors, mentees


def _open_duos(store, **where) -> int:
    with store.session() as s:
        cond = [getattr(Duo, k) == v for k, v in where.items()]
        return s.scalar(select(func.count()).select_from(Duo).where(Duo.stage.in_(life.OPEN_STAGES), *cond))


def test_the_database_itself_refuses_a_second_open_duo_for_a_mentee(store, people):
    branch, mentors, mentees = people
    with store.transaction() as s:
        s.add(Duo(branch_id=branch, mentor_id=mentors[0], mentee_id=mentees[0], proposed_on=NOW.date()))
    with pytest.raises(IntegrityError), store.transaction() as s:  # bypassing every service check
        s.add(Duo(branch_id=branch, mentor_id=mentors[1], mentee_id=mentees[0], proposed_on=NOW.date()))
    # a closed duo does not count: after a cancellation the mentee can be proposed again
    with store.transaction() as s:
        s.scalars(select(Duo)).one().stage = DuoStage.CANCELLED
        s.add(Duo(branch_id=branch, mentor_id=mentors[1], mentee_id=mentees[0], proposed_on=NOW.date()))
    assert _open_duos(store, mentee_id=mentees[0]) == 1


def _race(store, first, second, hold: float = 0.6):
    """``first(session)`` saves and keeps its transaction open ``hold``
    seconds; ``second(session)`` starts meanwhile in another transaction.
    Returns (second's result or exception, seconds the second one took)."""
    started = threading.Event()
    out: dict = {}

    def coordinator_a():
        with store.transaction() as s:
            out["first"] = first(s)
            started.set()
            time.sleep(hold)

    def coordinator_b():
        started.wait(10)
        t0 = time.monotonic()
        try:
            with store.transaction() as s:
                out["second"] = second(s)
        except Exception as exc:  # noqa: BLE001
            out["second"] = exc
        out["waited"] = time.monotonic() - t0

    threads = [threading.Thread(target=coordinator_a), threading.Thread(target=coordinator_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads), "a coordinator is still waiting (deadlock?)"
    return out


def test_two_coordinators_proposing_one_mentee_at_once(store, people):
    _branch, mentors, mentees = people
    out = _race(store, lambda s: proposals.propose_pair(s, mentees[0], mentors[0], NOW),
                lambda s: proposals.propose_pair(s, mentees[0], mentors[1], NOW))
    err = out["second"]
    assert isinstance(err, RuleError) and err.code == "mentee_busy"
    assert err.params["duo"] == out["first"]  # names the duo that took the mentee
    assert str(out["first"]) in err.message()
    assert out["waited"] >= 0.3  # it waited for the first save instead of reading too early
    assert _open_duos(store, mentee_id=mentees[0]) == 1
    assert _open_duos(store, mentor_id=mentors[1]) == 0  # nothing of the second was saved


def test_two_coordinators_taking_a_mentors_last_place_at_once(store, people):
    _branch, mentors, mentees = people
    out = _race(store, lambda s: proposals.propose_pair(s, mentees[0], mentors[0], NOW),
                lambda s: proposals.propose_pair(s, mentees[1], mentors[0], NOW))
    err = out["second"]
    assert isinstance(err, RuleError) and err.code == "mentor_full"
    assert err.params["duo"] == out["first"] and err.params["capacity"] == 1
    assert _open_duos(store, mentor_id=mentors[0]) == 1
    assert _open_duos(store, mentee_id=mentees[1]) == 0


def test_a_mentors_capacity_is_their_own_number_capped_by_the_branch(store, people):
    _branch, mentors, mentees = people
    with store.transaction() as s:
        s.get(Participant, mentors[0]).max_mentees = 5  # the branch allows 2
    with store.transaction() as s:
        proposals.propose_pair(s, mentees[0], mentors[0], NOW)
        proposals.propose_pair(s, mentees[1], mentors[0], NOW)
    with pytest.raises(RuleError) as err, store.transaction() as s:
        proposals.propose_pair(s, mentees[2], mentors[0], NOW)
    assert err.value.code == "mentor_full" and err.value.params["capacity"] == 2


def test_a_writer_that_skipped_the_checks_is_stopped_by_the_index_with_the_same_message(store, people, monkeypatch):
    _branch, mentors, mentees = people
    with store.transaction() as s:
        first = proposals.propose_pair(s, mentees[0], mentors[0], NOW)
    monkeypatch.setattr(life, "check_places", lambda *_a: None)  # an older version, or a script
    with pytest.raises(RuleError) as err, store.transaction() as s:
        life.propose(s, s.get(Participant, mentors[1]), s.get(Participant, mentees[0]), NOW)
    assert err.value.code == "mentee_busy" and err.value.params["duo"] == first
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Duo)) == 1  # nothing half-saved


def test_two_records_of_one_mentee_both_in_an_open_duo_are_not_merged(store, people):
    _branch, mentors, mentees = people
    with store.transaction() as s:
        a = proposals.propose_pair(s, mentees[0], mentors[0], NOW)
        b = proposals.propose_pair(s, mentees[1], mentors[1], NOW)
    with pytest.raises(RuleError) as err, store.transaction() as s:
        merge.merge(s, mentees[0], mentees[1], NOW)
    assert err.value.code == "two_open_duos" and {err.value.params["first"], err.value.params["second"]} == {a, b}


def test_the_upgrade_keeps_the_most_advanced_of_a_mentees_open_duos_and_cancels_the_others(store, people):
    from sqlalchemy import text

    from duo_desktop.models import DuoStageChange
    from duo_desktop.store.migrate import ensure_schema

    branch, mentors, mentees = people
    with store.transaction() as s:  # what two coordinators could do before (the index is added back below)
        s.execute(text("DROP INDEX uq_duo_open_mentee"))
        proposed = Duo(branch_id=branch, mentor_id=mentors[0], mentee_id=mentees[0], proposed_on=NOW.date())
        active = Duo(branch_id=branch, mentor_id=mentors[1], mentee_id=mentees[0], proposed_on=NOW.date(),
                     stage=DuoStage.ACTIVE)
        other = Duo(branch_id=branch, mentor_id=mentors[2], mentee_id=mentees[1], proposed_on=NOW.date())
        s.add_all([proposed, active, other])
    with store.engine.begin() as connection:  # now a database of revision 0002
        from duo_desktop.store import search_index

        for index in ("ix_participant_role_merged", "ix_attendance_event_status"):  # added by 0011
            connection.execute(text(f"DROP INDEX {index}"))
        search_index.uninstall(connection)  # added by 0010, with search_text
        connection.execute(text("ALTER TABLE participant DROP COLUMN search_text"))
        for index in ("ix_duo_mentor_proposed", "ix_duo_mentee_proposed", "ix_duo_stage_ended"):  # added by 0009
            connection.execute(text(f"DROP INDEX {index}"))
        connection.execute(text("DROP INDEX ix_participant_listed_name"))  # added by 0008
        for table in ("merge_undo", "person_note"):  # added by 0007
            connection.execute(text(f"DROP TABLE {table}"))
        connection.execute(text("ALTER TABLE participant DROP COLUMN name_prefix"))  # added by 0004
        for index in ("ix_duo_proposed_on", "ix_duo_agreement_signed_on", "ix_duo_ended_on",
                      "ix_status_change_to_status_on"):  # added by 0006, with esf_entry
            connection.execute(text(f"DROP INDEX {index}"))
        connection.execute(text("ALTER TABLE participant DROP COLUMN esf_entry"))
        for table in ("participant", "duo", "event"):
            connection.execute(text(f"ALTER TABLE {table} DROP COLUMN version"))
        for table in ("branch", "coordinator", "participant", "duo", "event"):
            connection.execute(text(f"DROP INDEX ix_{table}_uid"))
            connection.execute(text(f"ALTER TABLE {table} DROP COLUMN uid"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    store.engine.dispose()
    assert ensure_schema(store.engine) == "upgraded"
    from sqlalchemy import inspect

    assert "ix_participant_listed_name" in {ix["name"] for ix in inspect(store.engine).get_indexes("participant")}
    with store.session() as s:
        assert s.get(Duo, active.id).stage is DuoStage.ACTIVE and s.get(Duo, other.id).stage is DuoStage.PROPOSED
        assert s.get(Duo, proposed.id).stage is DuoStage.CANCELLED
        line = s.scalars(select(DuoStageChange).where(DuoStageChange.duo_id == proposed.id)).one()
        assert line.to_stage is DuoStage.CANCELLED and str(active.id) in line.note
        uids = s.scalars(select(Duo.uid)).all()  # the upgrade gave every existing row its own uid
        assert len(set(uids)) == 3 and all(u.version == 7 for u in uids)
        assert {p.version for p in s.scalars(select(Participant))} == {1}
    with pytest.raises(IntegrityError), store.transaction() as s:  # and the index is there now
        s.add(Duo(branch_id=branch, mentor_id=mentors[2], mentee_id=mentees[0], proposed_on=NOW.date()))
