"""The participant search uses every word typed, each anywhere in the name,
email, municipality or phone: "Amina Haddad" finds Amina Haddad, not Amina
Bakri nor Karim Haddad; typing on narrows, erasing widens again."""

from __future__ import annotations

import pytest

from duo_desktop.services import participants as svc
from duo_desktop.services.participants import ParticipantFilter, ParticipantIndex

from . import factories as f


@pytest.fixture
def people(store):
    with store.transaction() as s:
        b = f.branch(s)
        return {
            "amina_h": f.participant(s, b, first="Amina", last="Haddad", municipality="Ixelles",
                                     phone="+32 470 11 22 33", phone_key="32470112233").id,
            "amina_b": f.participant(s, b, first="Amina", last="Bakri", municipality="Schaerbeek",
                                     phone="+32 470 99 88 77", phone_key="32470998877").id,
            "karim_h": f.participant(s, b, first="Karim", last="Haddad", municipality="Ixelles").id,
            "fatima": f.participant(s, b, first="Фатима", last="Иванова", municipality="Anderlecht").id,
        }


@pytest.fixture
def index(store, people):
    return fresh_index(store)


def fresh_index(store) -> ParticipantIndex:
    with store.session() as s:
        return ParticipantIndex.build(s)


def find(store, index, text: str) -> set[int]:
    return set(index.search(ParticipantFilter(text=text), session_factory=store.session).ids)


def test_every_word_typed_must_match(store, people, index):
    assert find(store, index, "Amina Haddad") == {people["amina_h"]}
    assert find(store, index, "haddad amina") == {people["amina_h"]}  # in any order
    assert find(store, index, "Amina") == {people["amina_h"], people["amina_b"]}
    assert find(store, index, "Haddad") == {people["amina_h"], people["karim_h"]}
    assert find(store, index, "Amina Ixelles") == {people["amina_h"]}
    assert find(store, index, "Amina Nobody") == set()
    assert find(store, index, "фатима иванова") == {people["fatima"]}
    assert find(store, index, "фатима haddad") == set()


def test_the_second_word_counts_on_a_fresh_index_too(store, people):
    with store.session() as s:
        assert set(svc.search_ids(s, ParticipantFilter(text="Amina Bakri"))) == {people["amina_b"]}
        assert set(svc.search_ids(s, ParticipantFilter(text="Karim Haddad"))) == {people["karim_h"]}


def test_typing_on_narrows_and_erasing_widens_again(store, people, index):
    steps = {"A": {"amina_h", "amina_b", "karim_h", "fatima"}, "Amina": {"amina_h", "amina_b"},
             "Amina ": {"amina_h", "amina_b"}, "Amina H": {"amina_h", "amina_b"},  # "h" of Schaerbeek
             "Amina Had": {"amina_h"},
             "Amina Haddad": {"amina_h"}}
    for text, expected in steps.items():  # letter by letter, as typed
        assert find(store, index, text) == {people[k] for k in expected}, text
    for text in ("Amina Ha", "Amina", "Am", ""):  # erased, the earlier result is not reused
        assert find(store, index, text) == find(store, fresh_index(store), text), text


def test_a_word_and_a_phone_number_both_count(store, people, index):
    assert find(store, index, "Amina 0470 11") == {people["amina_h"]}
    assert find(store, index, "Amina 998877") == {people["amina_b"]}
    assert find(store, index, "Karim 998877") == set()
