"""Each follow-up alert at its edge: the day before it is due, nothing; on
the day, the alert with its due date and its count of days (alerts.py:
14 days without a meeting, check-ins every 15 days in the first month and
every 30 days after, the six months ending within 21 days, the agreement
unsigned 14 days after both said yes, the evaluation from the end, the
outcome at 3 and 12 calendar months, followed for 15 months). Pure rules on
hand-made facts: no database, no clock."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop import i18n
from duo_desktop.models import DuoStage
from duo_desktop.services.alerts import Alert, AlertKind, DuoFacts, alert_label, alerts_for, check_in_due_on

K = AlertKind
D = dt.timedelta
SIGNED = dt.date(2026, 1, 5)


def facts(stage: DuoStage = DuoStage.ACTIVE, **kwargs) -> DuoFacts:
    values = dict(id=7, stage=stage, coordinator_id=1, branch_id=1, agreement_signed_on=SIGNED,
                  planned_end_on=dt.date(2026, 7, 5), ended_on=None, mentor_decided_on=None,
                  mentee_decided_on=None, last_meeting_on=None, meetings=0, last_check_in_on=None,
                  mentor_evaluated=False, mentee_evaluated=False, has_outcome_3m=False, has_outcome_12m=False)
    values.update(kwargs)
    return DuoFacts(**values)


def of_kind(f: DuoFacts, today: dt.date, kind: AlertKind) -> list[Alert]:
    return [a for a in alerts_for(f, today) if a.kind is kind]


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")


# --- agreement not signed ------------------------------------------------------------
def test_agreement_unsigned_14_days_after_the_second_yes():
    f = facts(DuoStage.AWAITING_AGREEMENT, agreement_signed_on=None, mentor_decided_on=dt.date(2026, 2, 1),
              mentee_decided_on=dt.date(2026, 2, 3))
    assert alerts_for(f, dt.date(2026, 2, 16)) == []
    assert alerts_for(f, dt.date(2026, 2, 17)) == [Alert(7, K.AGREEMENT_NOT_SIGNED, dt.date(2026, 2, 17), 14)]
    assert alerts_for(f, dt.date(2026, 2, 20))[0].days == 17


def test_no_agreement_alert_until_both_have_said_yes():
    f = facts(DuoStage.AWAITING_AGREEMENT, agreement_signed_on=None, mentor_decided_on=dt.date(2026, 2, 1))
    assert alerts_for(f, dt.date(2026, 6, 1)) == []
    f = facts(DuoStage.AWAITING_AGREEMENT, agreement_signed_on=None, mentee_decided_on=dt.date(2026, 2, 1))
    assert alerts_for(f, dt.date(2026, 6, 1)) == []


# --- no meeting ----------------------------------------------------------------------------
def test_no_meeting_for_14_days_counts_from_the_last_meeting():
    f = facts(last_meeting_on=dt.date(2026, 1, 20), last_check_in_on=dt.date(2026, 1, 20))
    assert of_kind(f, dt.date(2026, 2, 2), K.NO_MEETING) == []
    assert of_kind(f, dt.date(2026, 2, 3), K.NO_MEETING) == [Alert(7, K.NO_MEETING, dt.date(2026, 2, 3), 14)]
    assert of_kind(f, dt.date(2026, 2, 5), K.NO_MEETING)[0].days == 16


def test_no_meeting_counts_from_the_signature_when_none_was_held_since():
    for last in (None, SIGNED - D(days=3)):
        f = facts(last_meeting_on=last)
        assert of_kind(f, SIGNED + D(days=13), K.NO_MEETING) == []
        assert of_kind(f, SIGNED + D(days=14), K.NO_MEETING) == [Alert(7, K.NO_MEETING, SIGNED + D(days=14), 14)]


# --- check-ins ---------------------------------------------------------------------------------
@pytest.mark.parametrize("last,due", [
    (None, 15),  # first check-in 15 days after the signature
    (-4, 15),  # one before the signature does not count
    (10, 25),  # in the first half of the first month: the next one 15 days later
    (15, 30),  # still the first half (day 15 included)
    (16, 46),  # after it: a month later
    (60, 90),
])
def test_check_in_due_twice_in_the_first_month_then_monthly(last, due):
    f = facts(last_check_in_on=None if last is None else SIGNED + D(days=last))
    assert check_in_due_on(f) == SIGNED + D(days=due)


def test_check_in_alert_from_its_due_day_with_the_days_since_the_last_one():
    f = facts(last_check_in_on=SIGNED + D(days=20), last_meeting_on=SIGNED + D(days=60))
    assert of_kind(f, SIGNED + D(days=49), K.CHECK_IN_DUE) == []
    assert of_kind(f, SIGNED + D(days=50), K.CHECK_IN_DUE) == [Alert(7, K.CHECK_IN_DUE, SIGNED + D(days=50), 30)]
    f = facts(last_meeting_on=SIGNED + D(days=60))  # never: counted from the signature
    assert of_kind(f, SIGNED + D(days=61), K.CHECK_IN_DUE) == [Alert(7, K.CHECK_IN_DUE, SIGNED + D(days=15), 61)]


def test_no_check_in_is_due_before_the_agreement():
    assert check_in_due_on(facts(DuoStage.AWAITING_AGREEMENT, agreement_signed_on=None)) is None


# --- six months ending ----------------------------------------------------------------------
def test_the_end_is_announced_21_days_before_then_said_over():
    end = dt.date(2026, 7, 5)
    f = facts(planned_end_on=end, last_meeting_on=dt.date(2026, 7, 30), last_check_in_on=dt.date(2026, 7, 30))
    assert of_kind(f, end - D(days=22), K.ENDING_SOON) == []
    assert of_kind(f, end - D(days=21), K.ENDING_SOON) == [Alert(7, K.ENDING_SOON, end - D(days=21), 21)]
    assert of_kind(f, end, K.ENDING_SOON) == [Alert(7, K.ENDING_SOON, end - D(days=21), 0)]
    assert of_kind(f, end + D(days=3), K.ENDING_SOON) == [Alert(7, K.ENDING_SOON, end, -3)]


# --- after the end -----------------------------------------------------------------------------
ENDED = dt.date(2026, 1, 31)


def ended(**kwargs) -> DuoFacts:
    return facts(DuoStage.ENDED, ended_on=ENDED, **kwargs)


def test_the_evaluation_is_due_from_the_end_for_each_side_missing():
    assert alerts_for(ended(), ENDED) == [Alert(7, K.EVALUATION_DUE, ENDED, 0, "mentor,mentee")]
    assert alerts_for(ended(mentor_evaluated=True), ENDED + D(days=4)) == [
        Alert(7, K.EVALUATION_DUE, ENDED, 4, "mentee")]
    assert alerts_for(ended(mentee_evaluated=True), ENDED) == [Alert(7, K.EVALUATION_DUE, ENDED, 0, "mentor")]
    assert alerts_for(ended(mentor_evaluated=True, mentee_evaluated=True), ENDED) == []


def test_outcome_asked_3_calendar_months_after_the_end():
    done = dict(mentor_evaluated=True, mentee_evaluated=True)
    due = dt.date(2026, 4, 30)  # 31 January + 3 months: the last day of April
    assert alerts_for(ended(**done), due - D(days=1)) == []
    assert alerts_for(ended(**done), due) == [Alert(7, K.OUTCOME_3_MONTHS_DUE, due, 0)]
    assert alerts_for(ended(**done), due + D(days=10)) == [Alert(7, K.OUTCOME_3_MONTHS_DUE, due, 10)]
    assert alerts_for(ended(has_outcome_3m=True, **done), due + D(days=10)) == []


def test_outcome_asked_again_at_12_months_and_followed_until_15():
    done = dict(mentor_evaluated=True, mentee_evaluated=True)
    due = dt.date(2027, 1, 31)
    assert alerts_for(ended(has_outcome_3m=True, **done), due - D(days=1)) == []
    assert alerts_for(ended(has_outcome_3m=True, **done), due) == [Alert(7, K.OUTCOME_12_MONTHS_DUE, due, 0)]
    # the 3-month one, never recorded, gives way to the 12-month one
    assert alerts_for(ended(**done), due + D(days=5)) == [Alert(7, K.OUTCOME_12_MONTHS_DUE, due, 5)]
    assert alerts_for(ended(has_outcome_12m=True, **done), due + D(days=5)) == []
    assert alerts_for(ended(**done), dt.date(2027, 4, 29))[0].kind is K.OUTCOME_12_MONTHS_DUE
    assert alerts_for(ended(**done), dt.date(2027, 4, 30)) == []  # 15 months: no longer followed


@pytest.mark.parametrize("stage", [DuoStage.PROPOSED, DuoStage.FIRST_MEETING_PLANNED, DuoStage.REFUSED,
                                   DuoStage.CANCELLED])
def test_duos_that_did_not_start_raise_no_alert(stage):
    f = facts(stage, mentor_decided_on=dt.date(2025, 1, 1), mentee_decided_on=dt.date(2025, 1, 1),
              ended_on=dt.date(2025, 6, 1))
    assert alerts_for(f, dt.date(2026, 6, 1)) == []


def test_an_active_duo_without_agreement_date_raises_none():
    assert alerts_for(facts(agreement_signed_on=None), dt.date(2026, 6, 1)) == []


# --- what the coordinator reads ------------------------------------------------------------
@pytest.mark.parametrize("alert,text", [
    (Alert(1, K.NO_MEETING, ENDED, 1), "No meeting logged for 1 day"),
    (Alert(1, K.NO_MEETING, ENDED, 15), "No meeting logged for 15 days"),
    (Alert(1, K.CHECK_IN_DUE, ENDED, 1), "No check-in for 1 day"),
    (Alert(1, K.CHECK_IN_DUE, ENDED, 31), "No check-in for 31 days"),
    (Alert(1, K.ENDING_SOON, ENDED, 1), "The six months end in 1 day"),
    (Alert(1, K.ENDING_SOON, ENDED, 20), "The six months end in 20 days"),
    (Alert(1, K.ENDING_SOON, ENDED, 0), "The six months end in 0 days"),
    (Alert(1, K.ENDING_SOON, ENDED, -2), "The six months ended on 31 January 2026: end the duo"),
    (Alert(1, K.EVALUATION_DUE, ENDED, 0, "mentor,mentee"), "End evaluation to do: Mentor, Mentee"),
    (Alert(1, K.EVALUATION_DUE, ENDED, 0, "mentee"), "End evaluation to do: Mentee"),
    (Alert(1, K.OUTCOME_3_MONTHS_DUE, ENDED), "Ask what became of the mentee (3 months, since 31 January 2026)"),
    (Alert(1, K.OUTCOME_12_MONTHS_DUE, ENDED), "Ask what became of the mentee (12 months, since 31 January 2026)"),
    (Alert(1, K.AGREEMENT_NOT_SIGNED, ENDED, 1), "Agreement not signed 1 day after both said yes"),
    (Alert(1, K.AGREEMENT_NOT_SIGNED, ENDED, 14), "Agreement not signed 14 days after both said yes"),
])
def test_each_alert_says_what_is_due_and_since_when(alert, text):
    assert alert.message() == text


def test_each_kind_has_its_own_title():
    titles = {kind: alert_label(kind) for kind in AlertKind}
    assert len(set(titles.values())) == len(AlertKind)
    assert Alert(1, K.ENDING_SOON, ENDED).title == "Six months ending"


# --- the facts read from the database ------------------------------------------------------------
NOW = dt.datetime(2026, 3, 16, 10)


def _ended_duo(s, b, coordinator, ended_on: dt.date, meetings: int = 0, evaluated=()):
    from duo_desktop.models import Decision, EndReason, Evaluation, Meeting, ObjectivesReached, Role
    from duo_desktop.services import duo_lifecycle as life
    from tests import factories as f

    start = ended_on - D(days=180)
    now = dt.datetime.combine(start, dt.time(10))
    duo = life.propose(s, f.participant(s, b, role=Role.MENTOR), f.participant(s, b, role=Role.MENTEE), now,
                       coordinator.id)
    life.plan_first_meeting(s, duo, now, "Antenne", now)
    for side in ("mentor", "mentee"):
        life.record_decision(s, duo, side, Decision.ACCEPTED, start, now)
    life.sign_agreement(s, duo, start, "fr", now)
    for i in range(meetings):
        s.add(Meeting(duo_id=duo.id, held_on=start + D(days=7 * (i + 1))))
    if ended_on <= NOW.date():
        life.end_duo(s, duo, ended_on, EndReason.COMPLETED, now)
    for side in evaluated:
        s.add(Evaluation(duo_id=duo.id, respondent=side, completed_on=ended_on,
                         objectives_reached=ObjectivesReached.YES, satisfaction=4))
    s.flush()
    return duo


def test_the_evaluation_read_from_the_database_names_the_side_still_missing(store):
    from duo_desktop.models import Respondent
    from duo_desktop.services.alerts import duo_alerts
    from tests import factories as f

    with store.transaction() as s:
        b = f.branch(s)
        camille = f.coordinator(s, b)
        duo = _ended_duo(s, b, camille, dt.date(2026, 3, 1), evaluated=[Respondent.MENTOR])
        alerts = duo_alerts(s, duo.id, NOW.date())
    assert alerts == [Alert(duo.id, K.EVALUATION_DUE, dt.date(2026, 3, 1), 15, "mentee")]


def test_ended_duos_are_followed_for_15_months_with_their_meetings_counted(store):
    from duo_desktop.services.alerts import load_facts
    from tests import factories as f

    with store.transaction() as s:
        b = f.branch(s)
        camille = f.coordinator(s, b)
        recent = _ended_duo(s, b, camille, dt.date(2025, 1, 20), meetings=3)  # 14 months ago
        old = _ended_duo(s, b, camille, dt.date(2024, 12, 10), meetings=2)  # 15 months and 6 days ago
        facts_ = {fa.id: fa for fa in load_facts(s, NOW.date())}
    assert recent.id in facts_ and old.id not in facts_
    assert facts_[recent.id].meetings == 3 and facts_[recent.id].last_meeting_on == dt.date(2024, 8, 14)
    assert facts_[recent.id].agreement_signed_on == dt.date(2024, 7, 24)
    assert (facts_[recent.id].mentor_evaluated, facts_[recent.id].mentee_evaluated) == (False, False)


def test_the_today_list_keeps_to_the_coordinator_asked_for_and_names_each_group(store):
    from duo_desktop.services.alerts import today_list
    from tests import factories as f

    with store.transaction() as s:
        b = f.branch(s)
        camille, jan = f.coordinator(s, b), f.coordinator(s, b, first="Jan", last="Peeters")
        mine = _ended_duo(s, b, camille, dt.date(2026, 3, 1))
        theirs = _ended_duo(s, b, jan, dt.date(2026, 3, 2))
        open_theirs = _ended_duo(s, b, jan, dt.date(2026, 7, 1))  # active, no meeting logged for weeks
        everything = today_list(s, NOW.date())
        only_mine = today_list(s, NOW.date(), coordinator_id=camille.id)
        ids = camille.id, jan.id
    assert [(g.coordinator_id, g.coordinator) for g in everything] == [(ids[0], "Camille Test"),
                                                                       (ids[1], "Jan Peeters")]
    assert {i.duo_id for i in everything[1].items} == {theirs.id, open_theirs.id}
    assert [(g.coordinator_id, [i.duo_id for i in g.items]) for g in only_mine] == [(ids[0], [mine.id])]


def test_the_today_list_finds_each_outcome_due_after_the_end(store):
    from duo_desktop.models import Duo, Outcome, OutcomeKind, OutcomeMoment, Respondent
    from duo_desktop.services.alerts import group_alerts, load_facts, today_list
    from tests import factories as f

    both = [Respondent.MENTOR, Respondent.MENTEE]
    with store.transaction() as s:
        b = f.branch(s)
        camille, jan = f.coordinator(s, b), f.coordinator(s, b, first="Jan", last="Peeters")
        three = _ended_duo(s, b, camille, dt.date(2025, 12, 6), evaluated=both)  # 100 days ago
        twelve = _ended_duo(s, b, camille, dt.date(2025, 2, 10), evaluated=both)  # 13 months ago
        s.add(Outcome(duo_id=twelve.id, kind=OutcomeKind.JOB, moment=OutcomeMoment.AFTER_3_MONTHS,
                      learnt_on=dt.date(2025, 5, 10)))
        edge = _ended_duo(s, b, jan, dt.date(2024, 12, 16))  # ended 15 months ago to the day: still followed
        s.flush()
        groups = today_list(s, NOW.date())
        kinds = {i.duo_id: i.alert.kind for g in groups for i in g.items}
        followed = {fa.id for fa in load_facts(s, NOW.date())}
        jans = {fa.id for fa in load_facts(s, NOW.date(), Duo.coordinator_id == jan.id)}
        pairs = [(fa, a) for fa in load_facts(s, NOW.date()) for a in alerts_for(fa, NOW.date())]
        nameless = group_alerts(s, pairs, with_names=False)
    assert kinds[three.id] is K.OUTCOME_3_MONTHS_DUE and kinds[twelve.id] is K.OUTCOME_12_MONTHS_DUE
    assert edge.id in followed and jans == {edge.id}
    assert {(i.mentor, i.mentee) for g in nameless for i in g.items} == {("", "")}
