"""The scoring constants at and around their edges: the distance value falls
to zero at 30 km, the waiting value is full at 90 days, the languages value
full at 2 shared languages (criteria.py). Checked on the value functions, on
the whole matrix with one criterion weighed, and in a pair's explanation."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from duo_desktop.models import Gender, ParticipantStatus, Role
from duo_desktop.services.matching import criteria as c
from duo_desktop.services.matching.pool import PoolBranch, Pool, Profile
from duo_desktop.services.matching.scoring import explain_pair, normalised_weights, score_matrix

TODAY = dt.date(2026, 3, 16)
ONLY = {k: 0.0 for k in c.CRITERIA}


def person(pid: int, role: Role = Role.MENTEE, **kwargs) -> Profile:
    kwargs.setdefault("languages", ("fr",))
    kwargs.setdefault("postal_code", "1000")
    return Profile(id=pid, role=role, branch_id=1, first_name=f"P{pid}", last_name="Test",
                   status=ParticipantStatus.READY_TO_MATCH, gender=Gender.UNSPECIFIED, country="BE",
                   municipality="", **kwargs)


def pool(mentees, mentors) -> Pool:
    return Pool(PoolBranch(1, "BXL", "Test", "Bruxelles", "BE", 1, dict(ONLY, languages=1.0)), TODAY,
                list(mentees), list(mentors))


def only(criterion: str) -> dict[str, float]:
    return dict(ONLY, **{criterion: 1.0})


# --- distance: full when close, nothing from 30 km ----------------------------------
@pytest.mark.parametrize("km,value", [(0, 1.0), (3, 0.9), (15, 0.5), (24, 0.2), (29.7, 0.01), (30, 0.0), (31, 0.0),
                                      (45, 0.0), (60, 0.0), (200, 0.0)])
def test_distance_value_falls_to_zero_at_30_km(km, value):
    assert float(c.distance_value(km)) == pytest.approx(value, abs=1e-5)


def test_distance_value_is_neutral_when_a_place_is_unknown():
    assert float(c.distance_value(np.nan)) == c.NEUTRAL == 0.5


def test_a_mentor_35_km_away_gets_nothing_for_distance_and_one_next_door_nearly_all():
    mentee = person(1, postal_code="1000")  # Bruxelles
    far, near = person(2, Role.MENTOR, postal_code="2610"), person(3, Role.MENTOR, postal_code="1050")  # Wilrijk, Ixelles
    p = pool([mentee], [far, near])
    scores = score_matrix(p, only("distance")).scores
    assert scores[0, 0] == pytest.approx(0.0, abs=1e-4)
    assert 90 < scores[0, 1] < 100
    [reason] = [r for r in explain_pair(mentee, far, p, only("distance")).reasons if r.criterion == "distance"]
    assert reason.params["km"] == 35.4 and reason.value == 0.0  # to a tenth of a km (GeoNames coordinates)


# --- waiting: full at 90 days ----------------------------------------------------------
@pytest.mark.parametrize("days,value", [(0, 0.0), (9, 0.1), (30, 1 / 3), (45, 0.5), (89, 89 / 90), (90, 1.0),
                                        (91, 1.0), (400, 1.0)])
def test_waiting_value_is_full_at_90_days(days, value):
    assert float(c.waiting_value(days)) == pytest.approx(value, abs=1e-5)


def test_waiting_weighs_each_mentee_by_the_days_since_they_were_ready():
    mentees = [person(i, waiting_since=TODAY - dt.timedelta(days=d)) for i, d in
               enumerate((30, 45, 90, 120, 0), start=1)]
    p = pool(mentees, [person(10, Role.MENTOR)])
    scores = score_matrix(p, only("waiting")).scores[:, 0]
    assert scores == pytest.approx([100 / 3, 50, 100, 100, 0], abs=1e-3)
    reason = [r for r in explain_pair(mentees[1], p.mentors[0], p, only("waiting")).reasons
              if r.criterion == "waiting"][0]
    assert reason.params == {"days": 45} and reason.value == pytest.approx(0.5)


# --- languages: full at 2 shared ---------------------------------------------------------
@pytest.mark.parametrize("shared,value", [(0, 0.0), (1, 0.5), (2, 1.0), (3, 1.0), (5, 1.0)])
def test_languages_value_is_full_at_two_shared_languages(shared, value):
    assert float(c.languages_value(shared)) == pytest.approx(value)


def test_languages_weigh_the_number_of_languages_both_speak():
    mentees = [person(1, languages=("fr",)), person(2, languages=("fr", "nl")),
               person(3, languages=("fr", "nl", "en")), person(4, languages=("ar",))]
    mentor = person(10, Role.MENTOR, languages=("en", "fr", "nl"))
    p = pool(mentees, [mentor])
    scores = score_matrix(p, only("languages")).scores[:, 0]
    assert scores == pytest.approx([50, 100, 100, 0], abs=1e-3)
    reason = [r for r in explain_pair(mentees[0], mentor, p, only("languages")).reasons
              if r.criterion == "languages"][0]
    assert reason.value == pytest.approx(0.5) and reason.points == pytest.approx(50)


# --- the other saturations and the weights -------------------------------------------------
@pytest.mark.parametrize("common,value", [(0, 0.0), (1, 1 / 3), (2, 2 / 3), (3, 1.0), (4, 1.0)])
def test_availability_value_is_full_at_three_common_slots(common, value):
    assert float(c.availability_value(common)) == pytest.approx(value)


@pytest.mark.parametrize("common,value", [(0, 0.0), (1, 0.5), (2, 1.0), (3, 1.0)])
def test_interests_value_is_full_at_two_shared_words(common, value):
    assert float(c.interests_value(common)) == pytest.approx(value)


def test_sector_value_is_all_or_nothing():
    assert c.sector_value([0, 1, 3]).tolist() == [0.0, 1.0, 1.0]


def test_weights_are_shares_of_their_sum_and_negative_ones_count_as_zero():
    w = normalised_weights({"sector": 3, "languages": 1, "distance": -5})
    assert w["sector"] == pytest.approx(0.75) and w["languages"] == pytest.approx(0.25)
    assert w["distance"] == 0 and sum(w.values()) == pytest.approx(1.0)
    assert sum(normalised_weights({}).values()) == 0  # no weight at all: every score is 0, no division by zero


def test_an_explanation_names_what_the_pair_shares_criterion_by_criterion():
    from duo_desktop.models import DayPart
    from duo_desktop.services.matching.pool import slot_index

    mentee = Profile(id=1, role=Role.MENTEE, branch_id=1, first_name="A", last_name="T",
                     status=ParticipantStatus.READY_TO_MATCH, gender=Gender.MALE, country="BE", postal_code="1000",
                     municipality="Bruxelles", languages=("ar", "fr"), sectors=("it", "care"),
                     slots=(slot_index(0, DayPart.MORNING), slot_index(2, DayPart.EVENING)),
                     keywords=frozenset({"football", "cuisine"}), waiting_since=TODAY - dt.timedelta(days=45))
    mentor = Profile(id=2, role=Role.MENTOR, branch_id=1, first_name="B", last_name="T",
                     status=ParticipantStatus.TRAINED, gender=Gender.FEMALE, country="BE", postal_code="1050",
                     municipality="Ixelles", languages=("fr",), sectors=("it",),
                     slots=(slot_index(2, DayPart.EVENING),), keywords=frozenset({"cuisine", "jardin"}))
    p = pool([mentee], [mentor])
    reasons = {r.criterion: (r.code, r.params) for r in explain_pair(mentee, mentor, p).reasons}
    assert reasons["sector"] == ("same_sector", {"sectors": ["it"]})
    assert reasons["languages"] == ("common_languages", {"languages": ["fr"]})
    assert reasons["availability"] == ("common_slots", {"count": 1, "slots": [[2, "evening"]]})
    code, params = reasons["distance"]
    assert code == "distance" and (params["mentee_place"], params["mentor_place"]) == ("Bruxelles", "Ixelles")
    assert reasons["interests"] == ("shared_interests", {"words": ["cuisine"]})
    assert reasons["preferences"] == ("no_preference", {})
    assert reasons["waiting"] == ("waiting", {"days": 45})


def test_an_explanation_says_what_the_pair_lacks():
    mentee = person(1, languages=("ar",), sectors=("it",), slots=(0,), preferred_mentor_gender=Gender.FEMALE)
    mentor = Profile(id=2, role=Role.MENTOR, branch_id=1, first_name="B", last_name="T",
                     status=ParticipantStatus.TRAINED, gender=Gender.MALE, country="BE", postal_code="9999",
                     municipality="Ailleurs", languages=("nl",), sectors=("care",), slots=(5,))
    ex = explain_pair(mentee, mentor, pool([mentee], [mentor]))
    reasons = {r.criterion: (r.code, r.params, r.value) for r in ex.reasons}
    assert reasons["sector"] == ("different_sector", {"mentee": ["it"], "mentor": ["care"]}, 0.0)
    assert reasons["languages"] == ("no_common_language", {"mentee": ["ar"], "mentor": ["nl"]}, 0.0)
    assert reasons["availability"] == ("no_common_slot", {}, 0.0)
    assert reasons["distance"] == ("distance_unknown", {"who": ["mentor"]}, 0.5)
    assert reasons["interests"] == ("no_shared_interest", {}, 0.0)
    assert reasons["preferences"] == ("preference_not_met", {"gender": "female"}, 0.0)
    assert not ex.feasible and ex.blockers  # no common language: never proposed


def test_an_empty_side_gives_an_empty_matrix_of_the_right_shape():
    m = score_matrix(pool([person(1), person(2)], []))
    assert m.scores.shape == m.feasible.shape == (2, 0)
    assert score_matrix(pool([], [person(3, Role.MENTOR)])).scores.shape == (0, 1)


def test_codes_beyond_64_are_counted_in_their_own_word():
    many = [f"c{i}" for i in range(70)]  # indices 0..69: two 64-bit words
    counts = c.code_overlaps([many, ["c64"], ["c0", "c65"]], [["c0"], ["c64", "c69"]])
    assert counts.tolist() == [[1, 2], [0, 1], [1, 0]]
    counts = c.code_overlaps([many[:65], ["c64"]], [["c64"], ["c0"]])  # 65 codes: just past one word
    assert counts.tolist() == [[1, 1], [1, 0]]


def test_the_distance_table_agrees_with_the_distance_of_a_pair():
    from duo_desktop.services.geo import distance_km, locate

    km = c.distance_matrix([("BE", "1000"), ("BE", "1050")], [("BE", "2610"), ("BE", "0000")])
    assert km[0, 0] == pytest.approx(distance_km(locate("BE", "1000"), locate("BE", "2610")), abs=1e-3)
    assert km[1, 0] == pytest.approx(distance_km(locate("BE", "1050"), locate("BE", "2610")), abs=1e-3)
    assert np.isnan(km[0, 1]) and np.isnan(km[1, 1])  # an unknown postal code
    assert km.dtype == np.float32


def test_scores_are_single_precision_for_large_boards():
    m = score_matrix(pool([person(1, waiting_since=TODAY)], [person(2, Role.MENTOR)]),
                     dict(ONLY, languages=1, interests=1, distance=1, waiting=1))
    assert m.scores.dtype == np.float32
    for values in (c.interests_value([1, 2]), c.languages_value([1]), c.distance_value([3.0])):
        assert values.dtype == np.float32


def test_a_preference_the_mentors_record_cannot_answer_is_neutral():
    mentee = person(1, preferred_mentor_gender=Gender.FEMALE)
    mentor = person(2, Role.MENTOR)  # gender not given
    p = pool([mentee], [mentor])
    [reason] = [r for r in explain_pair(mentee, mentor, p).reasons if r.criterion == "preferences"]
    assert (reason.code, reason.params, reason.value) == ("preference_unknown", {"gender": "female"}, 0.5)
    assert score_matrix(p, only("preferences")).scores[0, 0] == pytest.approx(50)
