"""Intake service: drafts saved as typed, the finished intake in one
transaction, eligibility overrides recorded, duplicates flagged."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from duo_desktop.i18n import Translator
from duo_desktop.models import AuditEntry, IntakeDraft, Participant, ParticipantStatus, Role
from duo_desktop.services import intake
from duo_desktop.services.errors import RuleError
from tests import factories


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any


def unit(store, work, *args, **kwargs):
    """One unit of work, as the screen's operation or the command runs it."""
    with store.transaction() as s:
        return work(s, *args, **kwargs)


def _branch(store):
    with store.transaction() as s:
        return factories.branch(s).id


def form(**changes):
    data = intake.empty_form()
    data.update({
        "first_name": "محمد", "last_name": "العلي", "birth_date": "23/04/2001", "gender": "male",
        "email": "m.alali@example.org", "phone": "0470 12 34 56", "street": "Rue Haute 1",
        "postal_code": "1000", "municipality": "Bruxelles", "languages": [["ar", "native"], ["fr", "intermediate"]],
        "sectors": ["logistics", "it"], "availability": [[0, "morning"], [2, "evening"]], "weekly_hours": "2",
        "non_eu_background": True, "permit_allows_work": True, "permit_end_date": "01/01/2030",
        "employment_office_registered": True, "consent_given": True, "consent_date": "16/03/2026",
        "consent_version": "2025-01", "consent_scope": ["programme", "share_with_mentor"],
        "professional_project": "Magasinier,\npuis chef d'équipe",
    })
    data.update(changes)
    return data


def test_drafts_are_saved_listed_loaded_and_discarded(store, clock):
    b = _branch(store)
    draft_id = unit(store, intake.save_draft, clock, {"first_name": "ሰላም"}, branch_id=b)
    clock.advance(minutes=1)
    assert unit(store, intake.save_draft, clock, {"first_name": "ሰላም", "last_name": "ተስፋይ"}, draft_id) == draft_id
    drafts = unit(store, intake.list_drafts)
    assert [d.name for d in drafts] == ["ሰላም ተስፋይ"]
    assert unit(store, intake.load_draft, draft_id).data == {"first_name": "ሰላም", "last_name": "ተስፋይ"}
    unit(store, intake.discard_draft, draft_id)
    assert unit(store, intake.list_drafts) == []


def test_finish_creates_the_participant_with_everything_as_typed(store, clock):
    b = _branch(store)
    draft_id = unit(store, intake.save_draft, clock, form(), branch_id=b)
    pid = unit(store, intake.finish_intake, clock, form(), b, draft_id=draft_id)
    with store.session() as s:
        p = s.get(Participant, pid)
        assert (p.first_name, p.last_name) == ("محمد", "العلي")
        assert p.search_name == "mhmd lly"  # duo_desktop/text.fold: one spelling per keyboard
        assert p.phone_key == "470123456"
        assert p.status is ParticipantStatus.INTAKE_DONE
        assert [h.to_status for h in p.status_history] == [ParticipantStatus.INTAKE_DONE]
        assert {(lang.language, lang.level.value) for lang in p.languages} == {("ar", "native"),
                                                                              ("fr", "intermediate")}
        assert {sec.sector for sec in p.sectors} == {"logistics", "it"}
        assert {(a.weekday, a.part.value) for a in p.availability} == {(0, "morning"), (2, "evening")}
        assert p.consent_scope == ["programme", "share_with_mentor"] and p.consent_version == "2025-01"
        assert p.professional_project == "Magasinier,\npuis chef d'équipe"
        assert s.scalars(select(IntakeDraft)).all() == []
        # one audit row for the person (issue 12): the intake, which also moved the status
        rows = s.execute(select(AuditEntry.action, AuditEntry.details).where(AuditEntry.entity == "participant")).all()
        assert [(action, details["steps"]) for action, details in rows] == [("intake", ["status", "intake"])]


def test_a_wrong_field_saves_nothing(store, clock):
    b = _branch(store)
    draft_id = unit(store, intake.save_draft, clock, form(), branch_id=b)
    with pytest.raises(RuleError) as err:
        unit(store, intake.finish_intake, clock, form(birth_date="31/02/2001", postal_code="1001"), b, draft_id=draft_id)
    assert "Date de naissance" in str(err.value) and "Code postal" in str(err.value)
    with store.session() as s:
        assert s.scalars(select(Participant)).all() == []
        assert s.get(IntakeDraft, draft_id) is not None


def test_a_broken_rule_needs_a_reason_which_is_recorded(store, clock):
    b = _branch(store)
    data = form(non_eu_background=False)
    with pytest.raises(RuleError) as err:
        unit(store, intake.finish_intake, clock, data, b)
    assert err.value.code == "eligibility" and "Origine migratoire hors UE" in str(err.value)
    data["overrides"] = {"non_eu_background": "Statut de réfugié, accord du comité", "mentor_age": "stale"}
    pid = unit(store, intake.finish_intake, clock, data, b)
    with store.session() as s:
        assert s.get(Participant, pid).eligibility_overrides == {
            "non_eu_background": "Statut de réfugié, accord du comité"}


