"""The participants list service: each filter, search in any script, sorting,
counts per status, duplicates flag, and the index kept up to date."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import LanguageLevel, Participant, ParticipantStatus, Role
from duo_desktop.services import participants as svc
from duo_desktop.services.participants import ParticipantFilter, ParticipantIndex, waiting_cutoff

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

S = ParticipantStatus


@pytest.fixture
def people(store):
    """A small programme over two branches with names in several scripts."""
    with store.transaction() as s:
        bxl = f.branch(s)
        gnt = f.branch(s, code="GNT", city="Gent", office="vdab")
        camille = f.coordinator(s, bxl)
        jan = f.coordinator(s, gnt, first="Jan", last="Peeters")
        ids = {
            "joelle": f.participant(s, bxl, first="Joëlle", last="Dubois", status=S.APPLICANT,
                                    applied_on=dt.date(2025, 12, 1), coordinator_id=camille.id,
                                    email="joelle.d@example.org", phone="+32 470 12 34 56",
                                    municipality="Ixelles", sectors=["care"],
                                    languages={"fr": LanguageLevel.NATIVE}).id,
            "mohamed": f.participant(s, bxl, first="محمد", last="العلي", status=S.READY_TO_MATCH,
                                     applied_on=dt.date(2026, 3, 1), municipality="Schaerbeek",
                                     sectors=["it"], languages={"ar": LanguageLevel.NATIVE}).id,
            "selam": f.participant(s, gnt, first="ሰላም", last="ተስፋይ", status=S.INTAKE_DONE,
                                   applied_on=dt.date(2025, 8, 20), coordinator_id=jan.id, municipality="Gent",
                                   sectors=["logistics"], languages={"ti": LanguageLevel.NATIVE}).id,
            "fatima": f.participant(s, gnt, first="Фатима", last="Иванова", status=S.IN_DUO,
                                    applied_on=dt.date(2025, 1, 10), municipality="Gent",
                                    languages={"ru": LanguageLevel.FLUENT}).id,
            "mentor": f.participant(s, bxl, role=Role.MENTOR, first="Anne", last="Zeller", status=S.TRAINED,
                                    applied_on=dt.date(2026, 2, 1), municipality="Uccle",
                                    sectors=["it", "finance"], languages={"nl": LanguageLevel.FLUENT}).id,
        }
        ids["bxl"], ids["gnt"], ids["camille"], ids["jan"] = bxl.id, gnt.id, camille.id, jan.id
    return ids


def _search(store, **kwargs):
    sort = kwargs.pop("sort", "last_name")
    descending = kwargs.pop("descending", False)
    with store.session() as s:
        index = ParticipantIndex.build(s)
    return index.search(ParticipantFilter(**kwargs), sort, descending, session_factory=store.session)


def test_search_ignores_case_and_accents_in_any_script(store, people):
    assert _search(store, text="joelle").ids == [people["joelle"]]
    assert _search(store, text="JOËLLE dub").ids == [people["joelle"]]
    assert _search(store, text="العلي").ids == [people["mohamed"]]
    assert _search(store, text="ሰላም").ids == [people["selam"]]
    assert _search(store, text="фатима").ids == [people["fatima"]]  # lower-case Cyrillic finds "Фатима"


def test_search_by_email_phone_and_municipality(store, people):
    assert _search(store, text="joelle.d@").ids == [people["joelle"]]
    assert _search(store, text="0470 12 34").ids == [people["joelle"]]  # typed the local way
    assert _search(store, text="schaerbeek").ids == [people["mohamed"]]
    assert set(_search(store, text="gent").ids) == {people["selam"], people["fatima"]}
    assert _search(store, text="nobody-like-this").ids == []


def test_each_filter(store, people, clock):
    assert _search(store, role=Role.MENTOR).ids == [people["mentor"]]
    assert _search(store, status=S.INTAKE_DONE).ids == [people["selam"]]
    assert set(_search(store, branch_id=people["gnt"]).ids) == {people["selam"], people["fatima"]}
    assert set(_search(store, sector="it").ids) == {people["mohamed"], people["mentor"]}
    assert _search(store, language="ti").ids == [people["selam"]]
    assert _search(store, coordinator_id=people["camille"]).ids == [people["joelle"]]
    # waiting time counts from the application, only for people still waiting for a duo
    today = clock.today()  # 2026-03-16
    assert set(_search(store, applied_before=waiting_cutoff(today, 3)).ids) == {people["joelle"], people["selam"]}
    assert _search(store, applied_before=waiting_cutoff(today, 6)).ids == [people["selam"]]
    assert set(_search(store, applied_before=waiting_cutoff(today, 1)).ids) == {
        people["joelle"], people["selam"], people["mentor"]}  # Fatima is in a duo: not waiting
    # filters combine
    assert _search(store, branch_id=people["bxl"], sector="it", role=Role.MENTEE).ids == [people["mohamed"]]


def test_waiting_cutoff_clamps_to_the_end_of_the_month():
    assert waiting_cutoff(dt.date(2026, 3, 16), 1) == dt.date(2026, 2, 16)
    assert waiting_cutoff(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
    assert waiting_cutoff(dt.date(2026, 2, 10), 6) == dt.date(2025, 8, 10)


def test_sorting_is_done_by_the_service(store, people):
    by_last = _search(store).ids
    # every script sorts where its Latin spelling would (duo_desktop/text.fold): Dubois, Иванова (ivanova),
    # العلي (lly), ተስፋይ (tesfay), Zeller
    assert by_last == [people["joelle"], people["fatima"], people["mohamed"], people["selam"], people["mentor"]]
    assert _search(store, descending=True).ids == list(reversed(by_last))
    by_applied = _search(store, sort="applied_on").ids
    assert by_applied == [people["fatima"], people["selam"], people["joelle"], people["mentor"], people["mohamed"]]
    by_status = _search(store, sort="status").ids
    assert by_status[0] == people["joelle"]  # applicant comes first in the pipeline
    assert by_status[-1] == people["fatima"]  # in a duo
    with pytest.raises(ValueError):
        _search(store, sort="password")


def test_counts_per_status_ignore_the_status_filter_only(store, people):
    result = _search(store, status=S.APPLICANT)
    assert result.ids == [people["joelle"]]
    assert result.counts == {S.APPLICANT: 1, S.READY_TO_MATCH: 1, S.INTAKE_DONE: 1, S.IN_DUO: 1, S.TRAINED: 1}
    assert _search(store, branch_id=people["gnt"]).counts == {S.INTAKE_DONE: 1, S.IN_DUO: 1}


def test_typing_letter_by_letter_gives_the_same_result_as_a_fresh_search(store, people):
    with store.session() as s:
        index = ParticipantIndex.build(s)
    for typed in ("g", "ge", "gen", "gent", "gent ", "gent i", "0", "04", "047", "0470"):
        incremental = index.search(ParticipantFilter(text=typed)).ids
        assert incremental == _search(store, text=typed).ids, typed


def test_duplicates_are_flagged_and_filtered(store, people):
    with store.transaction() as s:
        b = s.get(Participant, people["joelle"]).branch
        twin = f.participant(s, b, first="Joelle", last="DUBOIS", birth=dt.date(2000, 1, 1)).id
        f.participant(s, b, first="Other", last="Person", phone="0470/12.34.56")
    with store.session() as s:
        index = ParticipantIndex.build(s)
        rows = svc.fetch_rows(s, [people["joelle"], people["mohamed"]], index)
    assert index.is_duplicate(twin) and index.is_duplicate(people["joelle"])
    assert [r.duplicate for r in rows] == [True, False]
    flagged = index.search(ParticipantFilter(duplicates_only=True)).ids
    assert people["joelle"] in flagged and twin in flagged and people["mohamed"] not in flagged
    assert len(flagged) == 3  # the phone twin too


def test_index_refreshes_changed_rows_and_hides_merged_ones(store, people):
    with store.session() as s:
        index = ParticipantIndex.build(s)
    assert index.search(ParticipantFilter(text="joelle")).ids == [people["joelle"]]
    with store.transaction() as s:
        p = s.get(Participant, people["joelle"])
        p.municipality = "Forest"
        s.get(Participant, people["mohamed"]).merged_into_id = people["fatima"]
    with store.session() as s:
        index.refresh_ids(s, [people["joelle"], people["mohamed"]])
    assert index.search(ParticipantFilter(text="forest")).ids == [people["joelle"]]
    assert people["mohamed"] not in index.search(ParticipantFilter()).ids
    with store.session() as s:
        assert people["mohamed"] not in svc.search_ids(s, ParticipantFilter())
        assert svc.count(s) == 4


def test_a_status_change_updates_counts_and_the_status_order(store, people):
    from duo_desktop.services.participant_status import set_status

    with store.session() as s:
        index = ParticipantIndex.build(s)
    assert index.search(ParticipantFilter(), "status").ids[0] == people["joelle"]  # applicant first
    with store.transaction() as s:
        set_status(s, people["joelle"], S.WITHDRAWN, dt.date(2026, 3, 16), reason="moved away")
    with store.session() as s:
        index.refresh_ids(s, [people["joelle"]])
    result = index.search(ParticipantFilter(text="joelle"))
    assert result.ids == [people["joelle"]] and result.counts == {S.WITHDRAWN: 1}
    assert index.search(ParticipantFilter(), "status").ids[-1] == people["joelle"]  # withdrawn comes last
    assert index.search(ParticipantFilter(status=S.APPLICANT)).ids == []


def test_each_column_sorts_on_its_own_value_then_on_the_name(store, people):
    p = people
    # branch Bruxelles before Gent, each by surname; municipality; role (mentees first); first name
    assert _search(store, sort="branch").ids == [p["joelle"], p["mohamed"], p["mentor"], p["fatima"], p["selam"]]
    assert _search(store, sort="municipality").ids == [p["fatima"], p["selam"], p["joelle"], p["mohamed"],
                                                        p["mentor"]]
    assert _search(store, sort="role").ids == [p["joelle"], p["fatima"], p["mohamed"], p["selam"], p["mentor"]]
    assert _search(store, sort="first_name").ids[:3] == [p["mentor"], p["fatima"], p["joelle"]]  # Anne, Fatima, Joëlle


def test_someone_added_by_another_coordinator_is_listed_where_found(store, people):
    """Two coordinators on one database: the search is answered by the
    database, the order by the list read at the last reload. A person
    another coordinator added since is found, counted and listed in place."""
    with store.session() as s:
        index = ParticipantIndex.build(s)
    with store.transaction() as s:  # the other coordinator's window: this index is not told
        added = f.participant(s, s.get(Participant, people["joelle"]).branch, first="Joël", last="Dubeau",
                              status=S.APPLICANT, applied_on=dt.date(2026, 3, 2)).id
    result = index.search(ParticipantFilter(text="jo"), session_factory=store.session)
    assert result.ids == [added, people["joelle"]]  # Dubeau before Dubois
    assert sum(result.counts.values()) == len(result.ids) == 2
    assert index.search(ParticipantFilter(status=S.APPLICANT), session_factory=store.session).ids == [
        added, people["joelle"]]
