"""duo_desktop/text.fold: one normalisation for search, duplicates and sorting,
whatever keyboard typed the name (issue 13, cases 08-apostrophe-*)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from duo_desktop.models import Participant
from duo_desktop.services.participants import ParticipantFilter, ParticipantIndex
from duo_desktop.text import clean_line, fold
from tests import factories as f

SAME = [
    ("N'Diaye", "N’Diaye", "ndiaye"),  # ASCII and typographic apostrophe
    ("D'Hondt", "D‘Hondt", "dhondt"),
    ("Öztürk", "O\u0308ztu\u0308rk", "ozturk"),  # composed and decomposed (macOS) accents
    ("Hélène", "He\u0301le\u0300ne", "helene"),
    ("Işık", "ISIK", "isik"),  # Turkish dotless i
    ("İsmail", "Ismail", "ismail"),  # Turkish dotted capital I
    ("علي", "علی", "ly"),  # Arabic and Persian yeh
    ("كريم", "کریم", "krym"),  # Arabic and Persian kaf
    ("فاطمة", "فاطمه", "ftmh"),  # teh marbuta and heh
    ("أحمد", "احمد", "hmd"),  # hamza on alif or not
    ("می\u200cخواهم", "میخواهم", "mykhwhm"),  # zero-width non-joiner
    ("Łukasz", "Lukasz", "lukasz"),  # letters NFKD leaves alone
    ("Søren", "Soren", "soren"),
    ("Æsa", "aesa", "aesa"),
    ("Œuvre", "oeuvre", "oeuvre"),
    ("Đorđe", "Dorde", "dorde"),
    ("Stra\u00dfe", "strasse", "strasse"),
    ("Jean-Pierre", "jean pierre", "jean pierre"),
]


@pytest.mark.parametrize("one, other, folded", SAME)
def test_one_spelling_whatever_the_keyboard(one, other, folded):
    assert fold(one) == fold(other) == folded


def test_symbols_separate_words_and_invisible_characters_vanish():
    assert fold("Emoji 😀") == "emoji"
    assert fold("Amal\u200b") == fold("Amal\u00a0") == "amal"


def test_single_line_fields_drop_line_breaks_and_control_characters():
    assert clean_line("Diallo\nBah\r\nSow") == "Diallo Bah Sow"
    assert clean_line(" Amal\u00a0\u200b\x07 ") == "Amal"
    assert clean_line("می\u200cخواهم", keep_joiners=True) == "می\u200cخواهم"


def test_search_ndiaye_finds_every_spelling(store):
    with store.transaction() as s:
        b = f.branch(s)
        ids = {f.participant(s, b, first="Aïssatou", last=last).id for last in ("N'Diaye", "N’Diaye", "NDiaye")}
        f.participant(s, b, first="Pieter", last="D’Hondt")
    with store.session() as s:
        index = ParticipantIndex.build(s)
    for typed in ("ndiaye", "N'Diaye", "n’diaye", "aissatou ndiaye"):
        assert set(index.search(ParticipantFilter(text=typed), "last_name", False,
                                session_factory=store.session).ids) == ids, typed
    assert len(index.search(ParticipantFilter(text="d'hondt"), "last_name", False,
                            session_factory=store.session).ids) == 1


def test_surname_prefixes_are_stored_and_sorted_by_the_branch_country(store, clock, tmp_path):
    """Issue 13: in the Netherlands de Vries sorts under V, van der Berg
    under B; in Belgium De Smet under D, Van der Berg under V. The printed
    name is the surname as typed."""
    from duo_desktop.services import importer

    with store.transaction() as s:
        f.branch(s, code="RTM", city="Rotterdam", country="NL", office="uwv")
        f.branch(s, code="GNT", city="Gent", country="BE", office="vdab")
    path = tmp_path / "prefixes.csv"
    path.write_text("Voornaam;Achternaam;Rol;Geboortedatum;E-mail;Afdeling\n" + "\n".join(
        f"{first};{last};mentee;0{day}/01/2000;{first.lower()}.{branch.lower()}@example.org;{branch}"
        for day, branch in ((1, "RTM"), (2, "GNT"))
        for first, last in (("Anna", "van der Berg"), ("Bram", "de Vries"), ("Carla", "Claes"),
                            ("Daan", "Wouters"))) + "\n", encoding="utf-8")
    with store.session() as s:
        result = importer.preview(s, clock, path)
    with store.transaction() as s:
        importer.import_rows(s, clock, result)
    with store.session() as s:
        index = ParticipantIndex.build(s)
        people = {p.id: p for p in s.scalars(select(Participant))}
        country = {p.id: p.branch.country for p in people.values()}
    by_country = {}
    for pid in index.search(ParticipantFilter(), "last_name", False, session_factory=store.session).ids:
        by_country.setdefault(country[pid], []).append(people[pid].last_name)
    assert by_country["NL"] == ["van der Berg", "Claes", "de Vries", "Wouters"]
    assert by_country["BE"] == ["Claes", "de Vries", "van der Berg", "Wouters"]
    assert {p.last_name: p.name_prefix for p in people.values()} == {
        "van der Berg": "van der", "de Vries": "de", "Claes": "", "Wouters": ""}
    assert sorted(p.full_name for p in people.values())[:2] == ["Anna van der Berg"] * 2
