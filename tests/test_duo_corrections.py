"""Corrections and undos on a duo (issue 17): the signature, the end, the
evaluations and outcomes, meetings and check-ins; each passes the rules of
the action it corrects and is in the duo's history."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from duo_desktop import i18n
from duo_desktop.models import (
    CheckIn,
    CheckInWith,
    Decision,
    Duo,
    DuoStage,
    EndReason,
    Evaluation,
    Meeting,
    MeetingChannel,
    ObjectivesReached,
    OutcomeKind,
    OutcomeMoment,
    Participant,
    ParticipantStatus,
    Respondent,
    Role,
)
from duo_desktop.services import duo_corrections as fix
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services import followup as fu
from duo_desktop.services.errors import RuleError
from duo_desktop.services.timeline import EntryKind, timeline

from . import factories as f

D = dt.date
NOW = dt.datetime(2026, 6, 10, 9)
TODAY = NOW.date()


def _active(store, ended: bool = False) -> int:
    """A duo signed on 2 February 2026, met on 10 February; ended on 30 May when asked."""
    at = dt.datetime(2026, 1, 20, 9)
    with store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR, first="Alain", last="Mertens")
        mentee = f.participant(s, b, first="Şükrü", last="Yılmaz")
        duo = life.propose(s, mentor, mentee, at)
        life.plan_first_meeting(s, duo, dt.datetime(2026, 1, 22, 14), "", at)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, D(2026, 1, 22), at)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, D(2026, 1, 23), at)
        life.sign_agreement(s, duo, D(2026, 2, 2), "fr", at)
        fu.record_meeting(s, fu.MeetingEntry(duo.id, D(2026, 2, 10)), TODAY, at)
        if ended:
            life.end_duo(s, duo, D(2026, 5, 30), EndReason.COMPLETED, at)
        return duo.id


def _stage(store, duo_id):
    with store.session() as s:
        duo = s.get(Duo, duo_id)
        return duo.stage, duo.mentee.status, duo.mentee.status_since, duo.mentor.status


def test_the_signature_is_corrected_within_the_rules_and_undone_once_no_meeting_is_logged(store):
    duo_id = _active(store)
    assert life.DuoAction.CORRECT_AGREEMENT in life.allowed_actions(DuoStage.ACTIVE, agreement_signed=True)
    for day, code in ((D(2026, 1, 21), "date"), (D(2026, 2, 11), "date"), (D(2026, 7, 1), "date")):
        with pytest.raises(RuleError) as err, store.transaction() as s:  # before the first meeting, after a
            fix.correct_agreement(s, duo_id, day, "nl", TODAY, NOW)        # logged meeting, in the future
        assert err.value.code == code
    with store.transaction() as s:
        fix.correct_agreement(s, duo_id, D(2026, 2, 3), "nl", TODAY, NOW)
    with store.session() as s:
        duo = s.get(Duo, duo_id)
        assert (duo.agreement_signed_on, duo.agreement_language, duo.planned_end_on) == (
            D(2026, 2, 3), "nl", D(2026, 8, 3))
    with pytest.raises(RuleError) as err, store.transaction() as s:
        fix.undo_agreement(s, duo_id, NOW)
    assert err.value.code == "has_meetings"
    with store.transaction() as s:  # each correction is its own action, as on screen
        meeting = s.scalars(select(Meeting).where(Meeting.duo_id == duo_id)).one()
        fix.delete_meeting(s, meeting.id, NOW)
    with store.transaction() as s:
        fix.undo_agreement(s, duo_id, NOW)
    with store.session() as s:
        duo = s.get(Duo, duo_id)
        assert (duo.stage, duo.agreement_signed_on) == (DuoStage.AWAITING_AGREEMENT, None)
        assert (duo.stage_history[-1].from_stage, duo.stage_history[-1].to_stage) == (
            DuoStage.ACTIVE, DuoStage.AWAITING_AGREEMENT)
        titles = [e.title for e in timeline(s, duo_id, i18n.Translator("en")) if e.kind is EntryKind.CORRECTION]
    assert sorted(titles) == ["Correction: the signature of the agreement", "Deleted: a meeting",
                              "Undone: the signature of the agreement"]


def test_the_end_is_corrected_with_the_statuses_it_gave_and_undone_back_to_active(store):
    duo_id = _active(store, ended=True)
    assert _stage(store, duo_id)[:3] == (DuoStage.ENDED, ParticipantStatus.ALUMNI, D(2026, 5, 30))
    for day, code in ((D(2026, 2, 9), "date"), (D(2026, 6, 11), "date")):  # before the meeting, in the future
        with pytest.raises(RuleError) as err, store.transaction() as s:
            fix.correct_end(s, duo_id, day, EndReason.COMPLETED, "", TODAY, NOW)
        assert err.value.code == code
    with pytest.raises(RuleError) as err, store.transaction() as s:
        fix.correct_end(s, duo_id, D(2026, 5, 1), EndReason.OTHER, " ", TODAY, NOW)
    assert err.value.code == "reason_required"
    with store.transaction() as s:
        fix.correct_end(s, duo_id, D(2026, 5, 15), EndReason.MENTEE_FOUND_JOB, "", TODAY, NOW)
    with store.session() as s:
        duo = s.get(Duo, duo_id)
        assert (duo.ended_on, duo.end_reason) == (D(2026, 5, 15), EndReason.MENTEE_FOUND_JOB)
        assert (duo.mentee.status, duo.mentee.status_since) == (ParticipantStatus.ALUMNI, D(2026, 5, 15))
        assert duo.mentee.status_history[-1].changed_on == D(2026, 5, 15)
    # an evaluation is recorded: the end cannot be undone until it is deleted
    with store.transaction() as s:
        evaluation = fu.record_evaluation(s, duo_id, fu.EvaluationInput(
            Respondent.MENTEE, D(2026, 6, 1), ObjectivesReached.YES, 4), TODAY, NOW)
        outcome = fu.record_outcome(s, duo_id, fu.OutcomeInput(OutcomeKind.TRAINING, OutcomeMoment.AT_END,
                                                               D(2026, 6, 2)), TODAY, NOW)
        ids = evaluation.id, outcome.id
    with pytest.raises(RuleError) as err, store.transaction() as s:
        fix.correct_end(s, duo_id, D(2026, 6, 5), EndReason.COMPLETED, "", TODAY, NOW)
    assert err.value.code == "too_early"  # the outcome learnt on 2 June would come before the end
    with pytest.raises(RuleError) as err, store.transaction() as s:
        fix.undo_end(s, duo_id, NOW)
    assert err.value.code == "has_results"
    with store.transaction() as s:  # each correction is its own action, as on screen
        fix.delete_evaluation(s, ids[0], NOW)
    with store.transaction() as s:
        fix.delete_outcome(s, ids[1], NOW)
    with store.transaction() as s:
        fix.undo_end(s, duo_id, NOW)
    stage, mentee_status, since, mentor_status = _stage(store, duo_id)
    assert (stage, mentee_status, mentor_status) == (DuoStage.ACTIVE, ParticipantStatus.IN_DUO,
                                                    ParticipantStatus.IN_DUO)
    with store.session() as s:
        duo = s.get(Duo, duo_id)
        assert (duo.ended_on, duo.end_reason) == (None, None)
        assert s.scalars(select(Evaluation)).all() == []
        assert duo.mentee.status_history[-1].to_status is ParticipantStatus.IN_DUO
        titles = [e.title for e in timeline(s, duo_id, i18n.Translator("en")) if e.kind is EntryKind.CORRECTION]
    assert sorted(titles) == ["Correction: the end of the duo", "Deleted: an evaluation", "Deleted: an outcome",
                              "Undone: the end of the duo (active again)"]


def test_a_meeting_and_a_check_in_are_corrected_with_the_rules_of_recording_them(store):
    duo_id = _active(store)
    with store.transaction() as s:
        meeting = s.scalars(select(Meeting).where(Meeting.duo_id == duo_id)).one().id
        check_in = fu.record_check_in(s, duo_id, D(2026, 3, 1), TODAY, NOW).id
    with pytest.raises(RuleError) as err, store.transaction() as s:  # before the signature
        fix.edit_meeting(s, meeting, fu.MeetingEntry(duo_id, D(2026, 1, 30)), TODAY, NOW)
    assert err.value.code == "date"
    with store.transaction() as s:
        fix.edit_meeting(s, meeting, fu.MeetingEntry(duo_id, D(2026, 2, 12), 90, MeetingChannel.VIDEO, (),
                                                     " CV "), TODAY, NOW)
        fix.edit_check_in(s, check_in, D(2026, 3, 2), TODAY, NOW, CheckInWith.MENTEE, MeetingChannel.PHONE, 2,
                          "Lost motivation", True)
    with pytest.raises(RuleError) as err, store.transaction() as s:
        fix.edit_check_in(s, check_in, D(2026, 3, 2), TODAY, NOW, CheckInWith.MENTEE, MeetingChannel.PHONE, 2,
                          "", True)
    assert err.value.code == "concerns"
    with store.session() as s:
        m, c = s.get(Meeting, meeting), s.get(CheckIn, check_in)
        assert (m.held_on, m.duration_minutes, m.channel, m.note) == (D(2026, 2, 12), 90, MeetingChannel.VIDEO, "CV")
        assert (c.held_on, c.rating, c.concerns, c.follow_up_needed) == (D(2026, 3, 2), 2, "Lost motivation", True)
