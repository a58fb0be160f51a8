"""The duo state machine: allowed steps, refusals, dates, participant statuses."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import Decision, DuoStage, EndReason, ParticipantStatus, Role
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services.errors import RuleError

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

NOW = dt.datetime(2026, 3, 16, 10)


@pytest.fixture
def pair(store):
    with store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR)
        mentee = f.participant(s, b, role=Role.MENTEE)
        return mentor.id, mentee.id


def test_a_duo_walks_from_proposal_to_its_end(store, pair):
    with store.transaction() as s:
        from duo_desktop.models import Participant

        mentor, mentee = s.get(Participant, pair[0]), s.get(Participant, pair[1])
        duo = life.propose(s, mentor, mentee, NOW, score=0.8)
        life.plan_first_meeting(s, duo, NOW + dt.timedelta(days=3), "Antenne", NOW)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, dt.date(2026, 3, 19), NOW)
        assert duo.stage is DuoStage.FIRST_MEETING_PLANNED
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, dt.date(2026, 3, 20), NOW)
        assert duo.stage is DuoStage.AWAITING_AGREEMENT
        assert mentor.status is mentee.status is ParticipantStatus.IN_DUO
        life.sign_agreement(s, duo, dt.date(2026, 3, 31), "fr", NOW)
        assert duo.planned_end_on == dt.date(2026, 9, 30)
        life.end_duo(s, duo, dt.date(2026, 9, 30), EndReason.COMPLETED, NOW)
        assert [c.to_stage for c in duo.stage_history] == [
            DuoStage.PROPOSED, DuoStage.FIRST_MEETING_PLANNED, DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE,
            DuoStage.ENDED]
        assert mentee.status is ParticipantStatus.ALUMNI
        assert mentor.status is ParticipantStatus.READY_TO_MATCH


def test_an_illegal_step_is_refused_with_a_reason(store, pair):
    with store.transaction() as s:
        from duo_desktop.models import Participant

        duo = life.propose(s, s.get(Participant, pair[0]), s.get(Participant, pair[1]), NOW)
        with pytest.raises(RuleError, match="signée|signé"):
            life.sign_agreement(s, duo, dt.date(2026, 3, 31), "fr", NOW)
        assert duo.stage is DuoStage.PROPOSED


def test_a_refused_pair_is_never_proposed_again(store, pair):
    with store.transaction() as s:
        from duo_desktop.models import Participant

        mentor, mentee = s.get(Participant, pair[0]), s.get(Participant, pair[1])
        duo = life.propose(s, mentor, mentee, NOW)
        life.plan_first_meeting(s, duo, NOW, "Antenne", NOW)
        with pytest.raises(RuleError):
            life.record_decision(s, duo, "mentee", Decision.REFUSED, NOW.date(), NOW, reason="")
        life.record_decision(s, duo, "mentee", Decision.REFUSED, NOW.date(), NOW, reason="no common ground")
        assert duo.stage is DuoStage.REFUSED
        assert mentee.status is ParticipantStatus.READY_TO_MATCH
        with pytest.raises(RuleError) as refused:
            life.propose(s, mentor, mentee, NOW)
        assert refused.value.code == "refused_before"


def test_a_proposal_can_be_taken_back_without_trace(store, pair):
    with store.transaction() as s:
        from duo_desktop.models import Duo, Participant

        duo = life.propose(s, s.get(Participant, pair[0]), s.get(Participant, pair[1]), NOW)
        life.delete_proposal(s, duo.id)
        assert s.query(Duo).count() == 0


def test_add_months_keeps_the_end_of_month():
    assert life.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
