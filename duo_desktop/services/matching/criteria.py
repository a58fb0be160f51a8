"""The criteria of a match as vectorised building blocks: codes as bit masks
(languages, sectors, weekly slots), keywords of interests and personality,
distances between municipalities. Each criterion is a value between 0 and 1
for every (mentee, mentor) pair; scoring.py weighs them."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..geo import distance_km, distance_table_km, locate
from ...text import fold

CRITERIA = ("sector", "languages", "availability", "distance", "interests", "preferences", "waiting")

# A pair gets the full distance value when close, nothing from this far.
DISTANCE_ZERO_KM = 30.0
# Full waiting value after this many days (the programme aims at a match
# within one month; three months is long).
WAITING_FULL_DAYS = 90
SLOTS_FULL = 3  # three common weekly slots are plenty for two hours a week
LANGUAGES_FULL = 2
INTERESTS_FULL = 2
NEUTRAL = 0.5  # value of a criterion that cannot be judged (unknown place)

# Words that say nothing about an interest (fr, nl, en): function words,
# verbs of liking, intensifiers and words about time or manner. A word is
# kept only when it could name an interest a coordinator would recognise.
_STOPWORDS = frozenset(fold(w) for w in """
avec dans pour sans sous chez mais donc comme elle elles nous vous leur leurs tres plus moins aime aimer
adore adorer bien aussi faire fait être etre avoir cette celui celle entre vers depuis toujours souvent
parfois beaucoup surtout encore assez peu tout tous toute toutes autre autres quand alors puis ensuite
debut fin temps fois jour jours semaine calme timide ouvert ouverte personne genre style passion passionne
passionnee interesse interessee interet interets
with from that this they them their like likes love loves very much also into about have enjoys enjoy
some more most other others when then always often sometimes really quite start beginning time times
calm quiet shy open person things thing stuff interest interests interested passionate
heeft houdt graag zijn voor door maar ook niet veel zeer over naar haar hun werk altijd vaak soms
echt heel erg begin tijd keer rustig verlegen open persoon dingen interesse interesses
""".split())
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_APOSTROPHES = re.compile(r"['\u2019\u02bc`]")


def keywords(text: str) -> frozenset[str]:
    """The interests declared in ``text`` (the profile's interests field,
    never the personality notes): accent-free words of four letters or more,
    without the words that name no interest (:data:`_STOPWORDS`); a simple
    overlap a coordinator can check by reading both profiles."""
    # an apostrophe ends a word ("l'école", "j’aime"): folding alone would glue "lecole", "jaime"
    text = _APOSTROPHES.sub(" ", text)
    return frozenset(w for w in _WORD.findall(fold(text)) if w not in _STOPWORDS)


def code_index(groups: Sequence[Sequence[str]]) -> dict[str, int]:
    index: dict[str, int] = {}
    for codes in groups:
        for c in codes:
            index.setdefault(c, len(index))
    return index


def masks(groups: Sequence[Sequence], index: dict, words: int) -> np.ndarray:
    """One row of ``words`` uint64 bit masks per person."""
    if words <= 1:  # the common case: Python ints, then one array (32 bits when they fit: half the memory)
        bit = (lambda c: index[c]) if isinstance(index, dict) else (lambda c: c)
        small = len(index) <= 32 if isinstance(index, dict) else True
        return np.array([sum({1 << bit(c) for c in codes}) for codes in groups],
                        dtype=np.uint32 if small else np.uint64)[:, None]
    out = np.zeros((len(groups), words), dtype=np.uint64)
    for row, codes in enumerate(groups):
        for c in codes:
            bit = index[c] if isinstance(index, dict) else c
            out[row, bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
    return out


def overlap_counts(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Number of common bits for every pair of rows: (n, w) x (m, w) -> (n, m)."""
    total = np.zeros((a.shape[0], b.shape[0]), dtype=np.uint8)
    for w in range(a.shape[1]):
        total += np.bitwise_count(np.bitwise_and.outer(a[:, w], b[:, w])).astype(np.uint8)
    return total


def code_overlaps(mentees: Sequence[Sequence[str]], mentors: Sequence[Sequence[str]]) -> np.ndarray:
    index = code_index(list(mentees) + list(mentors))
    words = (len(index) + 63) // 64
    a, b = masks(mentees, index, words), masks(mentors, index, words)
    if a.dtype != b.dtype:
        a, b = a.astype(np.uint64), b.astype(np.uint64)
    return overlap_counts(a, b)


def slot_overlaps(mentees: Sequence[Sequence[int]], mentors: Sequence[Sequence[int]]) -> np.ndarray:
    return overlap_counts(masks(mentees, None, 1), masks(mentors, None, 1))  # 21 slots fit 32 bits


