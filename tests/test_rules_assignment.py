"""'Propose for all' is an optimal assignment, not a greedy pass, also when a
mentor takes several mentees: small pools where the best-pair-first pass
(capacity-aware) and the optimum differ, and the optimum is asserted."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from duo_desktop.models import Gender, ParticipantStatus, Role
from duo_desktop.services.matching import assignment
from duo_desktop.services.matching.pool import PoolBranch, Pool, Profile
from duo_desktop.services.matching.scoring import ScoreMatrix

TODAY = dt.date(2026, 3, 16)


def person(pid: int, role: Role, capacity: int = 1, open_duos: int = 0, languages=("fr",)) -> Profile:
    return Profile(id=pid, role=role, branch_id=1, first_name=f"P{pid}", last_name="Test",
                   status=ParticipantStatus.READY_TO_MATCH, gender=Gender.UNSPECIFIED, country="BE",
                   postal_code="1000", municipality="Bruxelles", languages=languages, capacity=capacity,
                   open_duos=open_duos)


def matrix(scores, feasible=None, mentors=None) -> ScoreMatrix:
    scores = np.array(scores, dtype=np.float32)
    n, m = scores.shape
    mentees = [person(1 + i, Role.MENTEE) for i in range(n)]
    mentors = mentors or [person(100 + j, Role.MENTOR) for j in range(m)]
    feasible = np.ones_like(scores, dtype=bool) if feasible is None else np.array(feasible, dtype=bool)
    pool = Pool(PoolBranch(1, "BXL", "Test", "Bruxelles", "BE", 3, {}), TODAY, mentees, mentors)
    return ScoreMatrix(pool, scores, feasible)


def pairs(result) -> set[tuple[int, int]]:
    return {(d.mentee_id, d.mentor_id) for d in result.drafts}


def test_a_mentor_with_two_places_is_given_the_mentees_that_make_the_best_total():
    # mentor 100 has two places, mentor 101 one. Best pair first: 1-100 (90), 2-100 (80), then
    # 3-101 (5): 175. The optimum gives mentee 1 to mentor 101: 85 + 80 + 70 = 235.
    m = matrix([[90, 85], [80, 10], [70, 5]],
               mentors=[person(100, Role.MENTOR, capacity=2), person(101, Role.MENTOR)])
    result = assignment.propose_for_all(m)
    assert pairs(result) == {(1, 101), (2, 100), (3, 100)}
    assert result.total_score == pytest.approx(235)
    assert [d.score for d in result.drafts] == [85, 80, 70]  # best first
    assert result.unmatched == []


def test_the_optimum_matches_as_many_mentees_as_possible_before_the_scores():
    # mentee 3 can only go to mentor 100 (two places). A greedy pass fills mentor 100 with
    # mentees 1 and 2 and leaves mentee 3 out; the optimum matches all three.
    m = matrix([[90, 85], [80, 10], [70, 5]], feasible=[[1, 1], [1, 1], [1, 0]],
               mentors=[person(100, Role.MENTOR, capacity=2), person(101, Role.MENTOR)])
    result = assignment.propose_for_all(m)
    assert pairs(result) == {(1, 101), (2, 100), (3, 100)}
    assert result.total_score == pytest.approx(235) and result.unmatched == []


def test_a_place_already_taken_by_an_open_duo_is_not_offered_again():
    # mentor 100 may take two mentees but already has one duo: one free place left
    m = matrix([[90, 85], [80, 10], [70, 5]],
               mentors=[person(100, Role.MENTOR, capacity=2, open_duos=1), person(101, Role.MENTOR)])
    result = assignment.propose_for_all(m)
    assert pairs(result) == {(1, 101), (2, 100)}
    assert result.total_score == pytest.approx(165)
    [left] = result.unmatched
    assert left.mentee_id == 3 and left.reason.code == "mentors_taken"


def test_a_full_mentor_gets_no_one_and_those_left_over_say_why():
    m = matrix([[90], [80]], mentors=[person(100, Role.MENTOR, capacity=1, open_duos=1)])
    result = assignment.propose_for_all(m)
    assert result.drafts == []
    assert [(u.mentee_id, u.reason.code) for u in result.unmatched] == [(1, "mentors_taken"), (2, "mentors_taken")]


def test_the_optimum_beats_best_pair_first_on_a_one_place_pool():
    m = matrix([[90, 80, 0], [85, 10, 0], [0, 75, 60]], feasible=[[1, 1, 0], [1, 1, 0], [0, 1, 1]])
    result = assignment.propose_for_all(m)
    greedy = assignment.greedy_pairs(m.scores, m.feasible)
    assert sum(m.scores[i, j] for i, j in greedy) < result.total_score
    assert pairs(result) == {(1, 101), (2, 100), (3, 102)}
    assert result.total_score == pytest.approx(80 + 85 + 60)


def test_infeasible_pairs_are_never_proposed_whatever_their_score():
    m = matrix([[99, 10], [98, 20]], feasible=[[0, 1], [0, 1]])
    result = assignment.propose_for_all(m)
    assert pairs(result) == {(2, 101)}
    [left] = result.unmatched
    assert left.mentee_id == 1 and left.reason.code == "mentors_taken"


def test_a_pair_scoring_one_below_the_best_is_still_an_edge():
    # the cost of a pair is (best + 1) - score: never zero, or the sparse graph would lose it
    m = matrix([[9, 0], [0, 10]], feasible=[[1, 0], [0, 1]])
    assert pairs(assignment.propose_for_all(m)) == {(1, 100), (2, 101)}


def test_why_a_mentee_is_left_over_comes_with_what_to_say():
    full = person(100, Role.MENTOR, capacity=1, open_duos=1)
    m = matrix([[90]], mentors=[full])
    [left] = assignment.propose_for_all(m).unmatched
    assert (left.reason.code, left.reason.params) == ("mentors_taken", {"count": 1})
    m = matrix([[90]], feasible=[[0]], mentors=[full])
    [left] = assignment.propose_for_all(m).unmatched
    assert (left.reason.code, left.reason.params) == ("no_free_mentor", {"city": "Bruxelles"})
    m = matrix([[90]], feasible=[[0]], mentors=[person(100, Role.MENTOR, languages=("nl",))])
    [left] = assignment.propose_for_all(m).unmatched
    assert (left.reason.code, left.reason.params) == ("no_mentor_language", {"languages": ["fr"], "city": "Bruxelles"})
    m = matrix([[90]], feasible=[[0]], mentors=[person(100, Role.MENTOR)])  # same language: refused before
    [left] = assignment.propose_for_all(m).unmatched
    assert (left.reason.code, left.reason.params) == ("only_refused", {"languages": ["fr"]})
