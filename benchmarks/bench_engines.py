"""The same screens' work on PostgreSQL beside SQLite, in the same run: a
demo programme (``BENCH_ENGINES_PARTICIPANTS``, default 5,000 participants)
generated on each engine, then

- participants filter: the ids of everyone whose name holds "ma", mentees in
  waiting first (services.participants.search_ids, as the list does without
  its in-memory index);
- duos screen: the duos in progress with their health (duo_overview.entries);
- today list: every coordinator's alerts (alerts.today_list);
- a proposal: one duo proposed (the board's drop: locks, rules, score),
  rolled back so every sample proposes the same pair.

Figure: PostgreSQL (a throw-away local server, tests/pg.py: loopback TCP,
fsync off); baseline: SQLite (a file, WAL, synchronous=FULL). Skipped, with
a note, where no server can be started.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from duo_desktop.services import alerts, demo, duo_overview
from duo_desktop.services import participants as people
from duo_desktop.services.matching import proposals
from duo_desktop.services.matching.assignment import propose_for_all
from duo_desktop.store import open_store

from .harness import BENCH_TODAY, BenchContext, Figure, timed



def _work(url: str, participants: int, repeat: int) -> tuple[dict[str, list[float]], str]:
    import datetime as dt

    store = open_store(url)
    started = time.perf_counter()
    summary = demo.generate(store.engine, participants=participants, seed=5, today=BENCH_TODAY)
    built = time.perf_counter() - started
    now = dt.datetime.combine(BENCH_TODAY, dt.time(10))
    with store.session() as s:
        pair = None
        for branch in proposals.branches(s):
            drafts = propose_for_all(proposals.board(s, branch.id, BENCH_TODAY)).drafts
            if drafts:
                pair = drafts[0]
                break

    def read(fn: Callable) -> Callable[[], None]:  # noqa: ANN001
        def run() -> None:
            with store.session() as s:
                fn(s)
        return run

    def propose() -> None:
        session = store.session_factory()
        try:
            session.begin()
            proposals.propose_pair(session, pair.mentee_id, pair.mentor_id, now)
        finally:
            session.rollback()
            session.close()

    samples = {
        "participants filter ('ma')": timed(read(lambda s: people.search_ids(s, people.ParticipantFilter(text="ma"))),
                                            repeat),
        "duos screen (in progress, with health)": timed(read(lambda s: duo_overview.entries(
            s, duo_overview.DuoFilter(stages=duo_overview.IN_PROGRESS), BENCH_TODAY)), repeat),
        "today list, all coordinators": timed(read(lambda s: alerts.today_list(s, BENCH_TODAY)), repeat),
    }
    if pair is not None:
        samples["a proposal (rolled back)"] = timed(propose, repeat)
    store.dispose()
    return samples, f"{summary.participants:,} participants, {summary.duos:,} duos (built in {built:.1f} s)"


def run(ctx: BenchContext) -> list[Figure]:
    n = int(os.environ.get("BENCH_ENGINES_PARTICIPANTS", "5000"))
    repeat = max(ctx.repeat, 5)
    sqlite, sqlite_note = _work(f"sqlite:///{ctx.workdir / 'engines.sqlite3'}", n, repeat)
    try:
        from tests.pg import PgServer, PgUnavailable
    except ImportError:
        return []
    server = PgServer()
    try:
        server.start()
        pg, pg_note = _work(server.create_database(), n, repeat)
    except PgUnavailable as exc:
        print(f"engines: PostgreSQL skipped: {exc}", file=sys.stderr)
        return []
    finally:
        server.stop()
    return [Figure(f"{name} on PostgreSQL", pg[name], "the same on SQLite", sqlite[name], latency=True,
                   note=f"PostgreSQL: {pg_note}; SQLite: {sqlite_note}") for name in pg]
