"""Duo lifecycle rules guarded at their edges: an active duo cannot be
cancelled (it ends, then is evaluated), and no decision, signature or end
comes before the step it follows. Decisions and signatures are dates: the
first meeting's day counts, its time of day does not."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import Decision, DuoStage, EndReason, Participant, ParticipantStatus, Role
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services.duo_lifecycle import DuoAction
from duo_desktop.services.errors import RuleError

from . import factories as f

NOW = dt.datetime(2026, 3, 16, 10)
MEETING = dt.datetime(2026, 3, 20, 17, 30)  # the first meeting: a Friday, late afternoon


@pytest.fixture
def people(store):
    with store.transaction() as s:
        b = f.branch(s)
        return f.participant(s, b, role=Role.MENTOR).id, f.participant(s, b, role=Role.MENTEE).id


def _met(s, people):
    mentor, mentee = s.get(Participant, people[0]), s.get(Participant, people[1])
    duo = life.propose(s, mentor, mentee, NOW)
    life.plan_first_meeting(s, duo, MEETING, "Antenne", NOW)
    return duo


def _active(s, people, signed=dt.date(2026, 3, 25)):
    duo = _met(s, people)
    life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
    life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)
    life.sign_agreement(s, duo, signed, "fr", NOW)
    return duo


# --- an active duo ends; it is never cancelled ------------------------------------
def test_an_active_duo_cannot_be_cancelled(store, people):
    with store.transaction() as s:
        duo = _active(s, people)
        with pytest.raises(RuleError) as refused:
            life.cancel(s, duo, NOW, note="plus de nouvelles")
        assert refused.value.code == "illegal_step"
        assert duo.stage is DuoStage.ACTIVE
        assert duo.mentee.status is duo.mentor.status is ParticipantStatus.IN_DUO
        assert [c.to_stage for c in duo.stage_history][-1] is DuoStage.ACTIVE
        assert DuoStage.CANCELLED not in life.ALLOWED[DuoStage.ACTIVE]


def test_an_active_duo_offers_end_but_no_withdrawal_nor_evaluation_before_its_end():
    actions = life.allowed_actions(DuoStage.ACTIVE, agreement_signed=True)
    assert DuoAction.END in actions
    assert not actions & {DuoAction.WITHDRAW, DuoAction.EVALUATE, DuoAction.RECORD_OUTCOME}
    assert {DuoAction.EVALUATE, DuoAction.RECORD_OUTCOME} <= life.allowed_actions(DuoStage.ENDED)


@pytest.mark.parametrize("stage", [DuoStage.ENDED, DuoStage.REFUSED, DuoStage.CANCELLED])
def test_a_closed_duo_moves_no_more(stage):
    assert life.ALLOWED[stage] == set()


def test_cancelling_before_the_agreement_sends_both_back_to_the_pool(store, people):
    with store.transaction() as s:
        duo = _met(s, people)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)
        life.cancel(s, duo, NOW, note="déménagement")
        assert duo.stage is DuoStage.CANCELLED
        assert duo.mentee.status is duo.mentor.status is ParticipantStatus.READY_TO_MATCH


# --- no decision before the first meeting -------------------------------------------
@pytest.mark.parametrize("side", ["mentor", "mentee"])
def test_a_decision_dated_before_the_first_meeting_is_refused(store, people, side):
    with store.transaction() as s:
        duo = _met(s, people)
        with pytest.raises(RuleError) as refused:
            life.record_decision(s, duo, side, Decision.ACCEPTED, MEETING.date() - dt.timedelta(days=1), NOW)
        assert refused.value.code == "date"
        assert getattr(duo, f"{side}_decision") is Decision.PENDING and getattr(duo, f"{side}_decided_on") is None
        assert duo.stage is DuoStage.FIRST_MEETING_PLANNED


def test_a_refusal_dated_before_the_first_meeting_is_refused_too(store, people):
    with store.transaction() as s:
        duo = _met(s, people)
        with pytest.raises(RuleError) as refused:
            life.record_decision(s, duo, "mentee", Decision.REFUSED, dt.date(2026, 3, 19), NOW, reason="trop loin")
        assert refused.value.code == "date"
        assert duo.stage is DuoStage.FIRST_MEETING_PLANNED and duo.refusal_reason in (None, "")


def test_a_decision_on_the_day_of_the_first_meeting_is_accepted(store, people):
    # a decision is a date: taken the same day, even "before" the meeting's 17:30, it counts
    with store.transaction() as s:
        duo = _met(s, people)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)
        assert duo.stage is DuoStage.AWAITING_AGREEMENT
        assert duo.mentor_decided_on == duo.mentee_decided_on == dt.date(2026, 3, 20)


def test_the_agreement_is_not_signed_before_the_first_meeting(store, people):
    with store.transaction() as s:
        duo = _met(s, people)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)
        with pytest.raises(RuleError) as refused:
            life.sign_agreement(s, duo, dt.date(2026, 3, 19), "fr", NOW)
        assert refused.value.code == "date"
        assert duo.stage is DuoStage.AWAITING_AGREEMENT and duo.agreement_signed_on is None
        life.sign_agreement(s, duo, MEETING.date(), "fr", NOW)  # the same day is fine
        assert duo.stage is DuoStage.ACTIVE and duo.planned_end_on == dt.date(2026, 9, 20)


def test_a_duo_does_not_end_before_its_agreement_was_signed(store, people):
    with store.transaction() as s:
        duo = _active(s, people, signed=dt.date(2026, 3, 25))
        with pytest.raises(RuleError) as refused:
            life.end_duo(s, duo, dt.date(2026, 3, 24), EndReason.COMPLETED, NOW)
        assert refused.value.code == "date"
        assert duo.stage is DuoStage.ACTIVE and duo.ended_on is None
        life.end_duo(s, duo, dt.date(2026, 3, 25), EndReason.COMPLETED, NOW)  # the same day is fine
        assert duo.stage is DuoStage.ENDED


def test_an_end_for_another_reason_needs_a_note(store, people):
    with store.transaction() as s:
        duo = _active(s, people)
        with pytest.raises(RuleError) as refused:
            life.end_duo(s, duo, dt.date(2026, 4, 1), EndReason.OTHER, NOW, note="  ")
        assert refused.value.code == "reason_required" and duo.stage is DuoStage.ACTIVE
