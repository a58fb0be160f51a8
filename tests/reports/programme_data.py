"""A small programme built by hand, whose figures for the first quarter of
2025 (computed on 31 March 2026) are counted by hand in the tests.

Branch A (coordinator c1) and branch B (coordinator c2). Mentees m1..m8,
mentors M1..M3, duos d1, d2, d6, d7, d8, d9 (see each line)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duo_desktop.models import (
    Attendance,
    AttendanceStatus,
    Duo,
    DuoStage,
    EndReason,
    Event,
    EventKind,
    Gender,
    Meeting,
    Outcome,
    OutcomeKind,
    OutcomeMoment,
    ParticipantStatus,
    Role,
    StatusChange,
)
from duo_desktop.services.reports import Period

from .. import factories as f

D = dt.date
Q1 = Period.quarter(2025, 1, as_of=D(2026, 3, 31))
S = ParticipantStatus


@dataclass
class Programme:
    branch_a: int
    branch_b: int
    c1: int
    c2: int
    people: dict[str, int]
    duos: dict[str, int]


def build(s) -> Programme:  # noqa: ANN001
    a = f.branch(s, code="A", city="Alpha")
    b = f.branch(s, code="B", city="Beta")
    c1, c2 = f.coordinator(s, a), f.coordinator(s, b, first="Dana")
    p: dict[str, int] = {}

    def person(key, br, role=Role.MENTEE, applied=D(2024, 1, 1), coord=c1, **kw):  # noqa: ANN001, ANN202
        x = f.participant(s, br, role=role, first=key, applied_on=applied, coordinator_id=coord.id, **kw)
        p[key] = x.id
        return x

    def status(key, to, on):  # noqa: ANN001, ANN202
        s.add(StatusChange(participant_id=p[key], to_status=to, changed_on=on))

    m1 = person("m1", a, applied=D(2025, 1, 1), gender=Gender.FEMALE, birth=D(2000, 1, 1),
                esf_entry={"labour_status": "long_term_unemployed", "isced": "2", "third_country": "yes",
                           "disability": "refused", "foreign_background": "refused"})
    person("m2", a, applied=D(2024, 12, 31), gender=Gender.MALE, birth=D(1995, 3, 31), nationality="MA",
           non_eu_background=True, education_level="bachelor", employment_office_registered=True, employment_office_since=D(2024, 1, 1))
    person("m3", a, applied=D(2025, 3, 31))
    person("m4", a, applied=D(2024, 10, 1))
    person("m5", a, applied=D(2024, 10, 1))
    person("m6", b, applied=D(2025, 2, 1), coord=c2)
    person("m7", a)
    person("m8", a, esf_entry={"qualification_on": "2025-03-20"})
    for key in ("M1", "M2", "M3"):
        person(key, a, role=Role.MENTOR)
    status("m1", S.INTAKE_DONE, D(2025, 1, 10))
    status("m2", S.INTAKE_DONE, D(2025, 1, 5))
    status("m3", S.INTAKE_DONE, D(2025, 4, 1))  # the day after the quarter
    status("m4", S.INTAKE_DONE, D(2024, 10, 15))
    status("m5", S.INTAKE_DONE, D(2024, 10, 15))
    status("m5", S.WITHDRAWN, D(2025, 2, 1))
    status("m6", S.INTAKE_DONE, D(2025, 2, 10))
    status("M1", S.TRAINED, D(2025, 1, 15))
    status("M2", S.TRAINED, D(2024, 12, 31))
    d: dict[str, int] = {}

    def duo(key, mentor, mentee, proposed, stage, signed=None, ended=None, reason=None, br=a,  # noqa: ANN001, ANN202
            coord=c1):
        x = Duo(branch_id=br.id, mentor_id=p[mentor], mentee_id=p[mentee], coordinator_id=coord.id,
                stage=stage, proposed_on=proposed, agreement_signed_on=signed, ended_on=ended, end_reason=reason)
        s.add(x)
        s.flush()
        d[key] = x.id
        return x

    duo("d1", "M1", "m1", D(2025, 1, 31), DuoStage.ENDED, D(2025, 2, 15), D(2025, 3, 31), EndReason.COMPLETED)
    duo("d2", "M3", "m2", D(2025, 2, 1), DuoStage.ACTIVE, D(2025, 3, 31))
    duo("d6", "M2", "m6", D(2025, 2, 20), DuoStage.REFUSED, br=b, coord=c2)
    duo("d7", "M2", "m7", D(2024, 6, 1), DuoStage.ENDED, D(2024, 7, 1), D(2025, 1, 31), EndReason.MENTEE_STOPPED)
    duo("d8", "M3", "m8", D(2024, 8, 1), DuoStage.ENDED, D(2024, 8, 28), D(2025, 2, 28), EndReason.COMPLETED)
    duo("d9", "M1", "m3", D(2025, 4, 10), DuoStage.AWAITING_AGREEMENT)
    duo("d10", "M3", "m4", D(2025, 6, 1), DuoStage.REFUSED)  # M3's later duo was refused: not "again"

    def outcome(key, kind, moment, started, learnt):  # noqa: ANN001, ANN202
        s.add(Outcome(duo_id=d[key], kind=kind, moment=moment, outcome_date=started, learnt_on=learnt))

    outcome("d1", OutcomeKind.JOB, OutcomeMoment.AT_END, D(2025, 3, 20), D(2025, 3, 31))
    outcome("d7", OutcomeKind.STILL_SEARCHING, OutcomeMoment.AT_END, None, D(2025, 1, 31))
    outcome("d7", OutcomeKind.JOB, OutcomeMoment.AFTER_12_MONTHS, D(2026, 1, 31), D(2026, 2, 2))  # 12 months to the day
    outcome("d8", OutcomeKind.TRAINING, OutcomeMoment.AT_END, D(2025, 2, 28), D(2025, 2, 28))
    outcome("d8", OutcomeKind.JOB, OutcomeMoment.AFTER_12_MONTHS, D(2026, 3, 1), D(2026, 3, 5))  # a day late
    for key, day in (("d1", D(2025, 2, 20)), ("d1", D(2025, 3, 6)), ("d2", D(2025, 4, 1)), ("d7", D(2025, 1, 10)),
                     ("d7", D(2024, 12, 20)), ("d8", D(2025, 1, 15))):
        s.add(Meeting(duo_id=d[key], held_on=day))
    first = Event(branch_id=a.id, kind=EventKind.INFO_SESSION, starts_at=dt.datetime(2025, 1, 1, 9))
    last = Event(branch_id=a.id, kind=EventKind.INFO_SESSION, starts_at=dt.datetime(2025, 3, 31, 18))
    after = Event(branch_id=a.id, kind=EventKind.INFO_SESSION, starts_at=dt.datetime(2025, 4, 1, 0, 0))
    s.add_all([first, last, after])
    s.flush()
    s.add_all([Attendance(event_id=first.id, participant_id=p["m1"], status=AttendanceStatus.ATTENDED),
               Attendance(event_id=first.id, participant_id=p["m2"], status=AttendanceStatus.ABSENT),
               Attendance(event_id=last.id, participant_id=p["m3"], status=AttendanceStatus.ATTENDED),
               Attendance(event_id=last.id, participant_id=p["m1"], status=AttendanceStatus.ATTENDED),
               Attendance(event_id=after.id, participant_id=p["m4"], status=AttendanceStatus.ATTENDED)])
    for key in ("M1", "M2", "M3"):  # mentors applied long ago
        s.get(type(m1), p[key]).applied_on = D(2020, 1, 1)
    s.flush()
    return Programme(a.id, b.id, c1.id, c2.id, p, d)
