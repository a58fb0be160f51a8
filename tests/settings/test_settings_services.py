"""Settings services: every bad input of issue 10 refused with the field
named, nothing half-saved, and an audit row for each change."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from duo_desktop.i18n import Translator
from duo_desktop.models import AuditEntry, Branch, Coordinator, DocumentTemplate
from duo_desktop.services.errors import RuleError
from duo_desktop.services.settings import (
    branches,
    coordinators,
    followup,
    programme,
    rules,
    templates,
    weights,
)

from .. import factories as f

NOW = dt.datetime(2026, 3, 16, 10)
GHENT = {"code": "GNT", "name": "DUO for a JOB Gent", "city": "Gent", "country": "BE", "employment_office": "vdab",
         "email": "gent@example.org"}


def _count(store, model) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _refused(store, work, field, code) -> RuleError:
    """Run ``work(session)`` in one transaction; it must be refused naming
    ``field`` and leave the database as it was."""
    before = {m: _count(store, m) for m in (Branch, Coordinator, AuditEntry, DocumentTemplate)}
    with pytest.raises(RuleError) as caught:
        with store.transaction() as s:
            work(s)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert {m: _count(store, m) for m in before} == before
    return caught.value


def test_a_branch_and_its_coordinators_are_created_and_audited(store):
    with store.transaction() as s:
        bid = branches.create_branch(s, GHENT, NOW)
        rules.update_rules(s, bid, {"mentee_max_age": 33}, NOW)
        cid = coordinators.create_coordinator(s, {"first_name": "An", "last_name": "Peeters", "branch": bid}, NOW)
    with store.session() as s:
        b = s.get(Branch, bid)
        assert (b.country, b.employment_office, b.mentee_max_age, b.default_language, b.active) == (
            "BE", "vdab", 33, "fr", True)
        assert [r.code for r in branches.list_branches(s)] == ["GNT"]
        assert coordinators.list_coordinators(s)[0].name == "An Peeters"
        audit = s.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.details)
                          .order_by(AuditEntry.id)).all()
    # one row per record and transaction (issue 12): the rules set at creation are a step of it
    assert audit == [("create", "branch", bid, {"code": "GNT", "steps": ["create", "update_rules"],
                                                "fields": ["mentee_max_age"]}),
                     ("create", "coordinator", cid,
                      {"branch_id": bid, "fields": ["active", "branch_id", "first_name", "last_name"]})]


def test_a_duplicate_branch_code_is_refused_naming_the_code(store):
    with store.transaction() as s:
        branches.create_branch(s, GHENT, NOW)
    error = _refused(store, lambda s: branches.create_branch(s, {**GHENT, "code": "gnt", "city": "Gand"}, NOW),
                     "code", "duplicate_code")
    assert error.message(Translator("en")) == "Code: another branch already has the code “gnt”."
    assert error.message(Translator("fr")) == "Code\u202f: une autre antenne a déjà le code «\u202fgnt\u202f»."
    assert "GNT" not in error.message(Translator("nl")) and "gnt" in error.message(Translator("nl"))


def test_an_age_range_upside_down_is_refused_and_nothing_of_the_transaction_is_saved(store):
    def work(s):
        bid = branches.create_branch(s, GHENT, NOW)  # saved only if the whole change is
        rules.update_rules(s, bid, {"mentee_min_age": 31, "mentee_max_age": 25}, NOW)

    error = _refused(store, work, "mentee_max_age", "age_range")
    assert "31" in error.message(Translator("en")) and "25" in error.message(Translator("en"))


def test_one_age_changed_is_checked_against_the_other(store):
    with store.transaction() as s:
        bid = f.branch(s).id  # 18-30
    _refused(store, lambda s: rules.update_rules(s, bid, {"mentee_min_age": 40}, NOW), "mentee_min_age", "age_range")
    _refused(store, lambda s: rules.update_rules(s, bid, {"duo_months": "six"}, NOW), "duo_months", "number")


@pytest.mark.parametrize("values, field, code", [
    ({"country": "DE"}, "country", "unknown_country"),
    ({"employment_office": "uwv"}, "employment_office", "unknown_office"),  # Dutch office for a Belgian branch
    ({"employment_office": "pole_emploi"}, "employment_office", "unknown_office"),
    ({"email": "gent at example.org"}, "email", "email"),
    ({"name": "  "}, "name", "required"),
    ({"code": "G N T"}, "code", "code_chars"),
    ({"colour": "red"}, "colour", "unknown_field"),
])
def test_bad_branch_input_names_its_field(store, values, field, code):
    _refused(store, lambda s: branches.create_branch(s, {**GHENT, **values}, NOW), field, code)


def test_an_update_checks_the_office_against_the_new_country(store):
    with store.transaction() as s:
        bid = branches.create_branch(s, GHENT, NOW)
    _refused(store, lambda s: branches.update_branch(s, bid, {"country": "NL"}, NOW), "employment_office",
             "unknown_office")
    with store.transaction() as s:
        assert branches.update_branch(s, bid, {"country": "NL", "employment_office": "uwv"}, NOW) == [
            "country", "employment_office"]
        assert branches.update_branch(s, bid, {"country": "NL"}, NOW) == []  # nothing changed, no audit row


def test_a_coordinator_without_a_name_is_refused(store):
    with store.transaction() as s:
        bid = f.branch(s).id
    error = _refused(store, lambda s: coordinators.create_coordinator(
        s, {"first_name": " ", "last_name": "", "branch": bid}, NOW), "last_name", "no_name")
    assert error.message(Translator("nl")).startswith("Achternaam")
    _refused(store, lambda s: coordinators.create_coordinator(s, {"last_name": "Peeters"}, NOW), "branch",
             "no_branch")
    _refused(store, lambda s: coordinators.create_coordinator(
        s, {"last_name": "Peeters", "branch": bid, "email": "peeters@"}, NOW), "email", "email")


def test_a_coordinator_named_in_records_is_deactivated_never_deleted(store):
    with store.transaction() as s:
        b = f.branch(s)
        used = f.coordinator(s, b).id
        f.participant(s, b, coordinator_id=used)
        spare = f.coordinator(s, b, first="Spare").id
    _refused(store, lambda s: coordinators.delete_coordinator(s, used, NOW), "active", "in_use")
    with store.transaction() as s:
        assert coordinators.deactivate_coordinator(s, used, NOW)
        coordinators.delete_coordinator(s, spare, NOW)
    with store.session() as s:
        assert [(r.id, r.active) for r in coordinators.list_coordinators(s)] == [(used, False)]


def test_weights_followup_and_templates_are_checked_and_audited(store):
    with store.transaction() as s:
        bid = f.branch(s).id
    _refused(store, lambda s: weights.save_matching_weights(s, bid, {"sector": 11}, NOW), "sector", "weight")
    _refused(store, lambda s: followup.set_followup_months(s, bid, [0, -1], NOW), "followup_months", "followup")
    _refused(store, lambda s: templates.save_document_template(s, bid, "fr", {"letterhead": "<script>x"}, NOW),
             "letterhead", "markup")
    _refused(store, lambda s: templates.save_document_template(s, bid, "de", {"letterhead": "x"}, NOW),
             "language", "unknown_language")
    with store.transaction() as s:
        assert weights.save_matching_weights(s, bid, {"sector": 5}, NOW)["sector"] == 5
        assert followup.set_followup_months(s, bid, followup.ESF_FOLLOWUP_MONTHS[::-1], NOW) == [0, 1, 3, 6, 12]
        templates.save_document_template(s, bid, "nl", {"letterhead": "<b>DUO Gent</b><br/>Kouter 1"}, NOW)
    with store.session() as s:
        assert templates.document_template(s, bid, "nl")["letterhead"].startswith("<b>DUO Gent")
        assert templates.document_template(s, bid, "fr") == {"letterhead": "", "extra_clauses": ""}
        rows = s.execute(select(AuditEntry.action, AuditEntry.details).order_by(AuditEntry.id)).all()
    # one row per record and transaction (issue 12): the three changes of the branch are its steps
    assert [(action, details["steps"]) for action, details in rows] == [
        ("update_template", ["update_weights", "update_followup", "update_template"])]


def test_the_programme_row_says_demo_or_real(store):
    with store.session() as s:
        assert programme.is_empty(s) and not programme.holds_real_data(s)
    with store.transaction() as s:
        f.branch(s)
    with store.transaction() as s:
        assert programme.holds_real_data(s)
        programme.set_organisation(s, "DUO for a JOB", NOW)
    with store.session() as s:
        assert programme.programme(s) == programme.ProgrammeInfo("DUO for a JOB", False)
