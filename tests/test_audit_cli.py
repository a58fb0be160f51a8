"""``audit`` in the user's language: actions and records in words, and a
duo's document names its duo (QA item 14: "export agreement n° -",
"lift_restriction participant n° 280")."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from duo_desktop.__main__ import main
from duo_desktop.services import audit
from duo_desktop.services.documents import audited
from tests.test_gdpr import _ended_duo

NOW = dt.datetime(2026, 3, 16, 9)


@pytest.fixture
def trail(store):
    with store.transaction() as s:
        _b, _mentor, mentee, duo = _ended_duo(s)
        ids = {"duo": duo.id, "mentee": mentee.id}
    with store.transaction() as s:
        audited.record(s, "export", "agreement", ids["duo"], NOW)
        audit.record(s, "lift_restriction", "participant", ids["mentee"], NOW)
    return store.url, ids


@pytest.mark.parametrize("lang, agreement, lifted", [
    ("fr", "exporté\u202f: convention pour le duo n°\u00a0{duo}", "limitation levée\u202f: participant·e n°\u00a0{mentee}"),
    ("nl", "geëxporteerd: overeenkomst voor het duo nr. {duo}", "beperking opgeheven: deelnemer nr. {mentee}"),
    ("en", "exported: agreement for duo No. {duo}", "restriction lifted: participant No. {mentee}"),
])
def test_actions_and_records_are_in_words_and_an_agreement_names_its_duo(trail, capsys, lang, agreement, lifted):
    url, ids = trail
    assert main(["--database", url, "--lang", lang, "audit"]) == 0
    out = capsys.readouterr().out
    assert agreement.format(**ids) in out and lifted.format(**ids) in out, out
    for code in ("lift_restriction", " export ", " create ", "#-"):
        assert code not in out, code


def test_the_json_keeps_the_codes_and_gives_the_agreement_s_duo(trail, capsys):
    url, ids = trail
    assert main(["--database", url, "audit", "--action", "export", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["action"], row["entity"], row["entity_id"], row["duo_ids"]) == ("export", "agreement", None,
                                                                                [ids["duo"]])
