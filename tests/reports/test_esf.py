"""ESF+ common indicators (Regulation (EU) 2021/1057, Annex I) on the small
hand-made programme: who entered in the first quarter of 2025 (m1, m2) and
who left (m1, m7, m8), counted by hand."""

from __future__ import annotations

import pytest

from duo_desktop.services.errors import RuleError
from duo_desktop.services.reports import esf
from duo_desktop.services.reports.esf_entry import set_esf_entry

from duo_desktop.services.reports.registry import counts_only

from .programme_data import Q1, build

EXPECTED = {
    "participants": {"m1", "m2"},
    "female": {"m1"}, "male": {"m2"}, "non_binary": set(),
    "age_18_29": {"m1"},
    "age_30_54": {"m2"},  # 30 on the day the agreement was signed
    "below_18": set(), "age_55_plus": set(),
    "unemployed": {"m1", "m2"},
    "long_term_unemployed": {"m1", "m2"},  # m2: registered for 15 months, aged 30
    "inactive": set(), "employed": set(),
    "isced_0_2": {"m1"}, "isced_3_4": set(), "isced_5_8": {"m2"},  # m2: a bachelor's degree at intake
    "third_country": {"m1", "m2"},  # m1 said so, m2's nationality is Moroccan
    "foreign_background": {"m2"},  # m1 prefers not to say
    "disability": set(),  # m1 prefers not to say: counted nowhere
    "homeless": set(),
    "leavers": {"m1", "m7", "m8"},
    "education_upon_leaving": {"m8"},
    "qualification_upon_leaving": {"m8"},  # 20 March, within four weeks of 28 February
    "employment_upon_leaving": {"m1"},
    "employment_six_months_base": {"m1", "m7", "m8"},
    "employment_six_months": {"m1"},
}


@pytest.fixture
def programme(store):
    with store.transaction() as s:
        return build(s)


def test_indicators_counted_by_hand(store_any):
    """On SQLite and on PostgreSQL (the indicators are counted in SQL)."""
    with store_any.transaction() as s:
        programme = build(s)
    back = {v: k for k, v in programme.people.items()}
    with store_any.session() as s:
        result = esf.indicators(s, Q1, None, None)
        with counts_only():
            counted = esf.indicators(s, Q1, None, None)
        assert esf.indicator_ids(s, Q1, None, None, "female") == (programme.people["m1"],)
    assert set(result) == {k for k, _n, _g in esf.INDICATORS}
    for key, names in EXPECTED.items():
        assert {back[i] for i in result[key].ids} == names, key
        assert counted[key].ids is None and counted[key].count == len(names), key
    assert result["employment_six_months"].value == pytest.approx(1 / 3)
    assert counted["employment_six_months"].value == pytest.approx(1 / 3)
    assert counted["employment_six_months"].base_count == 3


def test_a_bad_answer_is_refused_and_nothing_changes(store, programme):
    with store.transaction() as s:
        with pytest.raises(RuleError) as info:
            set_esf_entry(s, programme.people["m4"], {"homeless": "yes", "isced": "9"})
        assert info.value.code == "esf.bad_value" and info.value.field == "isced"
        assert set_esf_entry(s, programme.people["m4"], {"homeless": "yes"}) == {"homeless": "yes"}
    with store.session() as s:
        from duo_desktop.models import Participant

        assert s.get(Participant, programme.people["m4"]).esf_entry == {"homeless": "yes"}
