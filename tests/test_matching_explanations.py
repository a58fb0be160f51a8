"""A matching explanation says only what is true (issue 17): "same
municipality" only for one municipality, "shared interests" only from the
interests both declared, never from words of the personality notes."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop import i18n
from duo_desktop.models import Branch, Role
from duo_desktop.services.matching.criteria import keywords
from duo_desktop.services.matching.explain import describe
from duo_desktop.services.matching.pool import load_pool
from duo_desktop.services.matching.scoring import score_matrix

from . import factories as f

TODAY = dt.date(2026, 3, 16)


def explain(store, mentee_kw, mentor_kw):
    with store.transaction() as s:
        b = f.branch(s)
        mentee = f.participant(s, b, Role.MENTEE, **mentee_kw).id
        mentor = f.participant(s, s.get(Branch, b.id), Role.MENTOR, **mentor_kw).id
    with store.session() as s:
        reasons = score_matrix(load_pool(s, b.id, TODAY)).explain(mentee, mentor).reasons
    return {r.criterion: r for r in reasons}


def test_molenbeek_and_koekelberg_are_close_but_not_the_same_municipality(store):
    reasons = explain(store, {"postal_code": "1080", "municipality": "Molenbeek-Saint-Jean"},
                      {"postal_code": "1081", "municipality": "Koekelberg"})
    i18n.set_language("en")
    assert describe(reasons["distance"]) == "2 km apart"  # postal-code centres (GeoNames), 1080 to 1081
    i18n.set_language("fr")
    assert "même commune" not in describe(reasons["distance"])


def test_one_postal_code_is_the_same_municipality(store):
    reasons = explain(store, {"postal_code": "1080"}, {"postal_code": "1080"})
    i18n.set_language("en")
    assert describe(reasons["distance"]) == "same municipality"


def test_words_of_the_personality_notes_are_not_shared_interests(store):
    reasons = explain(store, {"interests": "", "personality_notes": "Calme au début, puis très ouvert."},
                      {"interests": "", "personality_notes": "Calme, patient. Mentor depuis le début du projet."})
    i18n.set_language("en")
    assert reasons["interests"].code == "no_shared_interest"
    assert describe(reasons["interests"]) == "no shared interest found"


def test_shared_interests_come_from_the_declared_interests(store):
    reasons = explain(store, {"interests": "Football, cuisine et très calme", "personality_notes": "jardinage"},
                      {"interests": "la cuisine marocaine, le calme", "personality_notes": "jardinage"})
    i18n.set_language("en")
    assert describe(reasons["interests"]) == "shared interests: cuisine"


@pytest.mark.parametrize("text", ["Calme au début", "rustig in het begin", "calm at the beginning",
                                  "J'aime beaucoup, surtout le temps"])
def test_words_that_name_no_interest_are_not_keywords(text):
    assert keywords(text) == frozenset()


def test_keywords_are_the_interest_words():
    assert keywords("Football, la cuisine, lecture; jardinage") == {"football", "cuisine", "lecture", "jardinage"}
