"""A duo from proposal to its 12-month outcome with a fixed clock: each alert
appears on its day (not the day before) and disappears once handled."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.i18n import Translator
from duo_desktop.models import (
    CheckInWith,
    ContractType,
    Decision,
    DuoStage,
    EndReason,
    Gain,
    MeetingChannel,
    MeetingTopic,
    ObjectivesReached,
    OutcomeKind,
    OutcomeMoment,
    Participant,
    ParticipantStatus,
    Respondent,
    Role,
)
from duo_desktop.services import alerts as al
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services import followup as fu
from duo_desktop.services.alerts import AlertKind as K
from duo_desktop.services.clock import FixedClock
from duo_desktop.services.duo_lifecycle import get_duo

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

D = dt.date


def kinds(store, duo_id: int, day: dt.date) -> set[K]:
    with store.session() as s:
        return {a.kind for a in al.duo_alerts(s, duo_id, day)}


def appears_on(store, duo_id: int, kind: K, day: dt.date) -> None:
    assert kind not in kinds(store, duo_id, day - dt.timedelta(days=1)), f"{kind} too early"
    assert kind in kinds(store, duo_id, day), f"{kind} missing on {day}"


@pytest.fixture
def people(store):
    with store.transaction() as s:
        b = f.branch(s)
        c = f.coordinator(s, b)
        mentor = f.participant(s, b, role=Role.MENTOR, first="Фатима", last="Иванова")
        mentee = f.participant(s, b, role=Role.MENTEE, first="محمد", last="العلي")
        return b.id, c.id, mentor.id, mentee.id


def test_a_duo_from_proposal_to_its_12_month_outcome(store, people):
    _b, cid, mentor_id, mentee_id = people
    clock = FixedClock.on(D(2026, 1, 5))
    with store.transaction() as s:
        duo = life.propose(s, s.get(Participant, mentor_id), s.get(Participant, mentee_id), clock.now(), cid)
        life.plan_first_meeting(s, duo, dt.datetime(2026, 1, 8, 14), "Antenne", clock.now())
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, D(2026, 1, 8), clock.now())
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, D(2026, 1, 9), clock.now())
        duo_id = duo.id

    # agreement not signed 14 days after both said yes (9 Jan): day 13 no, day 14 yes
    appears_on(store, duo_id, K.AGREEMENT_NOT_SIGNED, D(2026, 1, 23))
    with store.transaction() as s:
        life.sign_agreement(s, get_duo(s, duo_id), D(2026, 1, 26), "fr", clock.now())
    assert kinds(store, duo_id, D(2026, 1, 26)) == set()

    # no meeting for 14 days after the signature, then after the last meeting
    appears_on(store, duo_id, K.NO_MEETING, D(2026, 2, 9))
    with store.transaction() as s:
        fu.record_meeting(s, fu.MeetingEntry(duo_id, D(2026, 2, 5), 120, MeetingChannel.IN_PERSON,
                                             (MeetingTopic.CV,)), D(2026, 2, 9), clock.now())
    assert K.NO_MEETING not in kinds(store, duo_id, D(2026, 2, 18))
    appears_on(store, duo_id, K.NO_MEETING, D(2026, 2, 19))

    # two check-ins in the first month: due 15 days after the signature...
    appears_on(store, duo_id, K.CHECK_IN_DUE, D(2026, 2, 10))
    with store.transaction() as s:
        fu.record_check_in(s, duo_id, D(2026, 2, 10), D(2026, 2, 10), clock.now(), CheckInWith.BOTH,
                           rating=4, coordinator_id=cid)
    # ... and again 15 days later, then monthly
    appears_on(store, duo_id, K.CHECK_IN_DUE, D(2026, 2, 25))
    with store.transaction() as s:
        fu.record_check_in(s, duo_id, D(2026, 2, 25), D(2026, 2, 25), clock.now(), coordinator_id=cid)
    appears_on(store, duo_id, K.CHECK_IN_DUE, D(2026, 3, 27))

    # the six months (planned end 26 July) end within 3 weeks: from 5 July
    with store.session() as s:
        assert get_duo(s, duo_id).planned_end_on == D(2026, 7, 26)
    appears_on(store, duo_id, K.ENDING_SOON, D(2026, 7, 5))

    with store.transaction() as s:
        life.end_duo(s, get_duo(s, duo_id), D(2026, 7, 26), EndReason.COMPLETED, clock.now())
    after_end = kinds(store, duo_id, D(2026, 7, 26))
    assert after_end == {K.EVALUATION_DUE}  # the active-duo alerts are gone

    with store.transaction() as s:
        fu.record_evaluation(s, duo_id, fu.EvaluationInput(Respondent.MENTEE, D(2026, 7, 27), ObjectivesReached.YES,
                                                           5, (Gain.CONFIDENCE, Gain.CV_AND_LETTERS)),
                             D(2026, 7, 27), clock.now())
    assert K.EVALUATION_DUE in kinds(store, duo_id, D(2026, 7, 27))  # the mentor's is still missing
    with store.transaction() as s:
        fu.record_evaluation(s, duo_id, fu.EvaluationInput(Respondent.MENTOR, D(2026, 7, 28), ObjectivesReached.PARTLY,
                                                           4, wants_new_duo=False), D(2026, 7, 28), clock.now())
        assert s.get(Participant, mentor_id).status is ParticipantStatus.ALUMNI  # leaves the pool
    assert kinds(store, duo_id, D(2026, 7, 28)) == set()

    appears_on(store, duo_id, K.OUTCOME_3_MONTHS_DUE, D(2026, 10, 26))
    with store.transaction() as s:
        fu.record_outcome(s, duo_id, fu.OutcomeInput(OutcomeKind.STILL_SEARCHING, OutcomeMoment.AFTER_3_MONTHS,
                                                     D(2026, 10, 27)), D(2026, 10, 27), clock.now())
    assert kinds(store, duo_id, D(2026, 10, 27)) == set()

    appears_on(store, duo_id, K.OUTCOME_12_MONTHS_DUE, D(2027, 7, 26))
    with store.transaction() as s:
        fu.record_outcome(s, duo_id, fu.OutcomeInput(OutcomeKind.JOB, OutcomeMoment.AFTER_12_MONTHS, D(2027, 7, 30),
                                                     D(2027, 5, 1), ContractType.PERMANENT, "logistics"),
                          D(2027, 7, 30), clock.now())
    assert kinds(store, duo_id, D(2027, 7, 30)) == set()


def test_a_mentor_who_wants_a_new_duo_stays_in_the_pool_and_can_change_their_mind(store, people):
    duo_id = _ended_duo(store, people)
    now = dt.datetime(2026, 8, 1, 9)
    answer = fu.EvaluationInput(Respondent.MENTOR, D(2026, 8, 1), ObjectivesReached.YES, 5, wants_new_duo=False)
    with store.transaction() as s:
        fu.record_evaluation(s, duo_id, answer, D(2026, 8, 1), now)
    with store.transaction() as s:
        from dataclasses import replace

        fu.record_evaluation(s, duo_id, replace(answer, wants_new_duo=True), D(2026, 8, 1), now)
        assert s.get(Participant, people[2]).status is ParticipantStatus.READY_TO_MATCH
        from duo_desktop.models import Evaluation

        assert len(list(s.scalars(__import__("sqlalchemy").select(Evaluation)))) == 1  # corrected, not doubled


def _ended_duo(store, people, end: dt.date = D(2026, 7, 26)) -> int:
    _b, cid, mentor_id, mentee_id = people
    now = dt.datetime(2026, 1, 5, 9)
    with store.transaction() as s:
        duo = life.propose(s, s.get(Participant, mentor_id), s.get(Participant, mentee_id), now, cid)
        life.plan_first_meeting(s, duo, dt.datetime(2026, 1, 8, 14), "", now)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, D(2026, 1, 8), now)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, D(2026, 1, 9), now)
        life.sign_agreement(s, duo, D(2026, 1, 26), "nl", now)
        life.end_duo(s, duo, end, EndReason.MENTEE_FOUND_JOB, now)
        return duo.id


def _active_duo(store, people) -> int:
    _b, cid, mentor_id, mentee_id = people
    now = dt.datetime(2026, 1, 5, 9)
    with store.transaction() as s:
        duo = life.propose(s, s.get(Participant, mentor_id), s.get(Participant, mentee_id), now, cid)
        life.plan_first_meeting(s, duo, dt.datetime(2026, 1, 8, 14), "", now)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, D(2026, 1, 8), now)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, D(2026, 1, 9), now)
        life.sign_agreement(s, duo, D(2026, 1, 26), "fr", now)
        return duo.id


def test_illegal_steps_are_refused_with_a_reason(store, people):
    _b, cid, mentor_id, mentee_id = people
    now = dt.datetime(2026, 1, 5, 9)
    today = D(2026, 3, 16)
    with store.transaction() as s:
        duo = life.propose(s, s.get(Participant, mentor_id), s.get(Participant, mentee_id), now, cid)
        duo_id = duo.id
    with store.transaction() as s:
        with pytest.raises(fu.RuleError, match="convention"):
            fu.record_meeting(s, fu.MeetingEntry(duo_id, D(2026, 1, 10)), today, now)
        with pytest.raises(fu.RuleError, match="terminé"):
            fu.record_evaluation(s, duo_id, fu.EvaluationInput(Respondent.MENTEE, today, ObjectivesReached.YES, 3),
                                 today, now)
        with pytest.raises(fu.RuleError, match="terminé"):
            fu.record_outcome(s, duo_id, fu.OutcomeInput(OutcomeKind.JOB, OutcomeMoment.AT_END, today), today, now)
        with pytest.raises(fu.RuleError, match="actif"):
            life.end_duo(s, get_duo(s, duo_id), today, EndReason.COMPLETED, now)
        assert get_duo(s, duo_id).stage is DuoStage.PROPOSED


def test_bad_input_says_what_is_wrong(store, people):
    duo_id = _active_duo(store, people)
    today, now = D(2026, 3, 16), dt.datetime(2026, 3, 16, 9)
    with store.transaction() as s:
        with pytest.raises(fu.RuleError, match="futur"):
            fu.record_meeting(s, fu.MeetingEntry(duo_id, D(2026, 3, 17)), today, now)
        with pytest.raises(fu.RuleError, match="avant la signature"):
            fu.record_meeting(s, fu.MeetingEntry(duo_id, D(2026, 1, 20)), today, now)
        with pytest.raises(fu.RuleError, match="durée"):
            fu.record_meeting(s, fu.MeetingEntry(duo_id, D(2026, 3, 10), 0), today, now)
        with pytest.raises(fu.RuleError, match="préoccupations"):
            fu.record_check_in(s, duo_id, today, today, now, follow_up_needed=True)
    end_id = _ended_duo_second(store, people)
    with store.transaction() as s:
        with pytest.raises(fu.RuleError, match="contrat"):
            fu.record_outcome(s, end_id, fu.OutcomeInput(OutcomeKind.JOB, OutcomeMoment.AT_END, today), today, now)
        with pytest.raises(fu.RuleError, match="nouveau duo"):
            fu.record_evaluation(s, end_id, fu.EvaluationInput(Respondent.MENTOR, today, ObjectivesReached.YES, 3),
                                 today, now)


def _ended_duo_second(store, people) -> int:
    b_id = people[0]
    with store.transaction() as s:
        from duo_desktop.models import Branch

        b = s.get(Branch, b_id)
        mentor = f.participant(s, b, role=Role.MENTOR, first="ሰላም", last="ተስፋይ")
        mentee = f.participant(s, b, role=Role.MENTEE, first="Joëlle", last="Dubois")
        ids = (b_id, people[1], mentor.id, mentee.id)
    return _ended_duo(store, ids, end=D(2026, 3, 1))


def test_a_week_of_meetings_is_saved_whole_or_not_at_all(store, people):
    first = _active_duo(store, people)
    second = _ended_duo_second(store, people)  # ended on 1 March
    today, now = D(2026, 3, 16), dt.datetime(2026, 3, 16, 9)
    entries = [fu.MeetingEntry(first, D(2026, 3, 10), 90, MeetingChannel.VIDEO, (MeetingTopic.NETWORK,)),
               fu.MeetingEntry(second, D(2026, 3, 11))]
    with pytest.raises(fu.RuleError, match="Ligne 2"):
        with store.transaction() as s:
            fu.record_week(s, entries, today, now)
    with store.session() as s:
        from sqlalchemy import func, select

        from duo_desktop.models import Meeting

        assert s.scalar(select(func.count()).select_from(Meeting)) == 0
    with store.transaction() as s:
        fu.record_week(s, entries[:1], today, now)
        assert s.scalar(select(func.count()).select_from(Meeting)) == 1


def test_the_today_list_gathers_alerts_per_coordinator(store, people):
    duo_id = _active_duo(store, people)  # signed on 26 January, nothing logged since
    with store.session() as s:
        groups = al.today_list(s, D(2026, 3, 16))
    assert len(groups) == 1 and groups[0].coordinator == "Camille Test"
    items = groups[0].items
    assert {i.alert.kind for i in items} == {K.NO_MEETING, K.CHECK_IN_DUE}
    assert items[0].duo_id == duo_id and items[0].mentee == "محمد العلي"
    assert "49" in items[0].alert.message()  # days since the signature


def test_overview_filters_on_needs_attention(store, people):
    from duo_desktop.services import duo_overview as ov

    duo_id = _active_duo(store, people)
    with store.transaction() as s:
        fu.record_meeting(s, fu.MeetingEntry(duo_id, D(2026, 3, 13)), D(2026, 3, 16), dt.datetime(2026, 3, 16))
        fu.record_check_in(s, duo_id, D(2026, 3, 13), D(2026, 3, 16), dt.datetime(2026, 3, 16))
    with store.session() as s:
        rows = ov.entries(s, ov.DuoFilter(), D(2026, 3, 16))
        assert [r.id for r in rows] == [duo_id]
        assert rows[0].days_since_last_meeting == 3 and rows[0].facts.meetings == 1
        assert rows[0].weeks_since_agreement == 7
        assert ov.entries(s, ov.DuoFilter(needs_attention=True), D(2026, 3, 16)) == []
        assert ov.entries(s, ov.DuoFilter(needs_attention=True), D(2026, 3, 27))[0].id == duo_id


def test_timeline_tells_the_story_newest_first(store, people):
    from duo_desktop.services.timeline import EntryKind, timeline

    duo_id = _ended_duo(store, people)
    with store.transaction() as s:
        fu.record_check_in(s, duo_id, D(2026, 2, 2), D(2026, 8, 1), dt.datetime(2026, 8, 1), rating=2,
                           concerns="Retards", follow_up_needed=True)
        fu.record_meeting(s, fu.MeetingEntry(duo_id, D(2026, 2, 3), 60, topics=(MeetingTopic.CV,)),
                          D(2026, 8, 1), dt.datetime(2026, 8, 1))
    with store.session() as s:
        entries = timeline(s, duo_id)
    assert [e.kind for e in entries] == [EntryKind.END, EntryKind.MEETING, EntryKind.CHECK_IN, EntryKind.AGREEMENT,
                                         EntryKind.DECISION, EntryKind.DECISION, EntryKind.FIRST_MEETING,
                                         EntryKind.PROPOSAL]
    assert "CV" in entries[1].detail and "Retards" in entries[2].detail
    assert entries[0].detail == "Emploi trouvé"  # the end reason, whatever the mentee's gender
    with store.session() as s:  # in another language than the interface's (a read on a worker thread)
        dutch = timeline(s, duo_id, Translator("nl"))
    assert [e.kind for e in dutch] == [e.kind for e in entries]
    assert dutch[1].title == "Ontmoeting" and entries[1].title == "Rencontre"


def test_the_agreement_needs_its_language(store, people):
    _b, cid, mentor_id, mentee_id = people
    now = dt.datetime(2026, 1, 5, 9)
    with store.transaction() as s:
        duo = life.propose(s, s.get(Participant, mentor_id), s.get(Participant, mentee_id), now, cid)
        life.plan_first_meeting(s, duo, dt.datetime(2026, 1, 8, 14), "", now)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, D(2026, 1, 8), now)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, D(2026, 1, 9), now)
        with pytest.raises(fu.RuleError, match="langue"):
            life.sign_agreement(s, duo, D(2026, 1, 12), "", now)
        assert duo.stage is DuoStage.AWAITING_AGREEMENT and duo.agreement_signed_on is None


def test_an_early_end_moves_the_follow_up_dates(store, people):
    duo_id = _ended_duo(store, people, end=D(2026, 4, 30))  # mentee found a job after three months
    assert kinds(store, duo_id, D(2026, 4, 30)) == {K.EVALUATION_DUE}
    with store.transaction() as s:
        for side, wants in ((Respondent.MENTEE, None), (Respondent.MENTOR, True)):
            fu.record_evaluation(s, duo_id, fu.EvaluationInput(side, D(2026, 4, 30), ObjectivesReached.YES, 5,
                                                               wants_new_duo=wants), D(2026, 4, 30),
                                 dt.datetime(2026, 4, 30))
    appears_on(store, duo_id, K.OUTCOME_3_MONTHS_DUE, D(2026, 7, 30))
    # at 12 months the 3-month question gives way to the 12-month one
    assert kinds(store, duo_id, D(2027, 4, 30)) == {K.OUTCOME_12_MONTHS_DUE}
    # and after 15 months a duo is no longer followed
    assert kinds(store, duo_id, D(2027, 7, 30)) == set()


def test_timeline_shows_the_intervisions_the_mentor_attended_during_the_duo(store, people):
    from duo_desktop.models import Attendance, AttendanceStatus, Event, EventKind
    from duo_desktop.services.timeline import EntryKind, timeline

    b_id, _c, mentor_id, _mentee = people
    duo_id = _ended_duo(store, people)  # signed 26 January, ended 26 July
    with store.transaction() as s:
        for day, status in ((dt.datetime(2026, 3, 5, 18), AttendanceStatus.ATTENDED),
                            (dt.datetime(2026, 4, 2, 18), AttendanceStatus.EXCUSED),
                            (dt.datetime(2025, 11, 6, 18), AttendanceStatus.ATTENDED)):  # before the duo
            event = Event(branch_id=b_id, kind=EventKind.INTERVISION, title=f"Intervision {day:%B}", starts_at=day)
            event.attendances.append(Attendance(participant_id=mentor_id, status=status))
            s.add(event)
    with store.session() as s:
        found = [e for e in timeline(s, duo_id) if e.kind is EntryKind.INTERVISION]
    assert [(e.day, e.detail) for e in found] == [(D(2026, 3, 5), "Intervision March")]
    assert found[0].title == "Intervision suivie par le mentor"
