"""Events: planning refused with the field named, invitations, attendance and
its effect on the status pipeline, corrections, intervision counts."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import AttendanceStatus as A
from duo_desktop.models import EventKind, Role
from duo_desktop.models import ParticipantStatus as S
from duo_desktop.services import attendance as att
from duo_desktop.services import events as ev
from duo_desktop.i18n import Translator
from duo_desktop.services.errors import RuleError
from duo_desktop.services.labels import label

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

NOW = dt.datetime(2026, 3, 16, 9, 0)


def _event(s, b, kind=EventKind.INFO_SESSION, day=dt.date(2026, 3, 10), capacity=None, hours=2):
    start = dt.datetime.combine(day, dt.time(18, 0))
    return ev.create_event(s, ev.EventInput(b.id, kind, start, start + dt.timedelta(hours=hours), title="Séance",
                                            place="Rue Haute 1", capacity=capacity), NOW)


def test_planning_with_bad_input_is_refused_with_the_field_named(store):
    with store.transaction() as s:
        b = f.branch(s)
        start = dt.datetime(2026, 4, 1, 18)
        with pytest.raises(ev.EventInvalid) as refused:
            ev.create_event(s, ev.EventInput(b.id, EventKind.TRAINING, start, start - dt.timedelta(hours=1),
                                             title="x" * 201, capacity=0), NOW)
        errors = refused.value.errors
        assert set(errors) == {"ends_at", "title", "capacity"}
        assert "postérieure au début" in str(errors["ends_at"])  # rendered in the French interface
        assert "201" in str(errors["title"])
        with pytest.raises(ev.EventInvalid) as refused:
            ev.create_event(s, ev.EventInput(9999, EventKind.TRAINING, start), NOW)
        assert set(refused.value.errors) == {"branch"}
    with store.session() as s:
        assert ev.list_events(s, NOW) == []  # nothing was saved


def test_capacity_cannot_drop_below_the_registered(store):
    with store.transaction() as s:
        b = f.branch(s)
        eid = _event(s, b, day=dt.date(2026, 4, 2), capacity=3)
        people = [f.participant(s, b, status=S.APPLICANT).id for _ in range(3)]
        result = ev.invite(s, eid, people, NOW, status=A.REGISTERED)
        assert result.invited == 3 and result.warnings == []
        data = ev.event_input(s, eid)
        with pytest.raises(ev.EventInvalid) as refused:
            ev.update_event(s, eid, ev.EventInput(**{**data.__dict__, "capacity": 2}), NOW)
        assert list(refused.value.errors) == ["capacity"]
        assert "3" in str(refused.value.errors["capacity"])
        extra = f.participant(s, b, status=S.APPLICANT)
        result = ev.invite(s, eid, [extra.id, people[0]], NOW, status=A.REGISTERED)
        assert (result.invited, result.already_on_list) == (1, 1)
        assert "4" in str(result.warnings[0]) and "3" in str(result.warnings[0])  # over capacity, said, not refused
        assert ev.event_row(s, eid).over_capacity


def test_invitations_follow_the_branch_the_role_and_who_is_waiting(store):
    with store.transaction() as s:
        b = f.branch(s)
        other = f.branch(s, code="GNT", city="Gent")
        training = _event(s, b, kind=EventKind.TRAINING, day=dt.date(2026, 4, 2))
        waiting = f.participant(s, b, role=Role.MENTOR, status=S.INTAKE_DONE, first="Joëlle", last="Dubois")
        f.participant(s, b, role=Role.MENTOR, status=S.READY_TO_MATCH, first="Already", last="Trained")
        mentee = f.participant(s, b, role=Role.MENTEE, status=S.INTAKE_DONE)
        elsewhere = f.participant(s, other, role=Role.MENTOR, status=S.INTAKE_DONE)
        names = [c.full_name for c in ev.invitation_candidates(s, training)]
        assert names == ["Joëlle Dubois"]
        assert [c.full_name for c in ev.invitation_candidates(s, training, text="joelle")] == ["Joëlle Dubois"]
        assert len(ev.invitation_candidates(s, training, everyone=True)) == 2
        with pytest.raises(RuleError) as refused:
            ev.invite(s, training, [mentee.id], NOW)
        assert refused.value.code == "wrong_role"
        with pytest.raises(RuleError) as refused:
            ev.invite(s, training, [elsewhere.id], NOW)
        assert refused.value.code == "other_branch"
        ev.invite(s, training, [waiting.id], NOW)
        assert ev.invitation_candidates(s, training) == []
        assert [(line.full_name, line.status) for line in att.attendance_list(s, training)] == [
            ("Joëlle Dubois", A.INVITED)]


def test_attending_an_information_session_moves_an_applicant_on_the_day_of_the_session(store):
    with store.transaction() as s:
        b = f.branch(s)
        eid = _event(s, b, day=dt.date(2026, 3, 10))
        applicant = f.participant(s, b, status=S.APPLICANT, first="محمد", last="العلي")
        further = f.participant(s, b, status=S.INTAKE_DONE)
        ev.invite(s, eid, [applicant.id, further.id], NOW)
        result = att.set_attendance(s, eid, applicant.id, A.ATTENDED, NOW)
        assert result.moves == [att.StatusMove(S.APPLICANT, S.INFO_SESSION_ATTENDED, dt.date(2026, 3, 10))]
        assert applicant.status is S.INFO_SESSION_ATTENDED and applicant.status_since == dt.date(2026, 3, 10)
        assert att.set_attendance(s, eid, further.id, A.ATTENDED, NOW).moves == []
        assert further.status is S.INTAKE_DONE
        counts = ev.event_row(s, eid).counts
        assert (counts.attended, counts.invited) == (2, 0)


def test_training_makes_a_mentor_trained_then_ready_to_match(store):
    with store.transaction() as s:
        b = f.branch(s)
        eid = _event(s, b, kind=EventKind.TRAINING, day=dt.date(2026, 3, 2), hours=24 * 3 + 2)  # four days
        mentor = f.participant(s, b, role=Role.MENTOR, status=S.INTAKE_DONE, first="Фатима", last="Иванова")
        early = f.participant(s, b, role=Role.MENTOR, status=S.INFO_SESSION_ATTENDED)
        ev.invite(s, eid, [mentor.id], NOW)
        ev.invite(s, eid, [early.id], NOW, status=A.REGISTERED)
        assert not att.has_completed_training(s, mentor.id)
        result = att.set_attendance(s, eid, mentor.id, A.ATTENDED, NOW)
        last_day = dt.date(2026, 3, 5)
        assert result.moves == [att.StatusMove(S.INTAKE_DONE, S.TRAINED, last_day),
                                att.StatusMove(S.TRAINED, S.READY_TO_MATCH, last_day)]
        assert [(c.to_status, c.changed_on) for c in mentor.status_history] == [
            (S.TRAINED, last_day), (S.READY_TO_MATCH, last_day)]
        assert att.has_completed_training(s, mentor.id)
        # intake not done yet: the training is recorded, the status is not skipped ahead
        result = att.set_attendance(s, eid, early.id, A.ATTENDED, NOW)
        assert result.moves == [] and early.status is S.INFO_SESSION_ATTENDED
        assert label(S.INFO_SESSION_ATTENDED) in str(result.notes[0])  # says which status it keeps


def test_attendance_before_the_event_is_refused(store):
    with store.transaction() as s:
        b = f.branch(s)
        eid = _event(s, b, day=dt.date(2026, 3, 20))
        person = f.participant(s, b, status=S.APPLICANT)
        ev.invite(s, eid, [person.id], NOW)
        with pytest.raises(RuleError) as refused:
            att.set_attendance(s, eid, person.id, A.ATTENDED, NOW)
        assert refused.value.code == "not_yet"
        att.set_attendance(s, eid, person.id, A.REGISTERED, NOW)  # registering is fine
        assert person.status is S.APPLICANT


def test_correcting_an_attendance_keeps_or_undoes_the_status_as_the_coordinator_chooses(store):
    with store.transaction() as s:
        b = f.branch(s)
        eid = _event(s, b, kind=EventKind.TRAINING, day=dt.date(2026, 3, 2))
        kept = f.participant(s, b, role=Role.MENTOR, status=S.INTAKE_DONE)
        undone = f.participant(s, b, role=Role.MENTOR, status=S.INTAKE_DONE)
        ev.invite(s, eid, [kept.id, undone.id], NOW)
        for p in (kept, undone):
            att.set_attendance(s, eid, p.id, A.ATTENDED, NOW)
        info = att.advanced_status(s, eid, kept.id)
        assert (info.status, info.previous, info.revertible) == (S.READY_TO_MATCH, S.INTAKE_DONE, True)

        result = att.set_attendance(s, eid, kept.id, A.ABSENT, NOW)
        assert kept.status is S.READY_TO_MATCH and result.undone == []
        assert label(S.READY_TO_MATCH) in str(result.notes[0])  # the kept status is named

        result = att.set_attendance(s, eid, undone.id, A.ABSENT, NOW, undo_status=True)
        assert undone.status is S.INTAKE_DONE
        assert result.undone == [att.StatusMove(S.READY_TO_MATCH, S.INTAKE_DONE, NOW.date())]
        assert [c.to_status for c in undone.status_history] == [S.TRAINED, S.READY_TO_MATCH, S.INTAKE_DONE]
        assert att.advanced_status(s, eid, undone.id) is None
        # ticked again: trained again, dated again
        assert len(att.set_attendance(s, eid, undone.id, A.ATTENDED, NOW).moves) == 2


def test_a_status_that_moved_on_since_is_not_put_back(store):
    from duo_desktop.services.pipeline import change_status

    with store.transaction() as s:
        b = f.branch(s)
        eid = _event(s, b, day=dt.date(2026, 3, 2))
        person = f.participant(s, b, status=S.APPLICANT)
        ev.invite(s, eid, [person.id], NOW)
        att.set_attendance(s, eid, person.id, A.ATTENDED, NOW)
        change_status(s, person, S.INTAKE_DONE, dt.date(2026, 3, 9))
        assert att.advanced_status(s, eid, person.id).revertible is False
        with pytest.raises(RuleError) as refused:
            att.set_attendance(s, eid, person.id, A.EXCUSED, NOW, undo_status=True)
        assert refused.value.code == "not_revertible"
    with store.session() as s:  # the refused correction was rolled back whole
        assert att.attendance_list(s, eid)[0].status is A.ATTENDED


def test_intervisions_are_counted_per_mentor(store):
    with store.transaction() as s:
        b = f.branch(s)
        one = f.participant(s, b, role=Role.MENTOR, status=S.IN_DUO, first="ሰላም", last="ተስፋይ")
        two = f.participant(s, b, role=Role.MENTOR, status=S.READY_TO_MATCH, first="Joëlle", last="Dubois")
        f.participant(s, b, role=Role.MENTOR, status=S.INTAKE_DONE)  # not trained: not listed
        days = [dt.date(2026, 1, 12), dt.date(2026, 2, 9), dt.date(2026, 3, 9)]
        for day in days:
            eid = _event(s, b, kind=EventKind.INTERVISION, day=day)
            ev.invite(s, eid, [one.id, two.id], NOW)
            att.set_attendance(s, eid, one.id, A.ATTENDED, NOW)
            att.set_attendance(s, eid, two.id, A.ATTENDED if day.month == 1 else A.EXCUSED, NOW)
        assert one.status is S.IN_DUO  # intervisions never move the pipeline
        rows = att.intervision_counts(s, b.id)
        assert [(r.full_name, r.attended, r.last_attended) for r in rows] == [
            ("ሰላም ተስፋይ", 3, dt.date(2026, 3, 9)), ("Joëlle Dubois", 1, dt.date(2026, 1, 12))]
        assert att.intervisions_attended(s, two.id) == 1
        history = att.participant_events(s, two.id)  # for the participant's file, latest first
        assert [(h.starts_at.date(), h.kind, h.status) for h in history] == [
            (days[2], EventKind.INTERVISION, A.EXCUSED), (days[1], EventKind.INTERVISION, A.EXCUSED),
            (days[0], EventKind.INTERVISION, A.ATTENDED)]


def test_list_events_by_branch_kind_and_period(store):
    with store.transaction() as s:
        b = f.branch(s)
        other = f.branch(s, code="ANT", city="Antwerpen")
        past = _event(s, b, day=dt.date(2026, 3, 1))
        soon = _event(s, b, day=dt.date(2026, 3, 20))
        later = _event(s, b, kind=EventKind.TRAINING, day=dt.date(2026, 4, 20))
        far = _event(s, other, day=dt.date(2026, 5, 1))
    with store.session() as s:
        assert [e.id for e in ev.list_events(s, NOW, period=ev.Period.UPCOMING)] == [soon, later, far]
        assert [e.id for e in ev.list_events(s, NOW, period=ev.Period.PAST)] == [past]
        assert [e.id for e in ev.list_events(s, NOW, branch_id=b.id)] == [later, soon, past]
        assert [e.id for e in ev.list_events(s, NOW, kind=EventKind.TRAINING)] == [later]


def test_delete_is_refused_once_attendance_was_recorded(store):
    with store.transaction() as s:
        b = f.branch(s)
        planned = _event(s, b, day=dt.date(2026, 3, 20))
        held = _event(s, b, day=dt.date(2026, 3, 2))
        person = f.participant(s, b, status=S.APPLICANT)
        ev.invite(s, planned, [person.id], NOW)
        ev.invite(s, held, [person.id], NOW)
        att.set_attendance(s, held, person.id, A.ABSENT, NOW)
        with pytest.raises(RuleError) as refused:
            ev.delete_event(s, held, NOW)
        assert refused.value.code == "attendance_recorded"
        with pytest.raises(RuleError):
            att.remove_from_list(s, held, [person.id], NOW)
        assert ev.delete_event(s, planned, NOW) == 1
    with store.session() as s:
        assert [e.id for e in ev.list_events(s, NOW)] == [held]


def test_refusals_and_notes_are_rendered_in_the_language_of_whoever_shows_them(store):
    """The services translate nothing: a refusal, a field's message (one
    person or several) and a note take the language they are shown in,
    chosen after the service has run."""
    nl, en = Translator("nl"), Translator("en")
    with store.transaction() as s:
        b = f.branch(s)
        held = _event(s, b, kind=EventKind.TRAINING, day=dt.date(2026, 3, 2), capacity=5)
        people = [f.participant(s, b, role=Role.MENTOR, status=S.INFO_SESSION_ATTENDED, first="Фатима",
                                last="Иванова").id]
        people.append(f.participant(s, b, role=Role.MENTOR, status=S.INTAKE_DONE).id)
        ev.invite(s, held, people, NOW, status=A.REGISTERED)
        result = att.set_attendance(s, held, people[0], A.ATTENDED, NOW)
        note = result.notes[0]
        assert "Фатима Иванова" in note.render(en) and "Information session attended" in note.render(en)
        assert "Infosessie bijgewoond" in note.render(nl)
        with pytest.raises(RuleError) as refused:
            ev.delete_event(s, held, NOW)
        assert refused.value.message(en) == ("Attendance was recorded for 1 person: this event is part of their "
                                             "history and cannot be deleted.")
        data = ev.event_input(s, held)
        with pytest.raises(ev.EventInvalid) as refused:
            ev.update_event(s, held, ev.EventInput(**{**data.__dict__, "ends_at": data.starts_at}), NOW)
        assert refused.value.errors["ends_at"].render(en) == "The end must come after the start."
        assert refused.value.message(nl) == refused.value.errors["ends_at"].render(nl) != refused.value.message(en)
        att.set_attendance(s, held, people[1], A.ATTENDED, NOW)
        with pytest.raises(RuleError) as refused:
            ev.delete_event(s, held, NOW)
        assert refused.value.message(en) == ("Attendance was recorded for 2 people: this event is part of their "
                                             "history and cannot be deleted.")
        assert "2" in refused.value.message(nl) and refused.value.message(nl) != refused.value.message(en)
        with pytest.raises(RuleError) as refused:
            att.remove_from_list(s, held, [people[0]], NOW)
        assert refused.value.message(en) == ("Attendance was recorded for Фатима Иванова (“Attended”): change it "
                                             "instead of removing the line.")
        with pytest.raises(ev.EventInvalid) as refused:
            ev.update_event(s, held, ev.EventInput(**{**ev.event_input(s, held).__dict__, "capacity": 1}), NOW)
        assert refused.value.errors["capacity"].render(en) == (
            "2 people are already registered: the capacity cannot be lower.")
        assert refused.value.message(en) == refused.value.errors["capacity"].render(en)


def test_from_today_on_keeps_the_events_of_today_even_over_and_a_day_lists_its_own(store):
    with store.transaction() as s:
        b = f.branch(s)
        yesterday = _event(s, b, day=dt.date(2026, 3, 15))
        this_morning = ev.create_event(s, ev.EventInput(b.id, EventKind.INFO_SESSION, dt.datetime(2026, 3, 16, 7),
                                                        dt.datetime(2026, 3, 16, 8), title="Tôt"), NOW)
        tonight = _event(s, b, day=dt.date(2026, 3, 16))
        later = _event(s, b, kind=EventKind.TRAINING, day=dt.date(2026, 4, 2))
    with store.session() as s:
        # NOW is 9:00: the 7:00-8:00 session is over, but it is today's
        assert [e.id for e in ev.list_events(s, NOW, period=ev.Period.UPCOMING)] == [this_morning, tonight, later]
        assert [e.id for e in ev.list_events(s, NOW, period=ev.Period.PAST)] == [yesterday]
        assert [e.id for e in ev.list_events(s, NOW, period=ev.Period.PAST, day=dt.date(2026, 3, 16))] == [
            this_morning, tonight]
        assert ev.event_days(s, b.id) == {dt.date(2026, 3, 15): 1, dt.date(2026, 3, 16): 2, dt.date(2026, 4, 2): 1}
        assert ev.event_days(s, b.id, EventKind.TRAINING) == {dt.date(2026, 4, 2): 1}
