"""An id given on the command line that names nothing (a mistyped
``--coordinator``, ``--participant``, ``--mentee`` or ``--duo``) is refused
before anything is done: one line naming the option and the value, in the
user's language, the command's documented exit code, nothing written and no
success printed (QA report items 3 and 10)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from duo_desktop.__main__ import main
from duo_desktop.models import AuditEntry, Duo, Participant

from . import matching_data


@pytest.fixture
def db(store):
    ids = matching_data.build(store)
    with store.session() as s:
        audit_rows = s.scalar(select(func.count()).select_from(AuditEntry))
    return store.url, ids, audit_rows


def _audit_rows(store) -> int:  # noqa: ANN001
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


@pytest.mark.parametrize("action", ["erase", "restrict", "export"])
def test_privacy_with_an_unknown_coordinator_changes_nothing_and_says_which_option(store, db, action, tmp_path,
                                                                                   capsys):
    url, ids, before = db
    out = tmp_path / "export"
    extra = {"erase": ["--yes"], "restrict": [], "export": ["--out", str(out)]}[action]
    code = main(["--database", url, "--lang", "en", "privacy", "--coordinator", "9999", action,
                 "--participant", str(ids["amina"]), *extra])
    seen = capsys.readouterr()
    assert code == 2
    assert seen.err.strip() == "--coordinator 9999: there is no coordinator with this id."
    assert seen.out == ""  # no "anonymised" / "restricted" / "files written" before a failed commit
    with store.session() as s:
        person = s.get(Participant, ids["amina"])
        assert (person.first_name, person.restricted_since, person.erased_on) == ("محمد", None, None)
    assert _audit_rows(store) == before
    assert not out.exists() or not any(out.iterdir())  # no personal-data export without its audit row


@pytest.mark.parametrize("lang, expected", [
    ("fr", "--coordinator 9999\u202f: aucun·e coordinateur·rice n’a ce numéro."),
    ("nl", "--coordinator 9999: er is geen coördinator met dit nummer."),
])
def test_the_refusal_is_in_the_users_language(db, lang, expected, capsys):
    url, ids, _ = db
    assert main(["--database", url, "--lang", lang, "privacy", "--coordinator", "9999", "restrict",
                 "--participant", str(ids["amina"])]) == 2
    assert capsys.readouterr().err.strip() == expected


def test_privacy_with_an_unknown_participant_names_the_option(db, tmp_path, capsys):
    url, _ids, _ = db
    assert main(["--database", url, "--lang", "en", "privacy", "restrict", "--participant", "9999"]) == 2
    assert capsys.readouterr().err.strip() == "--participant 9999: there is no participant with this id."


def test_match_pair_with_an_unknown_coordinator_saves_no_duo(store, db, capsys):
    url, ids, before = db
    code = main(["--database", url, "--lang", "en", "match", "pair", "--mentee", str(ids["amina"]),
                 "--mentor", str(ids["joelle"]), "--coordinator", "9999", "--json"])
    seen = capsys.readouterr()
    assert code == 2  # README: "2 no such person"
    assert seen.err.strip() == "--coordinator 9999: there is no coordinator with this id." and seen.out == ""
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Duo)) == 0
    assert _audit_rows(store) == before
    assert main(["--database", url, "--lang", "en", "match", "pair", "--mentee", str(ids["amina"]),
                 "--mentor", "9998"]) == 2
    assert capsys.readouterr().err.strip() == "--mentor 9998: there is no participant with this id."


def test_report_refuses_an_unknown_coordinator_like_an_unknown_branch(db, capsys):
    url, _ids, _ = db
    base = ["--database", url, "--lang", "en", "report", "--from", "2026-01-01", "--to", "2026-03-31",
            "--today", "2026-04-01", "--json"]
    assert main([*base, "--coordinator", "9999"]) == 1  # README: "exit 1 on a bad argument"
    seen = capsys.readouterr()
    assert seen.err.strip() == "--coordinator 9999: there is no coordinator with this id." and seen.out == ""
    assert main(base) == 0
    assert json.loads(capsys.readouterr().out)


def test_audit_and_agreement_refuse_an_unknown_id(db, tmp_path, capsys):
    url, _ids, _ = db
    assert main(["--database", url, "--lang", "en", "audit", "--coordinator", "9999", "--json"]) == 2
    assert capsys.readouterr().err.strip() == "--coordinator 9999: there is no coordinator with this id."
    assert main(["--database", url, "--lang", "en", "agreement", "--duo", "9999", "--lang", "en",
                 "--out", str(tmp_path / "a.pdf")]) == 2
    assert capsys.readouterr().err.strip() == "--duo 9999: there is no duo with this id."
    assert not (tmp_path / "a.pdf").exists()
