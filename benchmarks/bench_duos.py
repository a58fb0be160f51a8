"""Duo follow-up at scale: 50,000 duos (eight years of a large programme) and
1,000,000 meetings, plus check-ins, evaluations and outcomes, built in the
bench folder with Core bulk inserts. Measured:

- opening the duos screen: the overview query (aggregates in SQL over the
  duos followed), the today list, the item model and its first visible block
  of rows (names fetched lazily), exactly as DuosScreen.refresh() does;
- computing the "today" list for all coordinators and for one.

Baseline (same run): reading the same followed duo rows without any
aggregation (plain SELECT of the duo columns), and a bare
``SELECT count(*) FROM meeting``. Target: under 300 ms.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from sqlalchemy import func, insert, select, text

from duo_desktop.models import (
    Branch,
    CheckIn,
    Coordinator,
    Duo,
    Evaluation,
    Meeting,
    Outcome,
    Participant,
)
from duo_desktop.services import alerts
from duo_desktop.services.clock import FixedClock
from duo_desktop.store import open_store

from .harness import BENCH_TODAY, BenchContext, Figure, timed

DUOS = 50_000
MEETINGS = 1_000_000
VISIBLE_ROWS = 40


def _chunks(rows: list[dict], size: int = 20_000):  # noqa: ANN202
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def build(url: str, duos: int = DUOS, meetings_target: int = MEETINGS, seed: int = 7) -> dict[str, int]:
    """Fill a fresh database; returns the counts."""
    rnd = random.Random(seed)
    store = open_store(url)
    today = BENCH_TODAY
    first_day = today - dt.timedelta(days=8 * 365)
    with store.engine.begin() as conn:
        conn.execute(insert(Branch), [dict(code=f"B{i}", name=f"DUO for a JOB {city}", city=city, country="BE",
                                           employment_office="actiris")
                                      for i, city in enumerate(("Bruxelles", "Antwerpen", "Gent", "Liège",
                                                                "Mechelen", "Paris"), start=1)])
        conn.execute(insert(Coordinator), [dict(branch_id=1 + i % 6, first_name=f"Coord{i}", last_name="Test")
                                           for i in range(60)])
        people = []
        for i in range(duos):
            b = 1 + i % 6
            people.append(dict(branch_id=b, role="mentee", status="in_duo", first_name=f"Mentee{i}",
                               last_name="Test", search_name=f"mentee{i} test"))
        for i in range(duos // 3):
            people.append(dict(branch_id=1 + i % 6, role="mentor", status="in_duo", first_name=f"Mentor{i}",
                               last_name="Test", search_name=f"mentor{i} test"))
        for chunk in _chunks(people):
            conn.execute(insert(Participant), chunk)
        mentors = duos // 3
        span = (today - first_day).days
        duo_rows, meeting_rows, check_rows, eval_rows, outcome_rows = [], [], [], [], []
        slots: list[tuple[int, dt.date]] = []  # every week a duo could have met; MEETINGS are drawn from them
        for i in range(duos):
            did = i + 1
            b = 1 + i % 6
            proposed = first_day + dt.timedelta(days=int(span * i / duos))
            row = dict(id=did, branch_id=b, mentee_id=i + 1, mentor_id=duos + 1 + (i % mentors),
                       coordinator_id=1 + (i % 10) * 6 + (b - 1), proposed_on=proposed, stage="proposed")
            r = rnd.random()
            decided = proposed + dt.timedelta(days=10)
            signed = proposed + dt.timedelta(days=21)
            if r < 0.1 and decided <= today:
                row.update(stage="refused" if r < 0.05 else "cancelled", mentor_decided_on=decided)
            elif decided > today:
                row.update(stage="first_meeting_planned")
            elif signed > today:
                row.update(stage="awaiting_agreement", mentor_decision="accepted", mentee_decision="accepted",
                           mentor_decided_on=decided, mentee_decided_on=decided)
            else:
                end = signed + dt.timedelta(days=183)
                row.update(mentor_decision="accepted", mentee_decision="accepted", mentor_decided_on=decided,
                           mentee_decided_on=decided, agreement_signed_on=signed, agreement_language="fr",
                           planned_end_on=end)
                if end <= today:
                    ended = end if rnd.random() < 0.8 else signed + dt.timedelta(days=rnd.randint(30, 180))
                    row.update(stage="ended", ended_on=ended, end_reason="completed")
                    last = ended
                    if rnd.random() < 0.9:
                        eval_rows.append(dict(duo_id=did, respondent="mentee", completed_on=ended,
                                              objectives_reached="yes", satisfaction=4))
                        eval_rows.append(dict(duo_id=did, respondent="mentor", completed_on=ended,
                                              objectives_reached="yes", satisfaction=4, wants_new_duo=True))
                    for moment, months, share in (("at_end", 0, 0.8), ("after_3_months", 3, 0.6),
                                                  ("after_12_months", 12, 0.4)):
                        learnt = ended + dt.timedelta(days=30 * months)
                        if learnt <= today and rnd.random() < share:
                            outcome_rows.append(dict(duo_id=did, kind="job", contract_type="fixed_term",
                                                     moment=moment, learnt_on=learnt))
                else:
                    row.update(stage="active")
                    last = today
                day = signed + dt.timedelta(days=rnd.randint(1, 6))
                while day <= last:
                    slots.append((did, day))
                    day += dt.timedelta(days=7)
                day = signed + dt.timedelta(days=14)
                while day <= last:
                    check_rows.append(dict(duo_id=did, coordinator_id=row["coordinator_id"], held_on=day,
                                           with_whom="both", channel="phone", rating=4))
                    day += dt.timedelta(days=rnd.randint(20, 45))
            duo_rows.append(row)
        for did, day in sorted(rnd.sample(slots, min(meetings_target, len(slots)))):
            meeting_rows.append(dict(duo_id=did, held_on=day, duration_minutes=120, channel="in_person",
                                     topics=["cv"], note=""))
        defaults = dict(mentor_decision="pending", mentee_decision="pending", mentor_decided_on=None,
                        mentee_decided_on=None, agreement_signed_on=None, agreement_language="",
                        planned_end_on=None, ended_on=None, end_reason=None)
        for chunk in _chunks([{**defaults, **d} for d in duo_rows]):
            conn.execute(insert(Duo), chunk)
        for table, rows in ((Meeting, meeting_rows), (CheckIn, check_rows), (Evaluation, eval_rows),
                            (Outcome, outcome_rows)):
            for chunk in _chunks(rows, 50_000):
                conn.execute(insert(table), chunk)
    with store.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    counts = {"duos": len(duo_rows), "meetings": len(meeting_rows), "check_ins": len(check_rows)}
    store.dispose()
    return counts


def run(ctx: BenchContext) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    from duo_desktop.views.context import AppContext
    from duo_desktop.views.duos_screen import DuosScreen

    url = f"sqlite:///{ctx.workdir / 'duos.sqlite3'}"
    started = time.perf_counter()
    counts = build(url)
    built_in = time.perf_counter() - started
    store = open_store(url)
    app = QApplication.instance() or QApplication([])
    context = AppContext(store=store, clock=FixedClock.on(BENCH_TODAY))
    screen = DuosScreen(context)
    screen.resize(1280, 800)
    repeat = max(ctx.repeat, 10)

    def open_screen() -> None:
        screen.refresh()
        model = screen.model
        for row in range(min(VISIBLE_ROWS, model.rowCount())):
            for col in range(model.columnCount()):
                model.index(row, col).data()

    def today_all() -> None:
        with store.session() as session:
            alerts.today_list(session, BENCH_TODAY)

    def today_one() -> None:
        with store.session() as session:
            alerts.today_list(session, BENCH_TODAY, coordinator_id=1)

    def plain_rows() -> None:
        with store.session() as session:
            session.execute(select(Duo.id, Duo.stage, Duo.coordinator_id, Duo.branch_id, Duo.agreement_signed_on,
                                   Duo.planned_end_on, Duo.ended_on, Duo.mentor_decided_on, Duo.mentee_decided_on)
                            .where(alerts.followed_condition(BENCH_TODAY))).all()

    def count_meetings() -> None:
        with store.session() as session:
            session.scalar(select(func.count()).select_from(Meeting))

    baseline = timed(plain_rows, repeat)
    count_baseline = timed(count_meetings, repeat)
    with store.session() as session:
        followed = len(alerts.load_facts(session, BENCH_TODAY))
        alerts_today = sum(len(g.items) for g in alerts.today_list(session, BENCH_TODAY))
    screen_samples = timed(open_screen, repeat)
    note = (f"{counts['duos']:,} duos, {counts['meetings']:,} meetings, {counts['check_ins']:,} check-ins "
            f"(built in {built_in:.1f} s); {followed:,} duos followed (open or ended < 15 months); "
            f"{screen.model.rowCount():,} active duos listed; {alerts_today:,} alerts today")
    figures = [
        Figure("duos screen opens (rows + today list + first block)", screen_samples,
               "same duo rows, no aggregation", baseline, latency=True, target="< 300 ms", note=note),
        Figure("today list, all coordinators", timed(today_all, repeat), "same duo rows, no aggregation", baseline,
               latency=True, target="< 300 ms"),
        Figure("today list, one coordinator", timed(today_one, repeat), "SELECT count(*) FROM meeting",
               count_baseline, latency=True, target="< 300 ms"),
    ]
    screen.deleteLater()
    app.processEvents()
    store.dispose()
    for suffix in ("", "-wal", "-shm"):  # 100+ MB of synthetic data: not left behind
        (ctx.workdir / f"duos.sqlite3{suffix}").unlink(missing_ok=True)
    return figures
