"""Records follow the real order of events and may be caught up afterwards
(issue 17): each rule tested at its edge, one day (or one minute) either side."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import (AttendanceStatus, ContractType, Decision, EndReason, EventKind, OutcomeKind,
                                OutcomeMoment, ParticipantStatus, Role)
from duo_desktop.services import attendance as att
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services import events as ev
from duo_desktop.services import followup
from duo_desktop.services.errors import RuleError
from duo_desktop.services.matching import proposals
from duo_desktop.services.pipeline import change_status

from . import factories as f

NOW = dt.datetime(2026, 3, 16, 10)  # a Monday


def _pair(s):
    b = f.branch(s)
    return b, f.participant(s, b, role=Role.MENTOR), f.participant(s, b, role=Role.MENTEE)


def test_a_first_meeting_held_last_week_is_recorded_with_its_real_date(store):
    with store.transaction() as s:
        _b, mentor, mentee = _pair(s)
        duo = life.propose(s, mentor, mentee, NOW - dt.timedelta(days=14))
        with pytest.raises(RuleError) as refused:  # before the proposal: refused
            proposals.plan_first_meeting(s, duo.id, dt.datetime(2026, 3, 1, 14), "Antenne", NOW)
        assert refused.value.code == "date" and "2 mars 2026" in refused.value.message()
        last_week = dt.datetime(2026, 3, 9, 14)
        proposals.plan_first_meeting(s, duo.id, last_week, "Antenne", NOW)  # the day of the proposal + 7
        assert duo.first_meeting_at == last_week
        proposals.record_decision(s, duo.id, "mentor", Decision.ACCEPTED, dt.date(2026, 3, 9), NOW)
        assert duo.mentor_decided_on == dt.date(2026, 3, 9)


def test_a_decision_cannot_precede_the_first_meetings_time(store):
    with store.transaction() as s:
        _b, mentor, mentee = _pair(s)
        duo = life.propose(s, mentor, mentee, NOW - dt.timedelta(days=3))
        meeting = dt.datetime(2026, 3, 16, 14, 0)  # today at 14:00
        proposals.plan_first_meeting(s, duo.id, meeting, "Antenne", NOW)
        with pytest.raises(RuleError) as refused:  # today at 13:59: the meeting has not taken place
            proposals.record_decision(s, duo.id, "mentee", Decision.ACCEPTED, NOW.date(),
                                      meeting - dt.timedelta(minutes=1))
        assert refused.value.code == "date" and "14:00" in refused.value.message()
        proposals.record_decision(s, duo.id, "mentee", Decision.ACCEPTED, NOW.date(), meeting)  # 14:00: it has
        assert duo.mentee_decision is Decision.ACCEPTED


def _ended_duo(s, ended_on: dt.date):
    _b, mentor, mentee = _pair(s)
    duo = life.propose(s, mentor, mentee, dt.datetime(2025, 1, 6, 9))
    life.plan_first_meeting(s, duo, dt.datetime(2025, 1, 13, 14), "Antenne", dt.datetime(2025, 1, 6, 9))
    later = dt.datetime(2025, 1, 20, 9)
    life.record_decision(s, duo, "mentor", Decision.ACCEPTED, dt.date(2025, 1, 13), later)
    life.record_decision(s, duo, "mentee", Decision.ACCEPTED, dt.date(2025, 1, 13), later)
    life.sign_agreement(s, duo, dt.date(2025, 1, 20), "fr", later)
    life.end_duo(s, duo, ended_on, EndReason.COMPLETED, dt.datetime.combine(ended_on, dt.time(17)))
    return duo


def test_a_12_months_outcome_is_recorded_12_months_after_the_end(store):
    ended = dt.date(2025, 7, 18)
    today = dt.date(2026, 9, 1)
    outcome = followup.OutcomeInput(OutcomeKind.JOB, OutcomeMoment.AFTER_12_MONTHS, dt.date(2026, 7, 17),
                                    dt.date(2026, 5, 1), ContractType.PERMANENT)
    with store.transaction() as s:
        duo = _ended_duo(s, ended)
        with pytest.raises(RuleError) as refused:  # the day before the 12 months
            followup.record_outcome(s, duo.id, outcome, today, NOW)
        assert refused.value.code == "too_early" and "18 juillet 2026" in refused.value.message()
        saved = followup.record_outcome(s, duo.id, followup.OutcomeInput(
            OutcomeKind.JOB, OutcomeMoment.AFTER_12_MONTHS, dt.date(2026, 7, 18), dt.date(2026, 5, 1),
            ContractType.PERMANENT), today, NOW)
        assert saved.learnt_on == dt.date(2026, 7, 18)
        with pytest.raises(RuleError):  # and an outcome "at the end" is not learnt before the end
            followup.record_outcome(s, duo.id, followup.OutcomeInput(
                OutcomeKind.STILL_SEARCHING, OutcomeMoment.AT_END, ended - dt.timedelta(days=1)), today, NOW)


def test_a_meeting_after_the_end_of_the_duo_is_refused(store):
    ended = dt.date(2025, 7, 18)
    with store.transaction() as s:
        duo = _ended_duo(s, ended)
        with pytest.raises(RuleError) as refused:
            followup.record_meeting(s, followup.MeetingEntry(duo.id, ended + dt.timedelta(days=1)),
                                    dt.date(2026, 3, 16), NOW)
        assert refused.value.code == "date"
        assert followup.record_meeting(s, followup.MeetingEntry(duo.id, ended), dt.date(2026, 3, 16), NOW)


def test_a_training_held_before_the_intake_does_not_train_the_mentor(store):
    with store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR, status=ParticipantStatus.APPLICANT)
        change_status(s, mentor, ParticipantStatus.INTAKE_DONE, dt.date(2026, 3, 10))
        early = ev.create_event(s, ev.EventInput(b.id, EventKind.TRAINING, dt.datetime(2026, 3, 9, 9),
                                                 dt.datetime(2026, 3, 9, 17), title="Formation"), NOW)
        on_time = ev.create_event(s, ev.EventInput(b.id, EventKind.TRAINING, dt.datetime(2026, 3, 10, 9),
                                                   dt.datetime(2026, 3, 10, 17), title="Formation"), NOW)
        ev.invite(s, early, [mentor.id], NOW)
        ev.invite(s, on_time, [mentor.id], NOW)
        result = att.set_attendance(s, early, mentor.id, AttendanceStatus.ATTENDED, NOW)
        assert result.moves == [] and mentor.status is ParticipantStatus.INTAKE_DONE
        assert "avant l’entretien" in str(result.notes[0]) or "10 mars 2026" in str(result.notes[0])
        result = att.set_attendance(s, on_time, mentor.id, AttendanceStatus.ATTENDED, NOW)
        assert mentor.status is ParticipantStatus.READY_TO_MATCH and len(result.moves) == 2


def test_the_status_history_never_goes_backwards_in_time(store):
    with store.transaction() as s:
        b = f.branch(s)
        person = f.participant(s, b, status=ParticipantStatus.APPLICANT)
        change_status(s, person, ParticipantStatus.INTAKE_DONE, dt.date(2026, 3, 10))
        with pytest.raises(RuleError) as refused:  # the day before the current status
            change_status(s, person, ParticipantStatus.READY_TO_MATCH, dt.date(2026, 3, 9))
        assert refused.value.code == "date_order" and "10 mars 2026" in refused.value.message()
        change_status(s, person, ParticipantStatus.READY_TO_MATCH, dt.date(2026, 3, 10))  # the same day: fine
        assert [c.changed_on for c in person.status_history] == [dt.date(2026, 3, 10)] * 2
