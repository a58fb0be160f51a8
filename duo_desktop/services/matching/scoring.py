"""Scores of every (mentee, mentor) pair, vectorised with numpy, and the
explanation of one pair's score, criterion by criterion.

score = 100 x sum(weight x value) / sum(weights), each value in 0..1. A pair
that breaks a hard rule (rules.py) is marked infeasible; its score is kept
for information but it is never proposed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...models import Gender
from . import criteria as c
from .pool import Pool, Profile, slot_of
from .reasons import Reason
from .rules import feasible_matrix, pair_blockers

_GENDER_CODE = {g: i for i, g in enumerate(Gender)}
_KNOWN_GENDERS = (Gender.FEMALE, Gender.MALE)


@dataclass
class ScoreMatrix:
    pool: Pool
    scores: np.ndarray  # float32 (mentees x mentors), 0..100
    feasible: np.ndarray  # bool, same shape

    @property
    def mentees(self) -> list[Profile]:
        return self.pool.mentees

    @property
    def mentors(self) -> list[Profile]:
        return self.pool.mentors

    def row_of(self, mentee_id: int) -> int:
        return self._rows()[mentee_id]

    def col_of(self, mentor_id: int) -> int:
        return self._cols()[mentor_id]

    def _rows(self) -> dict[int, int]:
        if not hasattr(self, "_row_index"):
            self._row_index = {p.id: i for i, p in enumerate(self.mentees)}
        return self._row_index

    def _cols(self) -> dict[int, int]:
        if not hasattr(self, "_col_index"):
            self._col_index = {p.id: j for j, p in enumerate(self.mentors)}
        return self._col_index

    def score(self, mentee_id: int, mentor_id: int) -> float:
        return float(self.scores[self.row_of(mentee_id), self.col_of(mentor_id)])

    def explain(self, mentee_id: int, mentor_id: int) -> Explanation:
        return explain_pair(self.mentees[self.row_of(mentee_id)], self.mentors[self.col_of(mentor_id)], self.pool)


@dataclass(frozen=True)
class Explanation:
    mentee_id: int
    mentor_id: int
    score: float
    feasible: bool
    reasons: tuple[Reason, ...]  # one per criterion, in the order of CRITERIA
    blockers: tuple[Reason, ...]  # hard rules broken (empty when feasible)

    def as_dict(self) -> dict:
        return {"mentee_id": self.mentee_id, "mentor_id": self.mentor_id, "score": round(self.score, 1),
                "feasible": self.feasible, "reasons": [r.as_dict() for r in self.reasons],
                "blockers": [r.as_dict() for r in self.blockers]}


def normalised_weights(weights: dict[str, float]) -> dict[str, float]:
    clean = {k: max(0.0, float(weights.get(k, 0.0))) for k in c.CRITERIA}
    total = sum(clean.values()) or 1.0
    return {k: v / total for k, v in clean.items()}


def preference_values(mentees: list[Profile], mentors: list[Profile]) -> np.ndarray:
    wanted = np.array([_GENDER_CODE[m.preferred_mentor_gender] if m.preferred_mentor_gender in _KNOWN_GENDERS
                       else -1 for m in mentees], dtype=np.int8)[:, None]
    gender = np.array([_GENDER_CODE[m.gender] for m in mentors], dtype=np.int8)[None, :]
    known = np.isin(gender, [_GENDER_CODE[g] for g in _KNOWN_GENDERS])
    value = np.where(wanted < 0, np.float32(np.nan), np.where(wanted == gender, np.float32(1), np.float32(0)))
    value = np.where((wanted >= 0) & ~known, np.float32(c.NEUTRAL), value).astype(np.float32)
    return c.wish_values(value, [m.preferred_mentor_languages for m in mentees], [m.languages for m in mentors],
                         [m.preferred_mentor_sector for m in mentees], [m.sectors for m in mentors])


def score_matrix(pool: Pool, weights: dict[str, float] | None = None) -> ScoreMatrix:
    """All pairs at once: bit masks for codes, keyword overlaps word by
    word, a distance table between municipalities."""
    w = normalised_weights(weights or pool.branch.weights)
    mentees, mentors = pool.mentees, pool.mentors
    n, m = len(mentees), len(mentors)
    if n == 0 or m == 0:
        empty = np.zeros((n, m), dtype=np.float32)
        return ScoreMatrix(pool, empty, empty.astype(bool))
    langs = c.code_overlaps([p.languages for p in mentees], [p.languages for p in mentors])
    total = np.float32(100 * w["languages"]) * c.languages_value(langs)
    if w["sector"]:
        total += np.float32(100 * w["sector"]) * c.sector_value(
            c.code_overlaps([p.sectors for p in mentees], [p.sectors for p in mentors]))
    if w["availability"]:
        total += np.float32(100 * w["availability"]) * c.availability_value(
            c.slot_overlaps([p.slots for p in mentees], [p.slots for p in mentors]))
    if w["distance"]:
        total += np.float32(100 * w["distance"]) * c.distance_value(
            c.distance_matrix(c.place_keys(mentees), c.place_keys(mentors)))
    if w["interests"]:
        total += np.float32(100 * w["interests"]) * c.interests_value(
            c.keyword_overlaps([p.keywords for p in mentees], [p.keywords for p in mentors]))
    if w["preferences"]:
        total += np.float32(100 * w["preferences"]) * preference_values(mentees, mentors)
    if w["waiting"]:
        days = np.array([p.waiting_days(pool.today) for p in mentees], dtype=np.float32)
        total += (np.float32(100 * w["waiting"]) * c.waiting_value(days))[:, None]
    return ScoreMatrix(pool, total, feasible_matrix(pool, langs))


def explain_pair(mentee: Profile, mentor: Profile, pool: Pool, weights: dict[str, float] | None = None
                 ) -> Explanation:
    """The score of one pair in words (codes and parameters), criterion by
    criterion, with each criterion's share of the score."""
    w = normalised_weights(weights or pool.branch.weights)
    reasons: list[Reason] = []

    def add(criterion: str, code: str, value: float, **params) -> None:
        reasons.append(Reason(code, params, criterion, float(value), 100 * w[criterion] * float(value)))

    common = sorted(set(mentee.sectors) & set(mentor.sectors))
    if common:
        add("sector", "same_sector", 1.0, sectors=common)
    else:
        add("sector", "different_sector", 0.0, mentee=list(mentee.sectors), mentor=list(mentor.sectors))

    langs = sorted(set(mentee.languages) & set(mentor.languages))
    if langs:
        add("languages", "common_languages", float(c.languages_value(len(langs))), languages=langs)
    else:
        add("languages", "no_common_language", 0.0, mentee=list(mentee.languages), mentor=list(mentor.languages))

    slots = sorted(set(mentee.slots) & set(mentor.slots))
    if slots:
        add("availability", "common_slots", float(c.availability_value(len(slots))), count=len(slots),
            slots=[[d, p.value] for d, p in map(slot_of, slots)])
    else:
        add("availability", "no_common_slot", 0.0)

    km = c.pair_distance(mentee, mentor)
    if km is None:
        unknown = [p.role.value for p in (mentee, mentor) if c.locate(p.country, p.postal_code) is None]
        add("distance", "distance_unknown", c.NEUTRAL, who=unknown)
    else:
        # the same municipality only when both postal codes lead to the same
        # one (Molenbeek 1080 and Koekelberg 1081 are 0.9 km apart, not one)
        same = c.locate(mentee.country, mentee.postal_code) == c.locate(mentor.country, mentor.postal_code)
        add("distance", "distance", float(c.distance_value(km)), km=round(km, 1),
            mentee_place=mentee.municipality, mentor_place=mentor.municipality, same_place=same)

    shared = sorted(mentee.keywords & mentor.keywords)
    if shared:
        add("interests", "shared_interests", float(c.interests_value(len(shared))), words=shared)
    else:
        add("interests", "no_shared_interest", 0.0)

    wanted = mentee.preferred_mentor_gender
    if mentee.preferred_mentor_languages or mentee.preferred_mentor_sector:
        code, value, params = _wishes(mentee, mentor)
        add("preferences", code, value, **params)
    elif wanted not in _KNOWN_GENDERS:
        add("preferences", "no_preference", 1.0)
    elif mentor.gender not in _KNOWN_GENDERS:
        add("preferences", "preference_unknown", c.NEUTRAL, gender=wanted.value)
    elif mentor.gender is wanted:
        add("preferences", "preference_met", 1.0, gender=wanted.value)
    else:
        add("preferences", "preference_not_met", 0.0, gender=wanted.value)

    days = mentee.waiting_days(pool.today)
    add("waiting", "waiting", float(c.waiting_value(days)), days=days)

    blockers = pair_blockers(mentee, mentor, pool.refused)
    score = sum(r.points or 0.0 for r in reasons)
    return Explanation(mentee.id, mentor.id, score, not blockers, tuple(reasons), tuple(blockers))


def _wishes(mentee: Profile, mentor: Profile) -> tuple:
    """Several wishes about the mentor: ("wishes", value, params) where
    params lists each wish (``[kind, values]``) under met, not_met, unknown."""
    met, not_met, unknown = [], [], []
    wanted = mentee.preferred_mentor_gender
    if wanted in _KNOWN_GENDERS:
        wish = ["gender", [wanted.value]]
        (unknown if mentor.gender not in _KNOWN_GENDERS else met if mentor.gender is wanted else not_met).append(wish)
    if mentee.preferred_mentor_languages:
        wish = ["languages", sorted(mentee.preferred_mentor_languages)]
        (met if set(mentee.preferred_mentor_languages) & set(mentor.languages) else not_met).append(wish)
    if mentee.preferred_mentor_sector:
        wish = ["sector", [mentee.preferred_mentor_sector]]
        (met if mentee.preferred_mentor_sector in mentor.sectors else not_met).append(wish)
    value = (len(met) + c.NEUTRAL * len(unknown)) / (len(met) + len(not_met) + len(unknown))
    return "wishes", value, {"met": met, "not_met": not_met, "unknown": unknown}
