"""Scoring that explains itself, hard rules, the optimal assignment and the
way from proposal to first meeting and decisions (no Qt)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from duo_desktop import i18n
from duo_desktop.models import DayPart, Decision, DuoStage, Gender, LanguageLevel, ParticipantStatus, Role
from duo_desktop.services.errors import RuleError
from duo_desktop.services.matching import assignment, proposals
from duo_desktop.services.matching.explain import describe
from duo_desktop.services.matching.pool import load_pool
from duo_desktop.services.matching.scoring import explain_pair, score_matrix

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

FL = LanguageLevel.FLUENT
NOW = dt.datetime(2026, 3, 16, 10)


@pytest.fixture
def branch_id(store):
    with store.transaction() as s:
        return f.branch(s).id


def _add(store, branch_id, role, **kw):
    from duo_desktop.models import Branch

    with store.transaction() as s:
        return f.participant(s, s.get(Branch, branch_id), role=role, **kw).id


def test_a_score_explains_itself_criterion_by_criterion(store, branch_id):
    mentee = _add(store, branch_id, Role.MENTEE, languages={"fr": FL, "ar": FL, "ti": FL}, sectors=["logistics"],
                  slots=[(0, DayPart.MORNING), (1, DayPart.MORNING), (2, DayPart.EVENING)], postal_code="1030",
                  interests="football, cuisine", preferred_mentor_gender=Gender.FEMALE,
                  applied_on=dt.date(2026, 1, 15), status_since=dt.date(2026, 2, 14))
    mentor = _add(store, branch_id, Role.MENTOR, languages={"fr": FL, "ar": FL}, sectors=["logistics", "retail"],
                  slots=[(0, DayPart.MORNING), (1, DayPart.MORNING), (2, DayPart.EVENING)], postal_code="1050",
                  interests="la cuisine marocaine", gender=Gender.FEMALE)
    with store.session() as s:
        matrix = score_matrix(load_pool(s, branch_id, NOW.date()))
    e = matrix.explain(mentee, mentor)
    assert e.feasible and not e.blockers
    assert e.score == pytest.approx(matrix.score(mentee, mentor), abs=0.05)
    i18n.set_language("en")
    words = [describe(r) for r in e.reasons]
    assert "same sector (Logistics)" in words
    assert "2 common languages: Arabic and French" in words
    assert "3 common time slots" in words
    assert "mentee asked for a woman mentor" in words
    assert "shared interests: cuisine" in words
    assert "waiting for 30 days" in words
    assert any(w.endswith("km apart") for w in words)  # Schaerbeek - Ixelles
    i18n.set_language("nl")
    assert "3 gemeenschappelijke tijdsblokken" in [describe(r) for r in e.reasons]


def test_unknown_place_gives_a_neutral_distance_and_says_so(store, branch_id):
    mentee = _add(store, branch_id, Role.MENTEE, postal_code="9999")
    mentor = _add(store, branch_id, Role.MENTOR, postal_code="1000")
    with store.session() as s:
        matrix = score_matrix(load_pool(s, branch_id, NOW.date()))
    reason = next(r for r in matrix.explain(mentee, mentor).reasons if r.criterion == "distance")
    assert reason.code == "distance_unknown" and reason.value == 0.5
    i18n.set_language("fr")
    assert "inconnue" in describe(reason)


def test_weights_change_the_ranking_at_once(store, branch_id):
    mentee = _add(store, branch_id, Role.MENTEE, sectors=["it"], slots=[(0, DayPart.MORNING)])
    same_sector = _add(store, branch_id, Role.MENTOR, sectors=["it"], slots=[(4, DayPart.EVENING)])
    same_slots = _add(store, branch_id, Role.MENTOR, sectors=["care"], slots=[(0, DayPart.MORNING)])
    with store.session() as s:
        pool = load_pool(s, branch_id, NOW.date())
    default = score_matrix(pool)
    assert default.score(mentee, same_sector) > default.score(mentee, same_slots)
    slots_first = score_matrix(pool, {"sector": 0.5, "availability": 5.0, "languages": 1.0})
    assert slots_first.score(mentee, same_slots) > slots_first.score(mentee, same_sector)
    with store.transaction() as s:
        proposals.save_weights(s, branch_id, {"sector": 0.5, "availability": 5.0})
    with store.session() as s:
        saved = score_matrix(load_pool(s, branch_id, NOW.date()))
    assert saved.score(mentee, same_slots) > saved.score(mentee, same_sector)
    with store.transaction() as s, pytest.raises(RuleError):
        proposals.save_weights(s, branch_id, {k: 0 for k in ("sector", "languages", "availability", "distance",
                                                              "interests", "preferences", "waiting")})


def test_hard_rules_each_with_a_reason(store, branch_id):
    from duo_desktop.models import Branch

    mentee = _add(store, branch_id, Role.MENTEE, languages={"ti": FL})
    speaks_other = _add(store, branch_id, Role.MENTOR, languages={"nl": FL})
    untrained = _add(store, branch_id, Role.MENTOR, status=ParticipantStatus.INTAKE_DONE, languages={"ti": FL})
    with store.transaction() as s:
        other = f.branch(s, code="GNT", city="Gent", office="vdab")
        elsewhere = f.participant(s, other, role=Role.MENTOR, languages={"ti": FL}).id
        assert s.get(Branch, branch_id)
    i18n.set_language("en")
    for mentor, code in ((speaks_other, "no_common_language"), (untrained, "mentor_not_trained"),
                         (elsewhere, "different_branch")):
        with store.transaction() as s, pytest.raises(RuleError) as err:
            proposals.propose_pair(s, mentee, mentor, NOW)
        assert err.value.code == code
        assert str(err.value).startswith("This duo cannot be proposed:")


def test_a_refusal_is_translated_by_whoever_shows_it_not_by_the_service(store, branch_id):
    """The service raises an untranslated message with the reason as a code;
    the screen renders it in its own language, later, on its own thread."""
    mentee = _add(store, branch_id, Role.MENTEE, languages={"ti": FL})
    mentor = _add(store, branch_id, Role.MENTOR, languages={"nl": FL})
    i18n.set_language("en")
    with store.transaction() as s, pytest.raises(RuleError) as err:
        proposals.propose_pair(s, mentee, mentor, NOW)
    assert err.value.text.msgid == "This duo cannot be proposed: {reason}."
    assert err.value.message(i18n.Translator("nl")) == (
        "Dit duo kan niet voorgesteld worden: geen gemeenschappelijke taal.")
    i18n.set_language("fr")
    assert str(err.value) == "Ce duo ne peut pas être proposé\u202f: aucune langue commune."


def test_a_refused_pair_is_never_proposed_again_and_both_go_back_to_the_pool(store, branch_id):
    mentee = _add(store, branch_id, Role.MENTEE)
    mentor = _add(store, branch_id, Role.MENTOR)
    with store.transaction() as s:
        duo = proposals.propose_pair(s, mentee, mentor, NOW)
    with store.session() as s:
        pool = load_pool(s, branch_id, NOW.date())
        assert [m.id for m in pool.mentees] == []  # a proposal takes the mentee off the waiting list
        assert pool.mentors[0].free_places == 0
    with store.transaction() as s:
        proposals.plan_first_meeting(s, duo, NOW + dt.timedelta(days=2), "Antenne de Bruxelles", NOW)
    later = NOW + dt.timedelta(days=3)
    with store.transaction() as s:
        assert proposals.record_decision(s, duo, "mentor", Decision.ACCEPTED, later.date(), later) \
            is DuoStage.FIRST_MEETING_PLANNED
        with pytest.raises(RuleError):
            proposals.record_decision(s, duo, "mentee", Decision.REFUSED, later.date(), later, reason=" ")
    with store.transaction() as s:
        assert proposals.record_decision(s, duo, "mentee", Decision.REFUSED, later.date(), later,
                                         reason="pas le même rythme") is DuoStage.REFUSED
    with store.session() as s:
        pool = load_pool(s, branch_id, later.date())
        assert [m.id for m in pool.mentees] == [mentee] and pool.mentors[0].free_places == 1
        matrix = score_matrix(pool)
        assert not matrix.feasible[0, 0]
        assert matrix.explain(mentee, mentor).blockers[0].code == "refused_before"
        assert assignment.propose_for_all(matrix).drafts == []
    with store.transaction() as s, pytest.raises(RuleError) as err:
        proposals.propose_pair(s, mentee, mentor, later)
    assert err.value.code == "refused_before"


def test_both_accept_and_the_duo_waits_for_the_agreement(store, branch_id):
    mentee = _add(store, branch_id, Role.MENTEE)
    mentor = _add(store, branch_id, Role.MENTOR)
    with store.transaction() as s:
        duo = proposals.propose_pair(s, mentee, mentor, NOW)
        proposals.plan_first_meeting(s, duo, NOW + dt.timedelta(days=1), "Café", NOW)
        day = NOW.date() + dt.timedelta(days=1)
        later = NOW + dt.timedelta(days=1)
        proposals.record_decision(s, duo, "mentee", Decision.ACCEPTED, day, later)
        assert proposals.record_decision(s, duo, "mentor", Decision.ACCEPTED, day, later) \
            is DuoStage.AWAITING_AGREEMENT
        assert proposals.list_proposals(s, branch_id) == []


def test_optimal_assignment_beats_a_greedy_pass():
    # greedy takes A-X (90) and is left with B-Y (10); the optimum is A-Y + B-X
    scores = np.array([[90, 80], [85, 10]], dtype=np.float32)
    feasible = np.ones_like(scores, dtype=bool)
    greedy = sum(scores[i, j] for i, j in assignment.greedy_pairs(scores, feasible))
    best = sum(scores[i, j] for i, j in assignment.optimal_pairs(scores, feasible))
    assert greedy == 100 and best == 165


def test_infeasible_pairs_are_never_assigned_even_when_it_leaves_someone_out():
    scores = np.array([[90, 99], [80, 70]], dtype=np.float32)
    feasible = np.array([[True, False], [True, False]])
    pairs = assignment.optimal_pairs(scores, feasible)
    assert pairs == [(0, 0)]


def test_propose_for_all_lists_who_cannot_be_matched_and_why(store):
    with store.transaction() as s:
        b = f.branch(s, code="GNT", city="Gent", country="BE", office="vdab")
        tigrinya = f.participant(s, b, role=Role.MENTEE, languages={"ti": FL, "fr": FL},
                                 applied_on=dt.date(2026, 1, 1)).id
        a = f.participant(s, b, role=Role.MENTEE, languages={"nl": FL}, sectors=["it"]).id
        c = f.participant(s, b, role=Role.MENTEE, languages={"nl": FL}, sectors=["care"]).id
        m_it = f.participant(s, b, role=Role.MENTOR, languages={"nl": FL}, sectors=["it"]).id
        m_care = f.participant(s, b, role=Role.MENTOR, languages={"nl": FL}, sectors=["care"]).id
        bid = b.id
    with store.session() as s:
        result = assignment.propose_for_all(proposals.board(s, bid, NOW.date()))
    assert {(d.mentee_id, d.mentor_id) for d in result.drafts} == {(a, m_it), (c, m_care)}
    assert result.total_score == pytest.approx(sum(d.score for d in result.drafts))
    [left] = result.unmatched
    assert left.mentee_id == tigrinya
    i18n.set_language("en")
    assert describe(left.reason) == "no trained mentor speaks French or Tigrinya in Ghent"  # the city in the reader's language


def test_capacity_counts_open_duos_and_branch_setting(store):
    with store.transaction() as s:
        b = f.branch(s, max_mentees_per_mentor=2)
        mentor = f.participant(s, b, role=Role.MENTOR, max_mentees=2).id
        m1 = f.participant(s, b, role=Role.MENTEE).id
        m2 = f.participant(s, b, role=Role.MENTEE).id
        m3 = f.participant(s, b, role=Role.MENTEE).id
        bid = b.id
    with store.session() as s:
        result = assignment.propose_for_all(proposals.board(s, bid, NOW.date()))
    assert len(result.drafts) == 2 and {d.mentor_id for d in result.drafts} == {mentor}
    with store.transaction() as s:
        proposals.propose_pair(s, m1, mentor, NOW)
        proposals.propose_pair(s, m2, mentor, NOW)
    with store.transaction() as s, pytest.raises(RuleError) as err:
        proposals.propose_pair(s, m3, mentor, NOW)
    assert err.value.code == "mentor_full"


def test_explain_pair_matches_the_matrix_for_every_pair(store, branch_id):
    import random

    rnd = random.Random(4)
    langs = ["fr", "nl", "ar", "en", "ti"]
    for role in (Role.MENTEE,) * 6 + (Role.MENTOR,) * 5:
        _add(store, branch_id, role, languages={x: FL for x in rnd.sample(langs, 2)},
             sectors=rnd.sample(["it", "care", "logistics"], 1), postal_code=rnd.choice(["1000", "1030", "9999"]),
             slots=[(rnd.randrange(5), rnd.choice(list(DayPart))) for _ in range(2)],
             gender=rnd.choice(list(Gender)), interests=rnd.choice(["football cuisine", "lecture", "cuisine"]),
             preferred_mentor_gender=rnd.choice([None, Gender.FEMALE, Gender.MALE]))
    with store.session() as s:
        matrix = score_matrix(load_pool(s, branch_id, NOW.date()))
    for i, mentee in enumerate(matrix.mentees):
        for j, mentor in enumerate(matrix.mentors):
            e = explain_pair(mentee, mentor, matrix.pool)
            assert e.score == pytest.approx(float(matrix.scores[i, j]), abs=0.01)
            assert e.feasible == bool(matrix.feasible[i, j])


def test_code_overlaps_count_common_codes_beyond_64_codes():
    from duo_desktop.services.matching.criteria import code_overlaps

    many = [f"c{k}" for k in range(70)]
    mentees = [("c1", "c65", "c69"), ("c2",), ()]
    mentors = [tuple(many), ("c65", "c1"), ("c3",)]
    assert code_overlaps(mentees, mentors).tolist() == [[3, 2, 0], [1, 0, 0], [0, 0, 0]]
    assert code_overlaps([("fr", "ar")], [("ar", "fr", "nl"), ("ti",)]).tolist() == [[2, 0]]


def _best_by_brute_force(scores, feasible, places) -> tuple[int, float]:  # noqa: ANN001
    """(pairs, total score) of the best assignment, trying every one: most
    pairs first, then the highest total."""
    n, m = scores.shape
    best = (0, 0.0)

    def walk(i: int, free: list[int], pairs: int, total: float) -> None:
        nonlocal best
        if i == n:
            best = max(best, (pairs, total))
            return
        walk(i + 1, free, pairs, total)  # this mentee gets no proposal
        for j in range(m):
            if feasible[i, j] and free[j] > 0:
                free[j] -= 1
                walk(i + 1, free, pairs + 1, total + float(scores[i, j]))
                free[j] += 1

    walk(0, list(places), 0, 0.0)
    return best


def test_the_optimal_assignment_is_the_best_of_all_assignments_on_random_cases():
    rnd = np.random.default_rng(3)
    for _ in range(40):
        n, m = rnd.integers(1, 6, size=2)
        scores = rnd.uniform(1, 100, size=(n, m)).astype(np.float32)
        feasible = rnd.random((n, m)) < 0.5
        places = rnd.integers(0, 3, size=m)
        pairs = assignment.optimal_pairs(scores, feasible, places)
        count, total = _best_by_brute_force(scores, feasible, places)
        assert len(pairs) == count
        assert sum(float(scores[i, j]) for i, j in pairs) == pytest.approx(total, rel=1e-5)
        assert all(feasible[i, j] for i, j in pairs)
        used = np.bincount([j for _i, j in pairs], minlength=m)
        assert (used <= places).all() and len({i for i, _j in pairs}) == len(pairs)


def test_keyword_overlaps_count_the_words_each_pair_shares():
    from duo_desktop.services.matching.criteria import keyword_overlaps

    mentees = [frozenset({"jardin", "velo"}), frozenset(), frozenset({"cuisine"})]
    mentors = [frozenset({"velo", "jardin", "echecs"}), frozenset({"cuisine", "velo"})]
    assert keyword_overlaps(mentees, mentors).tolist() == [[2, 1], [0, 0], [0, 1]]
    assert keyword_overlaps([], mentors).shape == (0, 2)


def test_the_duo_timeline_shows_the_score_the_board_showed(store, branch_id):
    """Seam: the board scores out of 100 and saves that score with the
    proposal; the duo's timeline (follow-up) shows the same number."""
    from duo_desktop.services.timeline import timeline

    mentee = _add(store, branch_id, Role.MENTEE)
    mentor = _add(store, branch_id, Role.MENTOR)
    with store.transaction() as s:
        score = proposals.check_pair(s, mentee, mentor, NOW.date()).score
        duo = proposals.propose_pair(s, mentee, mentor, NOW)
    assert 0 < score <= 100
    with store.session() as s:
        [proposed] = [e for e in timeline(s, duo) if e.title == "Duo proposé"]
    assert proposed.detail == f"Score de compatibilité {round(score)}"


