"""The mentee's wishes about the mentor (gender, languages, sector) count in
the matching score and explain themselves (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop import i18n
from duo_desktop.models import Branch, Gender, LanguageLevel, Role
from duo_desktop.services.matching.explain import describe
from duo_desktop.services.matching.pool import load_pool
from duo_desktop.services.matching.scoring import explain_pair, score_matrix

from .. import factories as f

FL = LanguageLevel.FLUENT
TODAY = dt.date(2026, 3, 16)


def _add(store, role, **kw):
    with store.transaction() as s:
        b = s.query(Branch).first() or f.branch(s)
        return f.participant(s, b, role=role, **kw).id


def test_a_mentor_who_meets_the_wishes_scores_higher_and_the_reason_says_which(store):
    mentee = _add(store, Role.MENTEE, languages={"fr": FL, "ti": FL}, sectors=["it"],
                  preferred_mentor_languages=["ti"], preferred_mentor_sector="care")
    fits = _add(store, Role.MENTOR, languages={"fr": FL, "ti": FL}, sectors=["care"])
    other = _add(store, Role.MENTOR, languages={"fr": FL}, sectors=["care"])
    with store.session() as s:
        pool = load_pool(s, "BXL", TODAY)
    matrix = score_matrix(pool)
    i = matrix.row_of(mentee)
    pref_fit = explain_pair(pool.mentees[i], pool.mentors[matrix.col_of(fits)], pool).reasons[5]
    pref_other = explain_pair(pool.mentees[i], pool.mentors[matrix.col_of(other)], pool).reasons[5]
    assert pref_fit.value == pytest.approx(1.0) and pref_other.value == pytest.approx(0.5)
    assert matrix.score(mentee, fits) > matrix.score(mentee, other)
    for j, mentor in enumerate(matrix.mentors):  # the explanation adds up to the matrix
        assert explain_pair(pool.mentees[i], mentor, pool).score == pytest.approx(float(matrix.scores[i, j]), abs=0.01)
    i18n.set_language("en")
    assert describe(pref_other) == ("mentee asked for a mentor from Care and social work; "
                                    "mentee asked for a mentor who speaks Tigrinya, not met")


def test_without_wishes_everyone_fits_and_a_gender_wish_alone_reads_as_before(store):
    plain = _add(store, Role.MENTEE)
    gender = _add(store, Role.MENTEE, preferred_mentor_gender=Gender.FEMALE)
    man = _add(store, Role.MENTOR, gender=Gender.MALE)
    with store.session() as s:
        pool = load_pool(s, "BXL", TODAY)
    matrix = score_matrix(pool)
    assert explain_pair(pool.mentees[matrix.row_of(plain)], pool.mentors[0], pool).reasons[5].code == "no_preference"
    reason = explain_pair(pool.mentees[matrix.row_of(gender)], pool.mentors[matrix.col_of(man)], pool).reasons[5]
    assert (reason.code, reason.value) == ("preference_not_met", 0.0)


def test_the_intake_keeps_the_wishes_and_the_capacity_and_gives_them_back_to_edit(store, clock):
    from duo_desktop.models import Participant
    from duo_desktop.services import intake
    from tests.test_intake_service import form

    with store.transaction() as s:
        b = f.branch(s).id
    data = form(preferred_mentor_gender="female", preferred_mentor_languages=["ti", "zgh", "not-a-language"],
                preferred_mentor_sector="care", mentor_wishes_other="patient, knows the building trade")
    with store.transaction() as s:
        pid = intake.finish_intake(s, clock, data, b)
    with store.session() as s:
        p = s.get(Participant, pid)
        assert (p.preferred_mentor_gender, p.preferred_mentor_languages, p.preferred_mentor_sector) == (
            Gender.FEMALE, ["ti", "zgh"], "care")
        assert p.mentor_wishes_other == "patient, knows the building trade"
    with store.session() as s:
        _branch_id, again = intake.form_from_participant(s, pid)
    assert again["preferred_mentor_languages"] == ["ti", "zgh"] and again["preferred_mentor_sector"] == "care"
    with store.transaction() as s:
        mentor = intake.finish_intake(s, clock, form(role="mentor", birth_date="01/01/1960", max_mentees="2",
                                                     email="other@example.org", phone="0470 99 99 99",
                                                     first_name="Anne", last_name="Mentor"), b)
    with store.session() as s:
        assert s.get(Participant, mentor).max_mentees == 2
    errors = intake.field_errors(form(max_mentees="0"), "BE", TODAY)
    assert [e.field for e in errors] == ["max_mentees"]