def keyword_overlaps(mentees: Sequence[frozenset[str]], mentors: Sequence[frozenset[str]]) -> np.ndarray:
    """Common keywords per pair (float32, mentees x mentors), word by word:
    each word adds one to the block of the mentees and mentors who have it.
    The work is the number of (pair, common word), small since each person
    has few words, however large the vocabulary."""
    out = np.zeros((len(mentees), len(mentors)), dtype=np.float32)
    having: dict[str, tuple[list[int], list[int]]] = {}
    for side, groups in enumerate((mentees, mentors)):
        for r, words in enumerate(groups):
            for w in words:
                having.setdefault(w, ([], []))[side].append(r)
    for rows, cols in having.values():
        if rows and cols:
            out[np.ix_(rows, cols)] += 1.0
    return out


def place_keys(people) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(p.country, p.postal_code) for p in people]


def distance_matrix(mentees: list[tuple[str, str]], mentors: list[tuple[str, str]]) -> np.ndarray:
    """Kilometres between the places of ``mentees`` and ``mentors``
    ((country, postal code) pairs), float32 of shape (mentees, mentors);
    NaN where a place is unknown. Computed once per pair of distinct places
    (geo.distance_table_km, one vectorised formula) and spread by index."""
    keys = sorted(set(mentees) | set(mentors))
    located = [locate(c, pc) for c, pc in keys]
    distinct = list(dict.fromkeys(p for p in located if p is not None))
    index = {p: i for i, p in enumerate(distinct)}
    k = len(distinct)
    table = np.full((k + 1, k + 1), np.nan, dtype=np.float32)  # the last row and column: unknown place
    table[:k, :k] = distance_table_km(distinct)
    pos = {key: (index[p] if p is not None else k) for key, p in zip(keys, located, strict=True)}
    rows = np.array([pos[key] for key in mentees], dtype=np.intp)
    cols = np.array([pos[key] for key in mentors], dtype=np.intp)
    return table[np.ix_(rows, cols)]


def pair_distance(a, b) -> float | None:  # noqa: ANN001
    pa, pb = locate(a.country, a.postal_code), locate(b.country, b.postal_code)
    return None if pa is None or pb is None else distance_km(pa, pb)


# --- values between 0 and 1 ---------------------------------------------------
def sector_value(common):  # noqa: ANN001, ANN201
    return (np.asarray(common) > 0).astype(np.float32)


def languages_value(common):  # noqa: ANN001, ANN201
    return np.minimum(np.asarray(common, dtype=np.float32), LANGUAGES_FULL) / LANGUAGES_FULL


def availability_value(common):  # noqa: ANN001, ANN201
    return np.minimum(np.asarray(common, dtype=np.float32), SLOTS_FULL) / SLOTS_FULL


def distance_value(km):  # noqa: ANN001, ANN201
    km = np.asarray(km, dtype=np.float32)
    value = np.clip(1 - km / DISTANCE_ZERO_KM, 0, 1)
    return np.where(np.isnan(km), np.float32(NEUTRAL), value).astype(np.float32)


def interests_value(common):  # noqa: ANN001, ANN201
    return np.minimum(np.asarray(common, dtype=np.float32), INTERESTS_FULL) / INTERESTS_FULL


def waiting_value(days):  # noqa: ANN001, ANN201
    return np.minimum(np.asarray(days, dtype=np.float32), WAITING_FULL_DAYS) / WAITING_FULL_DAYS


def wish_values(gender_values, wished_languages: Sequence[Sequence[str]], mentor_languages: Sequence[Sequence[str]],
                wished_sectors: Sequence[str], mentor_sectors: Sequence[Sequence[str]]):  # noqa: ANN001, ANN201
    """The "preferences" criterion: the mean over the wishes a mentee
    expressed about the mentor (gender, languages, sector) of 1 when met,
    0 when not, NEUTRAL when the mentor's side is unknown; 1 without any wish.
    ``gender_values`` is (mentees x mentors) with NaN where no gender was asked."""
    gender = np.asarray(gender_values, dtype=np.float32)
    total = np.where(np.isnan(gender), np.float32(0), gender)
    count = (~np.isnan(gender)).astype(np.float32)
    if any(wished_languages):
        speaks = code_overlaps(wished_languages, mentor_languages) > 0
        asked = np.array([bool(w) for w in wished_languages])[:, None]
        total = total + np.where(asked, speaks.astype(np.float32), np.float32(0))
        count = count + asked.astype(np.float32)
    if any(wished_sectors):
        works = code_overlaps([[s] if s else [] for s in wished_sectors], mentor_sectors) > 0
        asked = np.array([bool(s) for s in wished_sectors])[:, None]
        total = total + np.where(asked, works.astype(np.float32), np.float32(0))
        count = count + asked.astype(np.float32)
    return np.where(count > 0, total / np.maximum(count, 1), np.float32(1)).astype(np.float32)
