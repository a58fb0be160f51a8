"""Demo data: the time to write the demo programme of ``ctx.participants``
participants into ``ctx.database_url`` (the later benchmarks use it), against
a raw executemany of as many bare participant rows into a fresh file with
the same pragmas, through the app's SQLite (store/crypto.driver), measured
in the same run."""

from __future__ import annotations

import time
from pathlib import Path

from duo_desktop.services import demo
from duo_desktop.store import crypto

from .harness import BENCH_TODAY, BenchContext, Figure, timed


def _baseline(path: Path, participants: int) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    connection = crypto.connect(path, None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("CREATE TABLE participant (id INTEGER PRIMARY KEY, branch_id INTEGER, role TEXT, status TEXT, "
                       "first_name TEXT, last_name TEXT, search_name TEXT, birth_date TEXT)")
    rows = [(i, 1 + i % 6, "mentee" if i % 4 else "mentor", "applicant", f"First{i}", f"Last{i}", f"first{i} last{i}",
             "2000-01-01") for i in range(1, participants + 1)]
    with connection:
        connection.executemany("INSERT INTO participant VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    connection.close()


def run(ctx: BenchContext) -> list[Figure]:
    store = ctx.store()
    try:
        cpu, start = time.process_time(), time.perf_counter()
        summary = demo.generate(store.engine, participants=ctx.participants, seed=1, today=BENCH_TODAY)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        store.dispose()
    ctx.extra["demo"] = summary.as_dict()
    rows = summary.rows
    baseline = timed(lambda: _baseline(ctx.workdir / "baseline.sqlite3", ctx.participants), repeat=ctx.repeat)
    return [Figure(
        name=f"demo data, {ctx.participants:,} participants",
        samples=[wall],
        baseline_name="sqlite3 executemany of bare participant rows",
        baseline_samples=baseline,
        target="< 60 s for 100,000",
        note=f"one run (it fills the benchmark database); {rows:,} rows in all "
             f"({summary.duos:,} duos, {summary.meetings:,} meetings); CPU time {cpu:.1f} s",
    )]
