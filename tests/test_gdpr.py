"""The GDPR rights (issue 12): consent, access export, restriction,
erasure, retention, a merged-away duplicate anonymised, and an audit trail
the app cannot change. Synthetic names in Arabic, Cyrillic and Ge'ez."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import os
import stat

import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from duo_desktop.models import (
    AuditEntry,
    CheckIn,
    Duo,
    DuoStage,
    Event,
    EventKind,
    Meeting,
    Outcome,
    OutcomeKind,
    OutcomeMoment,
    Participant,
    ParticipantStatus,
    Role,
)
from duo_desktop.services import alerts, audit, duo_lifecycle, events, privacy, reports
from duo_desktop.services.errors import RuleError
from duo_desktop.services.matching.pool import load_profiles

from . import factories as f

TODAY = dt.date(2026, 3, 16)
NOW = dt.datetime(2026, 3, 16, 9)
MENTEE = dict(first="أمينة", last="الحسيني", email="amina.canary@example.org", phone="+32 470 99 88 77")
MENTOR = dict(first="Людмила", last="Петренко")


def _ended_duo(s, mentee_consent=("programme", "follow_up"), ended=dt.date(2025, 11, 1)):
    b = f.branch(s)
    mentor = f.participant(s, b, role=Role.MENTOR, status=ParticipantStatus.READY_TO_MATCH, **MENTOR)
    mentee = f.participant(s, b, status=ParticipantStatus.ALUMNI, consent_scope=list(mentee_consent),
                           notes="ጤና: ሰላም", **MENTEE)
    duo = Duo(branch_id=b.id, mentor_id=mentor.id, mentee_id=mentee.id, stage=DuoStage.ENDED,
              proposed_on=dt.date(2025, 4, 1), agreement_signed_on=dt.date(2025, 5, 1), ended_on=ended,
              notes="أمينة moved to Gent")
    s.add(duo)
    s.flush()
    s.add_all([Meeting(duo_id=duo.id, held_on=dt.date(2025, 6, 2), note="CV of Amina"),
               CheckIn(duo_id=duo.id, held_on=dt.date(2025, 6, 9), concerns="Amina's permit"),
               Outcome(duo_id=duo.id, kind=OutcomeKind.JOB, moment=OutcomeMoment.AT_END, learnt_on=ended,
                       note="job at a bakery")])
    s.flush()
    return b, mentor, mentee, duo


# --- consent -------------------------------------------------------------------
@pytest.mark.parametrize("scope, expected", [(("programme", "follow_up"), True), (("programme",), False)])
def test_no_follow_up_reminder_for_a_mentee_who_did_not_consent_to_it(store, scope, expected):
    with store.transaction() as s:
        _b, _m, _e, duo = _ended_duo(s, mentee_consent=scope)
        kinds = {a.kind for a in alerts.duo_alerts(s, duo.id, dt.date(2026, 2, 10))}  # 3 months after the end
        listed = {a.alert.kind for g in alerts.today_list(s, dt.date(2026, 2, 10)) for a in g.items}
    assert (alerts.AlertKind.OUTCOME_3_MONTHS_DUE in kinds) is expected
    assert (alerts.AlertKind.OUTCOME_3_MONTHS_DUE in listed) is expected


# --- access ----------------------------------------------------------------------
def test_the_access_export_holds_everything_about_the_person_as_json_and_csv(store, tmp_path):
    with store.transaction() as s:
        _b, _mentor, mentee, duo = _ended_duo(s)
        pid = mentee.id
    with store.transaction() as s:
        paths = privacy.write_export(s, pid, tmp_path / "out", NOW, None)
    names = sorted(p.name for p in paths)
    assert f"person-{pid}.json" in names and f"person-{pid}-meetings.csv" in names
    assert all(str(pid) in n and "الحسيني" not in n for n in names)  # files named by id only
    data = json.loads((tmp_path / "out" / f"person-{pid}.json").read_text(encoding="utf-8"))
    assert (data["participant"]["first_name"], data["participant"]["email"]) == ("أمينة", MENTEE["email"])
    assert data["duos"][0]["id"] == duo.id and data["meetings"][0]["note"] == "CV of Amina"
    assert data["outcomes"][0]["kind"] == "job" and {x["language"] for x in data["languages"]} == {"fr"}
    with open(tmp_path / "out" / f"person-{pid}-participant.csv", encoding="utf-8-sig") as fh:
        profile = dict(csv.reader(fh, delimiter=";"))
    assert profile["last_name"] == "الحسيني" and profile["notes"] == "ጤና: ሰላም"
    with store.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert (entry.entity, entry.entity_id) == ("participant", pid) and "أمينة" not in json.dumps(entry.details)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_access_export_files_are_owner_only_like_backups(store, tmp_path):
    with store.transaction() as s:
        pid = _ended_duo(s)[2].id
    old_mask = os.umask(0o022)  # the usual umask: files 0644 unless made owner-only
    try:
        with store.transaction() as s:
            paths = privacy.write_export(s, pid, tmp_path / "out", NOW, None)
    finally:
        os.umask(old_mask)
    assert {p.suffix for p in paths} == {".json", ".csv", ".pdf"}
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in paths} == {p.name: 0o600 for p in paths}
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o700  # a folder made for the export
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)  # no partials


def test_every_personal_column_is_exported_or_excluded_with_a_reason(store, tmp_path):
    with store.transaction() as s:
        _b, _mentor, mentee, _duo = _ended_duo(s)
        data = privacy.person_data(s, mentee.id)
    exported = set()
    for section, table in privacy.access.SECTIONS.items():
        rows = data[section] if isinstance(data[section], list) else [data[section]]
        exported |= {f"{table}.{k}" for row in rows for k in row}
    from duo_desktop.models import Base

    missing = []
    for table in sorted(audit.PERSONAL_TABLES):
        if f"{table}.*" in privacy.EXCLUDED:
            continue
        for column in Base.metadata.tables[table].columns:
            key = f"{table}.{column.name}"
            if key not in exported and key not in privacy.EXCLUDED:
                missing.append(key)
    # sections empty in this example (drafts, slots...) are checked by their model's columns
    empty = {privacy.access.SECTIONS[s] for s, rows in data.items() if s in privacy.access.SECTIONS and not rows}
    assert [m for m in missing if m.split(".")[0] not in empty] == []


# --- restriction ---------------------------------------------------------------------
def test_a_restricted_person_is_kept_but_not_matched_nor_invited(store):
    with store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR, **MENTOR)
        mentee = f.participant(s, b, first="ዮሐንስ", last="ገብረ")
        event = Event(branch_id=b.id, kind=EventKind.INFO_SESSION, starts_at=dt.datetime(2026, 4, 1, 10))
        s.add(event)
        s.flush()
        ids = (b.id, mentor.id, mentee.id, event.id)
    bid, mentor_id, mentee_id, event_id = ids
    with store.transaction() as s:
        privacy.restrict(s, mentee_id, TODAY, NOW, None)
    with store.transaction() as s:
        branch = s.get(type(s.get(Participant, mentee_id).branch), bid)
        waiting = [p.id for p in load_profiles(s, branch, Role.MENTEE, [ParticipantStatus.READY_TO_MATCH], TODAY)]
        assert mentee_id not in waiting
        assert mentee_id not in {c.id for c in events.invitation_candidates(s, event_id, everyone=True)}
        with pytest.raises(RuleError) as refused:
            duo_lifecycle.propose(s, s.get(Participant, mentor_id), s.get(Participant, mentee_id), NOW)
        assert refused.value.code == "restricted"
        assert s.get(Participant, mentee_id).first_name == "ዮሐንስ"  # the record itself is kept
    with store.transaction() as s:
        privacy.lift_restriction(s, mentee_id, NOW, None)
    with store.session() as s:
        branch = s.get(Participant, mentee_id).branch
        assert mentee_id in [p.id for p in load_profiles(s, branch, Role.MENTEE,
                                                        [ParticipantStatus.READY_TO_MATCH], TODAY)]
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == mentee_id,
                                                            AuditEntry.entity == "participant")).all()
    assert actions[-2:] == ["restrict", "lift_restriction"]


# --- erasure -----------------------------------------------------------------------------
def _all_text(session) -> str:
    parts = []
    for table in sa_inspect(session.get_bind()).get_table_names():
        for row in session.execute(text(f"SELECT * FROM {table}")):  # noqa: S608 (the schema's own names)
            parts.append(repr(tuple(row)))
    return "\n".join(parts)


def test_erasure_anonymises_the_person_and_keeps_the_figures(store):
    with store.transaction() as s:
        b, _mentor, mentee, duo = _ended_duo(s)
        pid, bid = mentee.id, b.id
        before = reports.programme_results(s, TODAY, bid)
    with store.transaction() as s:
        privacy.anonymise(s, pid, TODAY, NOW, None)
    with store.session() as s:
        dump = _all_text(s)
        for canary in ("أمينة", "الحسيني", "amina.canary", "470 99 88 77", "470998877", "ጤና", "Amina",
                       "bakery", "Gent"):
            assert canary not in dump, canary
        assert "Людмила" in dump  # the mentor is untouched
        p = s.get(Participant, pid)
        assert (p.role, p.status, p.branch_id, p.erased_on, p.birth_date) == (
            Role.MENTEE, ParticipantStatus.ALUMNI, bid, TODAY, dt.date(2000, 1, 1))
        assert s.scalar(select(Outcome.kind).where(Outcome.duo_id == duo.id)) is OutcomeKind.JOB
        assert dataclasses.asdict(reports.programme_results(s, TODAY, bid)) == dataclasses.asdict(before)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
        assert (entry.entity, entry.entity_id, entry.details["reason"]) == ("participant", pid, "request")


def test_erasure_is_refused_while_the_person_has_an_open_duo(store):
    with store.transaction() as s:
        _b, _mentor, mentee, duo = _ended_duo(s)
        duo.stage = DuoStage.ACTIVE
        pid = mentee.id
    with pytest.raises(RuleError) as refused:
        with store.transaction() as s:
            privacy.anonymise(s, pid, TODAY, NOW, None)
    assert refused.value.code == "open_duo"
    with store.session() as s:
        assert s.get(Participant, pid).first_name == "أمينة"  # nothing half-done


# --- retention ---------------------------------------------------------------------------------
def test_people_past_the_branch_retention_period_are_listed_then_anonymised(store):
    with store.transaction() as s:
        b = f.branch(s, settings={"retention_years": 2})
        old = f.participant(s, b, first="Олег", last="Старий", applied_on=dt.date(2022, 1, 10),
                            status=ParticipantStatus.WITHDRAWN, status_since=dt.date(2023, 2, 1))
        recent = f.participant(s, b, first="ሰላም", last="ተስፋይ", applied_on=dt.date(2022, 1, 10),
                               status_since=dt.date(2025, 9, 1))
        ids = (old.id, recent.id)
    old_id, recent_id = ids
    with store.session() as s:
        listed = privacy.past_retention(s, TODAY)
    assert [(r.participant_id, r.last_activity, r.keep_until) for r in listed] == [
        (old_id, dt.date(2023, 2, 1), dt.date(2025, 2, 1))]
    with store.transaction() as s:
        assert privacy.apply_retention(s, [old_id, recent_id], TODAY, NOW, None) == 1
    with store.session() as s:
        assert s.get(Participant, old_id).erased_on == TODAY and s.get(Participant, old_id).first_name == ""
        assert s.get(Participant, recent_id).first_name == "ሰላም"
        assert privacy.past_retention(s, TODAY) == []
        reason = s.scalars(select(AuditEntry.details).where(AuditEntry.action == "erase")).one()["reason"]
    assert reason == "retention"


def test_the_audit_trail_cannot_be_changed(store):
    with store.transaction() as s:
        b = f.branch(s)
        f.participant(s, b)
    for statement in ("UPDATE audit_entry SET action = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises(DatabaseError):
            with store.transaction() as s:
                s.execute(text(statement))
    with store.session() as s:
        assert s.scalar(text("SELECT count(*) FROM audit_entry WHERE action = 'create'")) >= 1


# --- the command line ----------------------------------------------------------------------
def test_the_privacy_command_exports_restricts_and_erases_only_when_confirmed(tmp_path, capsys):
    from duo_desktop.__main__ import main
    from duo_desktop.store import open_store

    db = tmp_path / "p.sqlite3"
    st = open_store(f"sqlite:///{db}")
    with st.transaction() as s:
        _b, _mentor, mentee, _duo = _ended_duo(s)
        pid = mentee.id
    st.dispose()
    base = ["--database", str(db), "--lang", "en", "privacy", "--today", "2026-03-16"]
    assert main(base + ["export", "--participant", str(pid), "--out", str(tmp_path / "x")]) == 0
    assert (tmp_path / "x" / f"person-{pid}.json").exists()
    assert main(base + ["export", "--participant", "999", "--out", str(tmp_path / "x")]) == 2
    assert main(base + ["restrict", "--participant", str(pid)]) == 0
    assert main(base + ["erase", "--participant", str(pid)]) == 1  # not confirmed
    assert "--yes" in capsys.readouterr().out
    assert main(base + ["retention", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(base + ["erase", "--participant", str(pid), "--yes"]) == 0
    st = open_store(f"sqlite:///{db}")
    with st.session() as s:
        p = s.get(Participant, pid)
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == pid,
                                                            AuditEntry.entity == "participant")).all()
    st.dispose()
    assert (p.first_name, p.erased_on) == ("", TODAY)
    assert actions[-3:] == ["export", "restrict", "erase"]


def test_the_audit_command_filters_by_person_action_and_period(tmp_path, capsys):
    from duo_desktop.__main__ import main
    from duo_desktop.store import open_store

    db = tmp_path / "a.sqlite3"
    st = open_store(f"sqlite:///{db}")
    with st.transaction() as s:
        _b, mentor, mentee, duo = _ended_duo(s)
        ids = (mentor.id, mentee.id, duo.id)
    st.dispose()
    mentor_id, mentee_id, duo_id = ids
    base = ["--database", str(db), "--lang", "en"]
    assert main(base + ["privacy", "--today", "2026-03-16", "restrict", "--participant", str(mentee_id)]) == 0
    capsys.readouterr()
    assert main(base + ["audit", "--participant", str(mentee_id), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    records = {(r["entity"], r["entity_id"]) for r in rows}
    assert ("participant", mentee_id) in records and ("duo", duo_id) in records
    assert ("participant", mentor_id) not in records
    assert any(r["entity"] == "meeting" for r in rows) and rows[0]["action"] == "restrict"
    assert "أمينة" not in json.dumps(rows, ensure_ascii=False)
    assert main(base + ["audit", "--action", "restrict", "--since", "2026-03-16", "--json"]) == 0
    assert [r["entity_id"] for r in json.loads(capsys.readouterr().out)] == [mentee_id]
    assert main(base + ["audit", "--until", "2000-01-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
