"""Possible duplicates are found by name and birth date, email or phone."""

from __future__ import annotations

import pytest

import datetime as dt

from duo_desktop.services.duplicates import find_candidates

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any


def test_same_person_typed_differently_is_flagged(store):
    with store.transaction() as s:
        b = f.branch(s)
        p = f.participant(s, b, first="Joëlle", last="Dubois", birth=dt.date(2001, 4, 2),
                          email="joelle@example.org", phone="+32 470 12 34 56")
        other = f.participant(s, b, first="Joëlle", last="Dupont", birth=dt.date(2001, 4, 2))
        found = find_candidates(s, "JOELLE", "dubois", dt.date(2001, 4, 2))
        assert [(c.participant_id, c.reasons) for c in found] == [(p.id, ("name_birth",))]
        found = find_candidates(s, "X", "Y", None, phone="0470/12.34.56")
        assert [(c.participant_id, c.reasons) for c in found] == [(p.id, ("phone",))]
        assert find_candidates(s, "Joëlle", "Dubois", dt.date(2001, 4, 2), exclude_id=p.id) == []
        assert other.id not in [c.participant_id for c in find_candidates(s, "Joëlle", "Dubois", dt.date(2001, 4, 3))]
