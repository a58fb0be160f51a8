"""The participant status pipeline: dated history, refused moves."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import ParticipantStatus as S
from duo_desktop.models import Role
from duo_desktop.services.errors import RuleError
from duo_desktop.services.pipeline import change_status

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any


def test_a_mentor_is_ready_to_match_only_after_training(store):
    with store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR, status=S.INTAKE_DONE)
        with pytest.raises(RuleError) as refused:
            change_status(s, mentor, S.READY_TO_MATCH, dt.date(2026, 3, 1))
        assert refused.value.code == "training_required"
        change_status(s, mentor, S.TRAINED, dt.date(2026, 3, 2))
        change_status(s, mentor, S.READY_TO_MATCH, dt.date(2026, 3, 3))
        assert [(c.from_status, c.to_status, c.changed_on) for c in mentor.status_history] == [
            (S.INTAKE_DONE, S.TRAINED, dt.date(2026, 3, 2)), (S.TRAINED, S.READY_TO_MATCH, dt.date(2026, 3, 3))]
        assert mentor.status_since == dt.date(2026, 3, 3)


def test_withdrawn_from_any_open_status_and_reopened(store):
    with store.transaction() as s:
        b = f.branch(s)
        mentee = f.participant(s, b, status=S.APPLICANT)
        change_status(s, mentee, S.WITHDRAWN, dt.date(2026, 3, 1), reason="moved")
        with pytest.raises(RuleError):
            change_status(s, mentee, S.INTAKE_DONE, dt.date(2026, 3, 2))
        change_status(s, mentee, S.APPLICANT, dt.date(2026, 3, 2))
        assert mentee.status is S.APPLICANT
