"""The ``setup FILE.toml`` and ``branches --json`` commands (issue 10)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from duo_desktop.__main__ import main
from ..sqlite_files import sqlite_file

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "setup-example.toml"

BAD = """\
organisation = "DUO"

[[branch]]
code = "GNT"
name = "DUO Gent"
city = "Gent"
country = "BE"
employment_office = "vdab"

[branch.rules]
mentee_min_age = 31
mentee_max_age = 25

[[branch.coordinator]]
first_name = ""
last_name = ""

[[branch]]
code = "gnt"
name = "Another Gent"
city = "Gent"
country = "DE"
employment_office = "uwv"
"""


def _dump(path) -> list:
    """Every row of every settings table (audit rows apart): what a second run must not change."""
    with sqlite_file(path) as connection:
        return [connection.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()  # noqa: S608
                for t in ("branch", "coordinator", "document_template", "programme")]


def _audit(path) -> int:
    with sqlite_file(path) as connection:
        return connection.execute("SELECT count(*) FROM audit_entry").fetchone()[0]


def _branches(db, capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["--database", str(db), "branches", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_good_file_sets_up_branches_and_coordinators_and_a_second_run_changes_nothing(tmp_path, capsys):
    db = tmp_path / "real.sqlite3"
    assert main(["--database", str(db), "--lang", "en", "setup", str(EXAMPLE)]) == 0
    assert "5 created" in capsys.readouterr().out
    data = _branches(db, capsys)
    assert [(b["code"], b["country"], b["employment_office"], b["active"], b["coordinators"]) for b in data] == [
        ("GNT", "BE", "vdab", True, 2), ("LIL", "FR", "france_travail", True, 1)]
    lille = data[1]
    assert lille["rules"]["mentee_max_age"] == 33 and lille["followup_months"] == [0, 1, 3, 6, 12]
    assert [p["name"] for p in data[0]["coordinators_list"]] == ["An Voorbeeld", "Sam Voorbeeld"]
    before, audit = _dump(db), _audit(db)
    assert main(["--database", str(db), "--lang", "en", "setup", str(EXAMPLE)]) == 0
    assert "0 created, 0 updated" in capsys.readouterr().out
    assert _dump(db) == before and _audit(db) == audit  # idempotent: nothing written, nothing audited


def test_a_changed_file_updates_in_place(tmp_path, capsys):
    db = tmp_path / "real.sqlite3"
    assert main(["--database", str(db), "setup", str(EXAMPLE)]) == 0
    changed = tmp_path / "changed.toml"
    changed.write_text(EXAMPLE.read_text(encoding="utf-8").replace("mentee_max_age = 30", "mentee_max_age = 32")
                       .replace('email = "an@example.org"', 'email = "an.v@example.org"'), encoding="utf-8")
    assert main(["--database", str(db), "--lang", "en", "setup", str(changed)]) == 0
    out = capsys.readouterr().out
    assert "updated: rules of branch GNT" in out and "updated: coordinator An Voorbeeld of branch GNT" in out
    gent = _branches(db, capsys)[0]
    assert gent["rules"]["mentee_max_age"] == 32 and len(gent["coordinators_list"]) == 2


@pytest.mark.parametrize("lang, lines", [
    ("fr", ["créé\u202f: antenne GNT", "créé\u202f: coordinateur·rice An Voorbeeld de l’antenne GNT",
            "mis à jour\u202f: nom de l’organisation", "mis à jour\u202f: règles de l’antenne LIL",
            "mis à jour\u202f: calendrier de suivi de l’antenne LIL",
            "mis à jour\u202f: modèles de documents (nl) de l’antenne GNT"]),
    ("nl", ["aangemaakt: afdeling GNT", "aangemaakt: coördinator An Voorbeeld van afdeling GNT",
            "bijgewerkt: naam van de organisatie", "bijgewerkt: regels van afdeling LIL",
            "bijgewerkt: opvolgingsschema van afdeling LIL", "bijgewerkt: documentsjablonen (nl) van afdeling GNT"]),
])
def test_what_was_set_up_is_said_in_the_language(tmp_path, capsys, lang, lines):
    """QA item 13: "créé : branch GNT", "mis à jour : organisation", "… rules", "… follow-up"."""
    assert main(["--database", str(tmp_path / "x.sqlite3"), "--lang", lang, "setup", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out.splitlines()
    for line in lines:
        assert line in out, out
    for word in ("branch", "coordinator", ": organisation", "rules", "follow-up", "templates"):
        assert all(word not in line for line in out[:-1]), word


def test_a_bad_file_is_refused_with_lines_and_keys_and_changes_nothing(tmp_path, capsys):
    db = tmp_path / "real.sqlite3"
    assert main(["--database", str(db), "setup", str(EXAMPLE)]) == 0
    digest = hashlib.sha256(repr(_dump(db)).encode()).hexdigest()
    audit = _audit(db)
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD, encoding="utf-8")
    capsys.readouterr()
    assert main(["--database", str(db), "--lang", "en", "setup", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "bad.toml, line 12, key “branch.rules.mentee_max_age”: Oldest mentee age: the youngest age (31) is above "
        "the oldest (25).",
        "bad.toml, line 16, key “branch.coordinator.last_name”: Last name: a coordinator needs a name.",
        "bad.toml, line 19, key “branch.code”: the code “GNT” is given to two branches in this file.",
        "bad.toml was refused; nothing was changed.",
    ]
    assert hashlib.sha256(repr(_dump(db)).encode()).hexdigest() == digest and _audit(db) == audit
    bad.write_text(BAD.replace('code = "gnt"', 'code = "BXL"'), encoding="utf-8")
    assert main(["--database", str(db), "--lang", "nl", "setup", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "regel 22" in err and "branch.country" in err and "‘DE’" in err
    assert "regel 23" not in err  # the office is judged once the country is known
    assert _audit(db) == audit


@pytest.mark.parametrize("text, line, key", [
    ('[[branch]]\ncode = "X"\nname = "X"\ncity = "X"\ncountry = "NL"\nemployment_office = "uwv"\ncolour = 1\n',
     7, "branch.colour"),
    ('organisation = "DUO"\n[[branch]]\ncode = "X"\n', 2, "branch.name"),
    ('organisation = "DUO"\nbranches = 3\n', 2, "branches"),
    ('[[branch]]\ncode = "X"\nname = "X"\ncity = "X"\ncountry = "NL"\nemployment_office = "uwv"\n'
     'logo = "missing.png"\n', 7, "branch.logo"),
])
def test_each_bad_key_is_located(tmp_path, capsys, text, line, key):
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    assert main(["--database", str(tmp_path / "x.sqlite3"), "--lang", "en", "setup", str(bad)]) == 1
    assert f"bad.toml, line {line}, key “{key}”" in capsys.readouterr().err


def test_a_file_that_is_not_toml_is_refused_with_its_line(tmp_path, capsys):
    bad = tmp_path / "broken.toml"
    bad.write_text('organisation = "DUO"\n[[branch]\n', encoding="utf-8")
    assert main(["--database", str(tmp_path / "x.sqlite3"), "--lang", "en", "setup", str(bad)]) == 1
    assert capsys.readouterr().err.startswith("broken.toml, line 2: not a valid TOML file")
    assert main(["--database", str(tmp_path / "x.sqlite3"), "setup", str(tmp_path / "absent.toml")]) == 2


def test_a_logo_is_found_relative_to_the_file(tmp_path, capsys):
    folder = tmp_path / "conf"
    (folder / "logos").mkdir(parents=True)
    (folder / "logos" / "g.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "s.toml").write_text('[[branch]]\ncode = "X"\nname = "X"\ncity = "X"\ncountry = "NL"\n'
                                   'employment_office = "uwv"\nlogo = "logos/g.png"\n', encoding="utf-8")
    db = tmp_path / "x.sqlite3"
    assert main(["--database", str(db), "setup", str(folder / "s.toml")]) == 0
    with sqlite_file(db) as connection:
        assert connection.execute("SELECT logo_path FROM branch").fetchone()[0] == str(folder / "logos" / "g.png")


def test_branches_lists_nothing_on_an_empty_database(tmp_path, capsys):
    assert _branches(tmp_path / "empty.sqlite3", capsys) == []