def _same_board(edited, fresh) -> None:
    """The edited matrix shows the same people and the same scores as a
    full reload (mentor columns may stay where they were)."""
    assert [p.id for p in edited.mentees] == [p.id for p in fresh.mentees]
    assert sorted(p.id for p in edited.mentors) == sorted(p.id for p in fresh.mentors)
    assert {p.id: p for p in edited.mentors} == {p.id: p for p in fresh.mentors}
    assert edited.pool.refused == fresh.pool.refused
    cols = [edited.col_of(p.id) for p in fresh.mentors]
    np.testing.assert_array_equal(edited.scores[:, cols], fresh.scores)
    np.testing.assert_array_equal(edited.feasible[:, cols], fresh.feasible)


def test_the_board_after_a_change_equals_a_full_reload(store, branch_id):
    """updates.apply_state edits one mentee row and one mentor column; the
    result must be what reading the whole pool again gives."""
    from duo_desktop.services.matching.updates import apply_state, people_state

    kw = dict(languages={"fr": FL, "nl": FL}, sectors=["it"], slots=[(0, DayPart.MORNING)])
    mentees = [_add(store, branch_id, Role.MENTEE, applied_on=dt.date(2026, 1, d), postal_code=pc, **kw)
               for d, pc in ((5, "1000"), (9, "1030"), (20, "1050"))]
    mentors = [_add(store, branch_id, Role.MENTOR, first=n, postal_code="1050", **kw) for n in ("Anne", "Bart")]
    today = NOW.date()

    def fresh():  # noqa: ANN202
        with store.session() as s:
            return proposals.board(s, branch_id, today)

    def after(matrix, mentee, mentor):  # noqa: ANN001, ANN202
        with store.session() as s:
            state = people_state(s, branch_id, today, [mentee], [mentor])
        return apply_state(matrix, state)

    board = fresh()
    with store.transaction() as s:
        duo = proposals.propose_pair(s, mentees[1], mentors[0], NOW)
    board, edits = after(board, mentees[1], mentors[0])
    assert [(e.side, e.kind, e.index) for e in edits] == [("mentee", "removed", 1), ("mentor", "changed", 0)]
    _same_board(board, fresh())
    with store.transaction() as s:
        proposals.withdraw_proposal(s, duo)
    board, edits = after(board, mentees[1], mentors[0])
    assert [(e.side, e.kind, e.index) for e in edits] == [("mentee", "inserted", 1), ("mentor", "changed", 0)]
    _same_board(board, fresh())
    # a refusal after the first meeting: both back, the pair never again
    with store.transaction() as s:
        duo = proposals.propose_pair(s, mentees[0], mentors[1], NOW)
        proposals.plan_first_meeting(s, duo, NOW, "Antenne", NOW)
        proposals.record_decision(s, duo, "mentee", Decision.REFUSED, today, NOW, "horaires")
    board, _edits = after(board, mentees[0], mentors[1])
    _same_board(board, fresh())
    assert not board.feasible[board.row_of(mentees[0]), board.col_of(mentors[1])]
    # both say yes: the mentor is in a duo and leaves the board
    with store.transaction() as s:
        duo = proposals.propose_pair(s, mentees[2], mentors[1], NOW)
        proposals.plan_first_meeting(s, duo, NOW, "Antenne", NOW)
        for side in ("mentor", "mentee"):
            proposals.record_decision(s, duo, side, Decision.ACCEPTED, today, NOW)
    board, edits = after(board, mentees[2], mentors[1])
    assert ("mentor", "removed") in [(e.side, e.kind) for e in edits]
    _same_board(board, fresh())


@pytest.mark.parametrize("country,order", [("NL", ["Bakker", "van den Berg", "de Vries"]),
                                           ("BE", ["Bakker", "de Vries", "van den Berg"])])
def test_the_boards_mentors_sort_on_the_surname_as_the_participants_list_does(store, country, order):
    from duo_desktop.models import Participant
    from duo_desktop.text import name_prefix

    with store.transaction() as s:
        b = f.branch(s, code="X" + country, country=country)
        for last in ("de Vries", "Bakker", "van den Berg"):
            f.participant(s, b, Role.MENTOR, first="Anna", last=last, status=ParticipantStatus.TRAINED,
                          name_prefix=name_prefix(last))
        branch_code = b.code
        assert s.query(Participant).filter(Participant.name_prefix == "van den").count() == 1
    with store.session() as s:
        pool = load_pool(s, branch_code, dt.date(2026, 3, 16))
    assert [m.last_name for m in pool.mentors] == order
