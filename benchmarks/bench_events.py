"""Events at the scale of the whole programme: 17 branches with 13 years of
information sessions, trainings and intervisions (about 650 events and
16,000 attendance lines per branch). Built here with bulk inserts so that it
does not depend on the demo data.

Figures (each with a baseline measured in the same run):
- the events list of one branch with its counts vs reading the same events
  without counts;
- the attendance list of one event vs reading its attendance rows bare;
- the intervisions per mentor of one branch vs counting its mentors;
- ticking one attendance (one transaction, with the pipeline effect) vs one
  bare UPDATE in a transaction.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from sqlalchemy import func, insert, select, update

from duo_desktop.models import (
    Attendance,
    AttendanceStatus,
    Branch,
    Event,
    EventKind,
    Participant,
    ParticipantStatus,
    Role,
)
from duo_desktop.services import attendance as att
from duo_desktop.services import events as ev
from duo_desktop.store import open_store

from .harness import BENCH_TODAY, BenchContext, Figure, timed

BRANCHES = 17
PEOPLE_PER_BRANCH = 2_000
EVENTS_PER_BRANCH = 650
BIG_EVENT = 60


def _build(url: str) -> dict:
    rng = random.Random(7)
    store = open_store(url)
    with store.transaction() as s:
        s.execute(insert(Branch), [dict(code=f"B{i:02}", name=f"Branch {i:02}", city=f"City {i}", country="BE",
                                        employment_office="actiris") for i in range(BRANCHES)])
        branch_ids = list(s.scalars(select(Branch.id).order_by(Branch.id)))
        people = []
        statuses = [ParticipantStatus.READY_TO_MATCH, ParticipantStatus.IN_DUO, ParticipantStatus.ALUMNI,
                    ParticipantStatus.APPLICANT, ParticipantStatus.INTAKE_DONE]
        for b in branch_ids:
            for n in range(PEOPLE_PER_BRANCH):
                role = Role.MENTOR if n % 2 else Role.MENTEE
                people.append(dict(branch_id=b, role=role, status=rng.choice(statuses), first_name=f"P{n}",
                                   last_name=f"Name{n:05}", search_name=f"p{n} name{n:05}",
                                   applied_on=BENCH_TODAY - dt.timedelta(days=rng.randrange(3000))))
        s.execute(insert(Participant), people)
        by_branch: dict[int, list[tuple[int, Role]]] = {}
        for pid, b, role in s.execute(select(Participant.id, Participant.branch_id, Participant.role)):
            by_branch.setdefault(b, []).append((pid, role))
        events = []
        for b in branch_ids:
            for n in range(EVENTS_PER_BRANCH):
                kind = (EventKind.INFO_SESSION, EventKind.TRAINING, EventKind.INTERVISION)[n % 3]
                start = dt.datetime.combine(BENCH_TODAY, dt.time(18)) - dt.timedelta(days=7 * n - 60)
                events.append(dict(branch_id=b, kind=kind, title=f"Event {n}", starts_at=start,
                                   ends_at=start + dt.timedelta(hours=2), place="Room", capacity=40, notes=""))
        s.execute(insert(Event), events)
        lines = []
        for eid, b, kind in s.execute(select(Event.id, Event.branch_id, Event.kind)):
            pool = [p for p, role in by_branch[b] if kind is EventKind.INFO_SESSION or role is Role.MENTOR]
            for pid in rng.sample(pool, 25):
                lines.append(dict(event_id=eid, participant_id=pid,
                                  status=rng.choice([AttendanceStatus.ATTENDED, AttendanceStatus.ATTENDED,
                                                     AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED])))
        s.execute(insert(Attendance), lines)
        branch = branch_ids[BRANCHES // 2]
        # one information session today, with BIG_EVENT applicants registered, to tick
        start = dt.datetime.combine(BENCH_TODAY, dt.time(9))
        big = s.execute(insert(Event).values(branch_id=branch, kind=EventKind.INFO_SESSION, title="Big",
                                             starts_at=start, ends_at=start + dt.timedelta(hours=2), place="",
                                             notes="", capacity=None)).inserted_primary_key[0]
        s.execute(insert(Participant), [dict(branch_id=branch, role=Role.MENTEE, status=ParticipantStatus.APPLICANT,
                                             first_name=f"T{n}", last_name=f"Tick{n:03}", search_name=f"t{n}")
                                        for n in range(BIG_EVENT * 20)])
        tick = list(s.scalars(select(Participant.id).where(Participant.first_name.like("T%"))))
        s.execute(insert(Attendance), [dict(event_id=big, participant_id=p, status=AttendanceStatus.REGISTERED)
                                       for p in tick])
    return {"store": store, "branch": branch, "big": big, "tick": tick}


def run(ctx: BenchContext) -> list[Figure]:
    data = _build(f"sqlite:///{ctx.workdir / 'bench-events.sqlite3'}")
    store, branch, big = data["store"], data["branch"], data["big"]
    now = dt.datetime.combine(BENCH_TODAY, dt.time(20))
    repeat = max(ctx.repeat, 5) * 4
    figures = []

    def listing() -> None:
        with store.session() as s:
            rows = ev.list_events(s, now, branch_id=branch)
        assert len(rows) == EVENTS_PER_BRANCH + 1

    def bare_listing() -> None:
        with store.session() as s:
            list(s.execute(select(Event).where(Event.branch_id == branch).order_by(Event.starts_at.desc())))

    figures.append(Figure("events: list of one branch with counts (651 events)", timed(listing, repeat),
                          "same events without counts", timed(bare_listing, repeat), latency=True))

    def attendance_list() -> None:
        with store.session() as s:
            att.attendance_list(s, big)

    def bare_attendance() -> None:
        with store.session() as s:
            list(s.execute(select(Attendance.participant_id, Attendance.status).where(Attendance.event_id == big)))

    figures.append(Figure(f"events: attendance list of one event ({BIG_EVENT * 20} people)",
                          timed(attendance_list, repeat), "its attendance rows, bare", timed(bare_attendance, repeat),
                          latency=True))

    def intervisions() -> None:
        with store.session() as s:
            att.intervision_counts(s, branch)

    def count_mentors() -> None:
        with store.session() as s:
            s.scalar(select(func.count()).select_from(Participant).where(Participant.branch_id == branch,
                                                                          Participant.role == Role.MENTOR))

    figures.append(Figure("events: intervisions per mentor of one branch", timed(intervisions, repeat),
                          "counting the branch's mentors", timed(count_mentors, repeat), latency=True))

    people = iter(data["tick"])
    bare_people = itertools.cycle(data["tick"])

    def tick() -> None:
        with store.transaction() as s:
            att.set_attendance(s, big, next(people), AttendanceStatus.ATTENDED, now)

    def bare_tick() -> None:
        with store.transaction() as s:
            s.execute(update(Attendance).where(Attendance.event_id == big,
                                               Attendance.participant_id == next(bare_people))
                      .values(status=AttendanceStatus.REGISTERED))

    figures.append(Figure("events: tick one attendance (transaction + status change)", timed(tick, repeat),
                          "one bare UPDATE in a transaction", timed(bare_tick, repeat), latency=True,
                          target="p95 < 100 ms (a tick feels instant)"))
    store.dispose()
    return figures