def test_review_reports_errors_warnings_and_duplicates(store, clock):
    b = _branch(store)
    pid = unit(store, intake.finish_intake, clock, form(), b)
    with store.session() as s:
        from duo_desktop.services.eligibility import BranchRules
        from duo_desktop.models import Branch
        rules = BranchRules.of(s.get(Branch, b))
    result = unit(store, intake.review, form(first_name="Autre", last_name="Nom", birth_date="01/01/1990",
                                       email="x@example.org", phone="+32 470 12 34 56"), rules, clock.today())
    assert [d.participant_id for d in result.duplicates] == [pid]
    assert result.duplicates[0].reasons == ("phone",)
    assert [w.rule for w in result.warnings] == ["mentee_age"]
    assert not result.can_finish


def test_reopening_an_existing_participant_updates_it(store, clock):
    b = _branch(store)
    pid = unit(store, intake.finish_intake, clock, form(), b)
    branch_id, data = unit(store, intake.form_from_participant, pid)
    assert data["first_name"] == "محمد" and data["birth_date"] == "23/04/2001"
    data["languages"] = [["ar", "native"], ["nl", "basic"]]
    data["role"] = Role.MENTEE.value
    assert unit(store, intake.finish_intake, clock, data, branch_id, participant_id=pid) == pid
    with store.session() as s:
        p = s.get(Participant, pid)
        assert {lang.language for lang in p.languages} == {"ar", "nl"}
        assert len(p.status_history) == 1
        assert p.weekly_hours_available == 2


@pytest.mark.parametrize("first, last", [("Sukarno", ""), ("", "Habibullah")])
def test_a_person_with_one_name_is_registered_as_written(store, clock, first, last):
    """Issue 13, 07-mononym.csv: one name is enough, in either field."""
    b = _branch(store)
    pid = unit(store, intake.finish_intake, clock, form(first_name=first, last_name=last), b)
    with store.session() as s:
        p = s.get(Participant, pid)
        assert (p.first_name, p.last_name, p.full_name) == (first, last, first or last)


def test_a_person_without_any_name_is_refused(store, clock):
    b = _branch(store)
    with pytest.raises(RuleError) as caught:
        unit(store, intake.finish_intake, clock, form(first_name=" ", last_name=""), b)
    assert "one name is enough" in caught.value.text.render(Translator("en"))


def test_pasted_line_breaks_control_characters_and_length(store, clock):
    """qa-long-and-odd-input.txt: a name pasted with line breaks is kept on
    one line; 5,000 characters are refused with the limit the column has."""
    b = _branch(store)
    pid = unit(store, intake.finish_intake, clock, form(first_name="Léa 😀\x07", last_name="Diallo\nBah\r\nSow"), b)
    with store.session() as s:
        p = s.get(Participant, pid)
        assert (p.first_name, p.last_name) == ("Léa 😀", "Diallo Bah Sow")
    errors = intake.field_errors(form(first_name="A" * 5000), "BE", clock.today())
    assert [(e.field, e.render(Translator("en"))) for e in errors] == [
        ("first_name", "First name: 5000 characters, at most 120.")]


def test_the_esf_answers_of_the_intake_are_kept_and_a_wrong_one_saves_nothing(store, clock):
    b = _branch(store)
    answers = {"labour_status": "long_term_unemployed", "isced": "3-4", "third_country": "yes",
               "foreign_background": "refused", "homeless": "no", "disability": "refused"}
    pid = unit(store, intake.finish_intake, clock, form(esf_entry=answers), b)
    with store.session() as s:
        assert s.get(Participant, pid).esf_entry == answers
    _branch_id, again = unit(store, intake.form_from_participant, pid)
    assert again["esf_entry"] == answers
    with pytest.raises(RuleError) as raised:
        unit(store, intake.finish_intake, clock, form(email="x@example.org", esf_entry={"isced": "9"}), b)
    assert raised.value.code == "esf.bad_value"
    with store.session() as s:
        assert s.scalar(select(Participant.id).where(Participant.email == "x@example.org")) is None


@pytest.mark.parametrize("typed,stored", [("0470 12 34 56", "+32 470 12 34 56"), ("470123456", "+32 470 12 34 56"),
                                          ("32476987654", "+32 476 98 76 54"), ("+33 6 12 34 56 78", "+33 6 12 34 56 78")])
def test_the_phone_is_read_for_the_branchs_country_and_written_as_the_import_writes_it(store, clock, typed, stored):
    b = _branch(store)  # a Belgian branch
    pid = unit(store, intake.finish_intake, clock, form(phone=typed), b)
    with store.session() as s:
        assert s.get(Participant, pid).phone == stored


def test_a_phone_that_is_not_a_number_is_an_error_on_the_field(store, clock):
    import datetime as dt

    errors = intake.field_errors(form(phone="3,24852E+10"), "BE", dt.date(2026, 3, 16))
    assert [e.field for e in errors] == ["phone"]
