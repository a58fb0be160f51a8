"""``match scores``, ``match propose`` and ``match pair`` print JSON a script can use."""

from __future__ import annotations

import json

import pytest

from duo_desktop.__main__ import main
from duo_desktop.models import Duo

from . import matching_data


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any


def run(capsys, *args: str) -> dict:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_match_scores_json_has_every_pair_with_reasons(store, capsys):
    ids = matching_data.build(store)
    data = run(capsys, "--database", store.url, "--lang", "en", "match", "scores", "--branch", "bxl", "--json",
               "--date", "2026-03-16")
    assert data["branch"] == "BXL" and len(data["pairs"]) == 3 * 3
    pair = next(p for p in data["pairs"] if (p["mentee_id"], p["mentor_id"]) == (ids["amina"], ids["joelle"]))
    assert pair["feasible"] and pair["blockers"] == []
    texts = [r["text"] for r in pair["reasons"]]
    assert "same sector (Logistics)" in texts and "3 common time slots" in texts
    assert {r["criterion"] for r in pair["reasons"]} == set(data["weights"])
    assert round(sum(r["points"] for r in pair["reasons"]), 0) == round(pair["score"], 0)
    blocked = next(p for p in data["pairs"] if (p["mentee_id"], p["mentor_id"]) == (ids["amina"], ids["pieter"]))
    assert not blocked["feasible"] and blocked["blockers"][0]["code"] == "no_common_language"


def test_match_propose_json_and_save(store, capsys):
    ids = matching_data.build(store)
    data = run(capsys, "--database", store.url, "--lang", "fr", "match", "propose", "--branch", "BXL", "--json",
               "--date", "2026-03-16")
    assert {(p["mentee_id"], p["mentor_id"]) for p in data["pairs"]} == {(ids["amina"], ids["joelle"]),
                                                                         (ids["fatima"], ids["pieter"])}
    assert data["total_score"] == round(sum(p["score"] for p in data["pairs"]), 1)
    assert data["unmatched"][0]["reason"]["text"] == "aucun mentor formé ne parle tigrigna à Bruxelles"
    with store.session() as s:
        assert s.query(Duo).count() == 0  # a dry run by default
    saved = run(capsys, "--database", store.url, "match", "propose", "--branch", "BXL", "--json", "--save",
                "--date", "2026-03-16")
    assert len(saved["saved_duo_ids"]) == 2
    with store.session() as s:
        assert s.query(Duo).count() == 2


def test_unknown_branch_is_a_clear_error(store, capsys):
    assert main(["--database", store.url, "--lang", "en", "match", "scores", "--branch", "XYZ"]) == 2
    assert "There is no branch “XYZ”." in capsys.readouterr().err


def test_match_pair_proposes_one_duo_and_refuses_a_second_for_the_same_mentee(store, capsys):
    ids = matching_data.build(store)
    data = run(capsys, "--database", store.url, "match", "pair", "--mentee", str(ids["amina"]),
               "--mentor", str(ids["joelle"]), "--json")
    assert data["saved"]
    with store.session() as s:
        duo = s.get(Duo, data["duo_id"])
        assert (duo.mentee_id, duo.mentor_id) == (ids["amina"], ids["joelle"])
    assert main(["--database", store.url, "--lang", "en", "match", "pair", "--mentee", str(ids["amina"]),
                 "--mentor", str(ids["pieter"]), "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)
    assert refused["code"] == "mentee_busy" and f"duo {data['duo_id']}" in refused["message"]
    assert main(["--database", store.url, "match", "pair", "--mentee", "9999", "--mentor", str(ids["pieter"])]) == 2
    assert "9999" in capsys.readouterr().err
    with store.session() as s:
        assert s.query(Duo).count() == 1


@pytest.mark.parametrize("how, code, words", [
    ("restrict", "restricted", "data is restricted"),
    ("erase", "erased", "is anonymised"),
    ("merge", "merged", "was merged into participant"),
])
def test_match_pair_says_why_a_person_can_never_be_matched_not_that_the_roles_are_wrong(store, capsys, how, code,
                                                                                       words):
    import datetime as dt

    from duo_desktop.models import Participant
    from duo_desktop.services import privacy

    ids = matching_data.build(store)
    now = dt.datetime(2026, 3, 16, 9, 0)
    with store.transaction() as s:
        if how == "restrict":
            privacy.restrict(s, ids["amina"], now.date(), now)
        elif how == "erase":
            privacy.anonymise(s, ids["amina"], now.date(), now)
        else:
            s.get(Participant, ids["amina"]).merged_into_id = ids["selam"]
    assert main(["--database", store.url, "--lang", "en", "match", "pair", "--mentee", str(ids["amina"]),
                 "--mentor", str(ids["joelle"]), "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)
    assert refused["code"] == code and words in refused["message"]  # QA item 8: it said "wrong_roles"
    with store.session() as s:
        assert s.query(Duo).count() == 0
