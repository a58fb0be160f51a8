"""Duo lifecycle rules guarded at their edges: an active duo cannot be
cancelled (it ends, then is evaluated), and no decision, signature or end
comes before the step it follows. Decisions and signatures are dates: the
first meeting's day counts, its time of day does not."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import Decision, DuoStage, EndReason, Participant, ParticipantStatus, Role
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services.duo_lifecycle import DuoAction
from duo_desktop.services.errors import RuleError

from . import factories as f

NOW = dt.datetime(2026, 3, 16, 10)
MEETING = dt.datetime(2026, 3, 20, 17, 30)  # the first meeting: a Friday, late afternoon


@pytest.fixture
def people(store):
    with store.transaction() as s:
        b = f.branch(s)
        return f.participant(s, b, role=Role.MENTOR).id, f.participant(s, b, role=Role.MENTEE).id


def _met(s, people):
    mentor, mentee = s.get(Participant, people[0]), s.get(Participant, people[1])
    duo = life.propose(s, mentor, mentee, NOW)
    life.plan_first_meeting(s, duo, MEETING, "Antenne", NOW)
    return duo


def _active(s, people, signed=dt.date(2026, 3, 25)):
    duo = _met(s, people)
    life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
    life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)
    life.sign_agreement(s, duo, signed, "fr", NOW)
    return duo


# --- an active duo ends; it is never cancelled ------------------------------------
def test_an_active_duo_cannot_be_cancelled(store, people):
    with store.transaction() as s:
        duo = _active(s, people)
        with pytest.raises(RuleError) as refused:
            life.cancel(s, duo, NOW, note="plus de nouvelles")
        assert refused.value.code == "illegal_step"
        assert duo.stage is DuoStage.ACTIVE
        assert duo.mentee.status is duo.mentor.status is ParticipantStatus.IN_DUO
        assert [c.to_stage for c in duo.stage_history][-1] is DuoStage.ACTIVE
        assert DuoStage.CANCELLED not in life.ALLOWED[DuoStage.ACTIVE]


def test_an_active_duo_offers_end_but_no_withdrawal_nor_evaluation_before_its_end():
    actions = life.allowed_actions(DuoStage.ACTIVE, agreement_signed=True)
    assert DuoAction.END in actions
    assert not actions & {DuoAction.WITHDRAW, DuoAction.EVALUATE, DuoAction.RECORD_OUTCOME}
    assert {DuoAction.EVALUATE, DuoAction.RECORD_OUTCOME} <= life.allowed_actions(DuoStage.ENDED)


@pytest.mark.parametrize("stage", [DuoStage.ENDED, DuoStage.REFUSED, DuoStage.CANCELLED])
def test_a_closed_duo_moves_no_more(stage):
    assert life.ALLOWED[stage] == set()


def test_cancelling_before_the_agreement_sends_both_back_to_the_pool(store, people):
    with store.transaction() as s:
        duo = _met(s, people)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)
        life.cancel(s, duo, MEETING + dt.timedelta(days=1), note="déménagement")  # after they said yes
        assert duo.stage is DuoStage.CANCELLED
        assert duo.mentee.status is duo.mentor.status is ParticipantStatus.READY_TO_MATCH


# --- no decision before the first meeting -------------------------------------------
@pytest.mark.parametrize("side", ["mentor", "mentee"])
def test_a_decision_dated_before_the_first_meeting_is_refused(store, people, side):
    with store.transaction() as s:
        duo = _met(s, people)
        with pytest.raises(RuleError) as refused:
            life.record_decision(s, duo, side, Decision.ACCEPTED, MEETING.date() - dt.timedelta(days=1), NOW)
        assert refused.value.code == "date"
        assert getattr(duo, f"{side}_decision") is Decision.PENDING and getattr(duo, f"{side}_decided_on") is None
        assert duo.stage is DuoStage.FIRST_MEETING_PLANNED


def test_a_refusal_dated_before_the_first_meeting_is_refused_too(store, people):
    with store.transaction() as s:
        duo = _met(s, people)
        with pytest.raises(RuleError) as refused:
            life.record_decision(s, duo, "mentee", Decision.REFUSED, dt.date(2026, 3, 19), NOW, reason="trop loin")
        assert refused.value.code == "date"
        assert duo.stage is DuoStage.FIRST_MEETING_PLANNED and duo.refusal_reason in (None, "")


def test_a_decision_on_the_day_of_the_first_meeting_is_accepted(store, people):
    # a decision is a date: taken the same day, even "before" the meeting's 17:30, it counts
    with store.transaction() as s:
        duo = _met(s, people)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)
        assert duo.stage is DuoStage.AWAITING_AGREEMENT
        assert duo.mentor_decided_on == duo.mentee_decided_on == dt.date(2026, 3, 20)


def test_the_agreement_is_not_signed_before_the_first_meeting(store, people):
    with store.transaction() as s:
        duo = _met(s, people)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)
        with pytest.raises(RuleError) as refused:
            life.sign_agreement(s, duo, dt.date(2026, 3, 19), "fr", NOW)
        assert refused.value.code == "date"
        assert duo.stage is DuoStage.AWAITING_AGREEMENT and duo.agreement_signed_on is None
        life.sign_agreement(s, duo, MEETING.date(), "fr", NOW)  # the same day is fine
        assert duo.stage is DuoStage.ACTIVE and duo.planned_end_on == dt.date(2026, 9, 20)


def test_a_duo_does_not_end_before_its_agreement_was_signed(store, people):
    with store.transaction() as s:
        duo = _active(s, people, signed=dt.date(2026, 3, 25))
        with pytest.raises(RuleError) as refused:
            life.end_duo(s, duo, dt.date(2026, 3, 24), EndReason.COMPLETED, NOW)
        assert refused.value.code == "date"
        assert duo.stage is DuoStage.ACTIVE and duo.ended_on is None
        life.end_duo(s, duo, dt.date(2026, 3, 25), EndReason.COMPLETED, NOW)  # the same day is fine
        assert duo.stage is DuoStage.ENDED


def test_an_end_for_another_reason_needs_a_note(store, people):
    with store.transaction() as s:
        duo = _active(s, people)
        with pytest.raises(RuleError) as refused:
            life.end_duo(s, duo, dt.date(2026, 4, 1), EndReason.OTHER, NOW, note="  ")
        assert refused.value.code == "reason_required" and duo.stage is DuoStage.ACTIVE


# --- what a refusal says (English: the interface's language here) ----------------------
def _refusal(call) -> tuple[str, str]:
    from duo_desktop import i18n

    i18n.set_language("en")
    with pytest.raises(RuleError) as refused:
        call()
    return refused.value.code, str(refused.value)


def test_each_refusal_gives_its_code_and_its_reason(store, people):
    with store.transaction() as s:
        duo = _met(s, people)
        assert _refusal(lambda: life.sign_agreement(s, duo, MEETING.date(), "fr", NOW)) == (
            "illegal_step", "The agreement is signed after both have said yes at the first meeting.")
        assert _refusal(lambda: life.end_duo(s, duo, MEETING.date(), EndReason.COMPLETED, NOW)) == (
            "illegal_step", "Only an active duo can be ended.")
        assert _refusal(lambda: life.delete_proposal(s, duo.id)) == (
            "not_a_proposal", "Only a proposal that went no further can be taken back.")
        assert _refusal(lambda: life.record_decision(s, duo, "mentor", Decision.REFUSED, MEETING.date(), NOW,
                                                     reason=" ")) == ("reason_required", "Say why the duo is refused.")
        assert _refusal(lambda: life.record_decision(s, duo, "mentor", Decision.ACCEPTED, dt.date(2026, 3, 19),
                                                     NOW)) == ("date", "A decision cannot come before the first meeting (20 March 2026, 17:30).")
        with pytest.raises(ValueError):
            life.record_decision(s, duo, "coordinator", Decision.ACCEPTED, MEETING.date(), NOW)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)
        assert _refusal(lambda: life.record_decision(s, duo, "mentee", Decision.ACCEPTED, MEETING.date(), NOW)) == (
            "illegal_step", "Decisions are recorded after the first meeting.")
        assert _refusal(lambda: life.plan_first_meeting(s, duo, MEETING, "Café", NOW)) == (
            "illegal_step", "The first meeting can be planned only for a proposal.")
        assert _refusal(lambda: life.sign_agreement(s, duo, dt.date(2026, 3, 19), "fr", NOW)) == (
            "date", "The agreement cannot be signed before the first meeting.")
        assert _refusal(lambda: life.sign_agreement(s, duo, MEETING.date(), "", NOW)) == (
            "language", "Choose the language of the agreement.")
        life.sign_agreement(s, duo, dt.date(2026, 3, 25), "nl", NOW)
        assert _refusal(lambda: life.cancel(s, duo, NOW)) == (
            "illegal_step", "A duo cannot go from “Active” to “Cancelled”.")
        assert _refusal(lambda: life.end_duo(s, duo, dt.date(2026, 3, 24), EndReason.COMPLETED, NOW)) == (
            "date", "A duo cannot end before its agreement was signed.")
        assert _refusal(lambda: life.end_duo(s, duo, dt.date(2026, 4, 24), EndReason.OTHER, NOW)) == (
            "reason_required", "Say why the duo ended.")


def test_a_proposal_is_refused_across_branches_and_for_a_busy_mentee(store):
    with store.transaction() as s:
        bxl, gnt = f.branch(s), f.branch(s, code="GNT", city="Gent", office="vdab")
        mentor = f.participant(s, bxl, role=Role.MENTOR, first="Anne", last="Zeller")
        other = f.participant(s, bxl, role=Role.MENTOR)
        mentee = f.participant(s, bxl, role=Role.MENTEE, first="Amina", last="Haddad")
        far = f.participant(s, gnt, role=Role.MENTEE)
        assert _refusal(lambda: life.propose(s, mentor, far, NOW)) == (
            "branch", "A mentor and a mentee of different branches cannot form a duo.")
        life.propose(s, mentor, mentee, NOW)
        assert _refusal(lambda: life.propose(s, other, mentee, NOW)) == (
            "mentee_busy", "Amina Haddad already has a proposal or a duo (duo 1, with Anne Zeller): nothing was saved.")
        duo = life.open_duo_of(s, mentee.id)
        life.plan_first_meeting(s, duo, MEETING, "Antenne", NOW)
        life.record_decision(s, duo, "mentor", Decision.REFUSED, MEETING.date(), NOW, reason="  trop loin ")
        assert _refusal(lambda: life.propose(s, mentor, mentee, NOW)) == (
            "refused_before", "Anne Zeller and Amina Haddad refused each other before; they are never proposed again.")
        assert life.open_duo_of(s, mentee.id) is None
        assert life.propose(s, other, mentee, NOW).stage is DuoStage.PROPOSED  # someone else: fine


def test_an_unknown_duo_is_named_in_the_error(store):
    from duo_desktop import i18n
    from duo_desktop.services.errors import NotFound

    i18n.set_language("en")
    with store.session() as s, pytest.raises(NotFound, match="^Duo 999 does not exist.$"):
        life.get_duo(s, 999)


# --- what each step records ------------------------------------------------------------------
def test_each_step_is_dated_with_its_coordinator_and_audited(store, people):
    """Each step is its own action (its own transaction, as on screen), dated
    and audited with its coordinator."""
    from sqlalchemy import select

    from duo_desktop.models import AuditEntry, Branch, Duo

    later = NOW + dt.timedelta(days=1)
    with store.transaction() as s:
        coordinator = f.coordinator(s, s.get(Branch, s.get(Participant, people[0]).branch_id))
        mentor, mentee = s.get(Participant, people[0]), s.get(Participant, people[1])
        duo = life.propose(s, mentor, mentee, NOW, coordinator.id, score=71.5)
        assert (duo.proposed_on, duo.match_score, duo.coordinator_id) == (NOW.date(), 71.5, coordinator.id)
        s.flush()
        duo_id, coordinator_id = duo.id, coordinator.id
    with store.transaction() as s:
        duo = s.get(Duo, duo_id)
        life.plan_first_meeting(s, duo, MEETING, "Café Central", later, coordinator_id)
        assert (duo.first_meeting_at, duo.first_meeting_place) == (MEETING, "Café Central")
    with store.transaction() as s:
        duo = s.get(Duo, duo_id)
        life.record_decision(s, duo, "mentee", Decision.REFUSED, MEETING.date(), later, reason="  trop loin ",
                             coordinator_id=coordinator_id)
        assert duo.refusal_reason == "trop loin" and duo.mentee_decision is Decision.REFUSED
        history = [(c.from_stage, c.to_stage, c.changed_at, c.coordinator_id, c.note) for c in duo.stage_history]
        assert history == [
            (None, DuoStage.PROPOSED, NOW, coordinator_id, ""),
            (DuoStage.PROPOSED, DuoStage.FIRST_MEETING_PLANNED, later, coordinator_id, ""),
            (DuoStage.FIRST_MEETING_PLANNED, DuoStage.REFUSED, later, coordinator_id, "mentee"),
        ]
        assert duo.mentee.status is duo.mentor.status is ParticipantStatus.READY_TO_MATCH  # a refusal moves no one
    with store.session() as s:  # the audit rows are written with the transaction
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "duo").order_by(AuditEntry.id)).all()
        stages = lambda d: {k: v for k, v in d.items() if k.endswith("_stage")}  # noqa: E731
        assert [(a.action, a.entity_id, a.at, a.coordinator_id, stages(a.details)) for a in audit] == [
            ("create", duo_id, NOW, coordinator_id, {}),
            ("stage", duo_id, later, coordinator_id, {"from_stage": "proposed", "to_stage": "first_meeting_planned"}),
            ("stage", duo_id, later, coordinator_id, {"from_stage": "first_meeting_planned", "to_stage": "refused"}),
        ]


def test_a_proposal_falls_back_on_the_mentees_coordinator(store):
    with store.transaction() as s:
        b = f.branch(s)
        camille = f.coordinator(s, b)
        mentee = f.participant(s, b, role=Role.MENTEE, coordinator_id=camille.id)
        duo = life.propose(s, f.participant(s, b, role=Role.MENTOR), mentee, NOW)
        assert duo.coordinator_id == camille.id and duo.branch_id == b.id


def test_the_agreement_sets_the_planned_end_and_the_end_frees_both(store, people):
    with store.transaction() as s:
        duo = _met(s, people)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, MEETING.date(), NOW)
        assert duo.stage is DuoStage.FIRST_MEETING_PLANNED  # one yes is not enough
        assert duo.mentor.status is not ParticipantStatus.IN_DUO
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, dt.date(2026, 3, 21), NOW)
        assert duo.mentor.status is duo.mentee.status is ParticipantStatus.IN_DUO
        life.sign_agreement(s, duo, dt.date(2026, 8, 31), "nl", NOW, months=6)
        assert (duo.agreement_signed_on, duo.agreement_language, duo.planned_end_on) == (
            dt.date(2026, 8, 31), "nl", dt.date(2027, 2, 28))
        life.end_duo(s, duo, dt.date(2026, 12, 1), EndReason.OTHER, NOW, note="  moved to Liège ")
        assert (duo.ended_on, duo.end_reason, duo.end_note) == (dt.date(2026, 12, 1), EndReason.OTHER, "moved to Liège")
        assert duo.mentee.status is ParticipantStatus.ALUMNI
        assert duo.mentor.status is ParticipantStatus.READY_TO_MATCH


def test_cancelling_a_proposal_leaves_the_statuses_alone(store, people):
    with store.transaction() as s:
        mentor, mentee = s.get(Participant, people[0]), s.get(Participant, people[1])
        before = (mentor.status, mentee.status)
        duo = life.propose(s, mentor, mentee, NOW)
        life.cancel(s, duo, NOW, note="doublon")
        assert duo.stage is DuoStage.CANCELLED and duo.stage_history[-1].note == "doublon"
        assert (mentor.status, mentee.status) == before


@pytest.mark.parametrize("day,months,end", [(dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
                                            (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
                                            (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
                                            (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
                                            (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
                                            (dt.date(2026, 5, 15), 12, dt.date(2027, 5, 15)),
                                            (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
                                            (dt.date(2026, 1, 15), -13, dt.date(2024, 12, 15))])
def test_months_are_calendar_months_ending_on_the_months_last_day(day, months, end):
    assert life.add_months(day, months) == end


# --- what the screens may offer -----------------------------------------------------------
A = DuoAction
OFFERED = {
    DuoStage.PROPOSED: {A.PLAN_FIRST_MEETING, A.WITHDRAW},
    DuoStage.FIRST_MEETING_PLANNED: {A.PLAN_FIRST_MEETING, A.DECIDE_MENTOR, A.DECIDE_MENTEE},
    DuoStage.AWAITING_AGREEMENT: {A.SIGN, A.PRINT_AGREEMENT, A.CHECK_IN},
    DuoStage.ACTIVE: {A.PRINT_AGREEMENT, A.CHECK_IN, A.END},
    DuoStage.ENDED: {A.CHECK_IN, A.EVALUATE, A.RECORD_OUTCOME, A.CORRECT_END, A.UNDO_END},
    DuoStage.REFUSED: set(),
    DuoStage.CANCELLED: set(),
}


@pytest.mark.parametrize("stage", list(DuoStage))
def test_the_actions_each_stage_offers(stage):
    assert life.allowed_actions(stage) == OFFERED[stage]


def test_meetings_are_logged_once_the_agreement_is_signed_and_each_side_decides_once():
    assert A.LOG_MEETINGS in life.allowed_actions(DuoStage.ACTIVE, agreement_signed=True)
    assert A.LOG_MEETINGS in life.allowed_actions(DuoStage.ENDED, agreement_signed=True)
    assert A.LOG_MEETINGS not in life.allowed_actions(DuoStage.AWAITING_AGREEMENT, agreement_signed=True)
    # a signature is corrected while active or ended, undone only while active (issue 17)
    assert {A.CORRECT_AGREEMENT, A.UNDO_AGREEMENT} <= life.allowed_actions(DuoStage.ACTIVE, agreement_signed=True)
    assert A.UNDO_AGREEMENT not in life.allowed_actions(DuoStage.ENDED, agreement_signed=True)
    assert A.CORRECT_AGREEMENT not in life.allowed_actions(DuoStage.AWAITING_AGREEMENT)
    met = DuoStage.FIRST_MEETING_PLANNED
    assert A.DECIDE_MENTOR not in life.allowed_actions(met, mentor_decided=True)
    assert A.DECIDE_MENTEE in life.allowed_actions(met, mentor_decided=True)
    assert A.DECIDE_MENTEE not in life.allowed_actions(met, mentee_decided=True)
    assert A.DECIDE_MENTOR in life.allowed_actions(met, mentee_decided=True)


def test_every_stage_moves_only_forward():
    D = DuoStage
    assert life.ALLOWED == {
        D.PROPOSED: {D.FIRST_MEETING_PLANNED, D.CANCELLED},
        D.FIRST_MEETING_PLANNED: {D.AWAITING_AGREEMENT, D.REFUSED, D.CANCELLED},
        D.AWAITING_AGREEMENT: {D.ACTIVE, D.CANCELLED},
        D.ACTIVE: {D.ENDED},
        D.ENDED: set(), D.REFUSED: set(), D.CANCELLED: set(),
    }
    assert life.OPEN_STAGES == (D.PROPOSED, D.FIRST_MEETING_PLANNED, D.AWAITING_AGREEMENT, D.ACTIVE)


def test_the_end_dates_both_status_changes_with_the_coordinator(store, people):
    from sqlalchemy import select

    from duo_desktop.models import AuditEntry, Branch

    with store.transaction() as s:
        camille = f.coordinator(s, s.get(Branch, s.get(Participant, people[0]).branch_id))
        duo = _active(s, people)
        at = dt.datetime(2026, 9, 30, 16, 45)
        life.end_duo(s, duo, dt.date(2026, 9, 30), EndReason.COMPLETED, at, coordinator_id=camille.id)
        people_ids = []
        for person in (duo.mentor, duo.mentee):
            change = person.status_history[-1]
            assert (change.changed_on, change.coordinator_id) == (dt.date(2026, 9, 30), camille.id)
            people_ids.append(person.id)
    with store.session() as s:  # the audit rows are written with the transaction
        for pid in people_ids:
            entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "participant",
                                                       AuditEntry.entity_id == pid)
                              .order_by(AuditEntry.id.desc())).first()
            assert (entry.at, entry.coordinator_id) == (at, camille.id)


def test_the_signature_is_recorded_with_its_coordinator(store, people):
    from duo_desktop.models import Branch

    with store.transaction() as s:
        camille = f.coordinator(s, s.get(Branch, s.get(Participant, people[0]).branch_id))
        duo = _met(s, people)
        for side in ("mentor", "mentee"):
            life.record_decision(s, duo, side, Decision.ACCEPTED, MEETING.date(), NOW, coordinator_id=camille.id)
        at = dt.datetime(2026, 3, 25, 11)
        life.sign_agreement(s, duo, dt.date(2026, 3, 25), "fr", at, coordinator_id=camille.id)
        last = duo.stage_history[-1]
        assert (last.to_stage, last.changed_at, last.coordinator_id) == (DuoStage.ACTIVE, at, camille.id)
        assert [c.coordinator_id for c in duo.mentee.status_history][-1] == camille.id


def test_every_step_carries_the_coordinator_who_did_it(store, people):
    from sqlalchemy import select

    from duo_desktop.models import AuditEntry, Branch

    with store.transaction() as s:
        camille = f.coordinator(s, s.get(Branch, s.get(Participant, people[0]).branch_id))
        c = camille.id
        duo = life.propose(s, s.get(Participant, people[0]), s.get(Participant, people[1]), NOW, c)
        life.plan_first_meeting(s, duo, MEETING, "Antenne", NOW, c)
        yes = dt.datetime(2026, 3, 20, 19)
        for side in ("mentor", "mentee"):
            life.record_decision(s, duo, side, Decision.ACCEPTED, MEETING.date(), yes, coordinator_id=c)
        assert [h.coordinator_id for h in duo.stage_history] == [c, c, c]
        duo_id, mentee_id = duo.id, duo.mentee.id
    with store.session() as s:  # the audit rows are written with the transaction
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "participant",
                                                   AuditEntry.entity_id == mentee_id,
                                                   AuditEntry.action == "status")
                          .order_by(AuditEntry.id.desc())).first()
        assert (entry.at, entry.coordinator_id, entry.details["to_status"]) == (yes, c, "in_duo")
    with store.transaction() as s:
        duo = s.get(life.Duo, duo_id)
        life.cancel(s, duo, NOW + dt.timedelta(days=6), note="déménagement", coordinator_id=c)
        assert duo.stage_history[-1].coordinator_id == c
        assert [p.status_history[-1].coordinator_id for p in (duo.mentor, duo.mentee)] == [c, c]


def test_the_end_is_recorded_with_its_coordinator(store, people):
    from duo_desktop.models import Branch

    with store.transaction() as s:
        camille = f.coordinator(s, s.get(Branch, s.get(Participant, people[0]).branch_id))
        duo = _active(s, people)
        life.end_duo(s, duo, dt.date(2026, 9, 25), EndReason.MENTEE_FOUND_JOB, NOW, coordinator_id=camille.id)
        assert (duo.stage_history[-1].to_stage, duo.stage_history[-1].coordinator_id) == (DuoStage.ENDED, camille.id)


def test_a_refusal_without_a_reason_is_refused(store, people):
    with store.transaction() as s:
        duo = _met(s, people)
        with pytest.raises(RuleError) as refused:
            life.record_decision(s, duo, "mentee", Decision.REFUSED, MEETING.date(), NOW)
        assert refused.value.code == "reason_required" and duo.stage is DuoStage.FIRST_MEETING_PLANNED
