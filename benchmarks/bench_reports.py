"""Reports (issue 14): the whole report of a year (every figure with the ids
behind it, the ESF+ indicators, the chart series), as the Reports screen and
``report --json`` compute it, over

- the demo programme of ``ctx.participants`` participants (written by
  bench_00_demo; generated here when run alone), and
- 50,000 duos and 1,000,000 meetings (bench_duos.build).

Baseline (same run, same database): one bare aggregate query over the same
year (``SELECT count(*) FROM duo`` of the duos signed in the year plus
``SELECT count(*) FROM meeting`` of the year's meetings). Target: under 500 ms.
Each is given as wall time and as CPU time of this process
(``time.process_time``: the machine is shared, the wall time also counts
what others run), both medians of the same runs.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from sqlalchemy import func, select

from duo_desktop.models import Duo, Meeting, Participant
from duo_desktop.services.reports import Period, build_report

from .harness import BENCH_TODAY, BenchContext, Figure

TARGET = "< 500 ms"


def _timed(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """(wall seconds, CPU seconds) of ``fn`` over ``repeat`` runs after one warm-up."""
    fn()
    wall, cpu = [], []
    for _ in range(repeat):
        gc.collect()
        c, w = time.process_time(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return wall, cpu


def _measure(url_store, label: str, year: int, repeat: int) -> list[Figure]:  # noqa: ANN001
    period = Period.year(year, as_of=BENCH_TODAY)
    start, end = period.start, period.end

    def report() -> None:
        with url_store.session() as s:
            build_report(s, period, with_ids=False)  # as the screen does: ids on drill-down only

    def bare() -> None:
        with url_store.session() as s:
            s.scalar(select(func.count()).select_from(Duo).where(Duo.agreement_signed_on.between(start, end)))
            s.scalar(select(func.count()).select_from(Meeting).where(Meeting.held_on.between(start, end)))

    samples, samples_cpu = _timed(report, repeat)
    baseline, baseline_cpu = _timed(bare, repeat)
    with url_store.session() as s:
        people = s.scalar(select(func.count()).select_from(Participant))
        duos = s.scalar(select(func.count()).select_from(Duo))
        meetings = s.scalar(select(func.count()).select_from(Meeting))
    note = f"{people:,} participants, {duos:,} duos, {meetings:,} meetings"
    return [Figure(f"report of {year}, {label}", samples, "bare count(*) of the year's duos and meetings", baseline,
                   target=TARGET, note=note),
            Figure(f"report of {year}, {label} (CPU)", samples_cpu, "the same bare count(*) (CPU)", baseline_cpu,
                   target=TARGET, note=note)]


def run(ctx: BenchContext) -> list[Figure]:
    from duo_desktop.services import demo
    from duo_desktop.store import open_store

    from . import bench_duos

    repeat = max(ctx.repeat, 5)
    figures = []
    store = ctx.store()
    try:
        with store.session() as s:
            empty = not s.scalar(select(func.count()).select_from(Participant))
        if empty:
            demo.generate(store.engine, participants=ctx.participants, seed=1, today=BENCH_TODAY)
        figures += _measure(store, "demo programme", BENCH_TODAY.year - 1, repeat)
    finally:
        store.dispose()
    url = f"sqlite:///{ctx.workdir / 'reports-duos.sqlite3'}"
    bench_duos.build(url)
    store = open_store(url)
    try:
        figures += _measure(store, "50,000 duos and 1,000,000 meetings", BENCH_TODAY.year - 1, repeat)
    finally:
        store.dispose()
    return figures


if __name__ == "__main__":  # quick look: python -m benchmarks.bench_reports
    import tempfile
    from pathlib import Path

    from .harness import table

    work = Path(tempfile.mkdtemp(prefix="duo-bench-"))
    print(table(run(BenchContext(f"sqlite:///{work / 'bench.sqlite3'}", 100_000, work, repeat=5))))

