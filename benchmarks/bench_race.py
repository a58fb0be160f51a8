"""Coordinators at the same instant: 4 processes x 500 transactions proposing
and taking back duos from the same small pool (duo_desktop/tools/race.py), on
SQLite and on a throw-away PostgreSQL server (tests/pg.py; skipped with a
note when none can be started).

Figure: seconds per transaction with 4 processes competing; baseline: the
same transactions run by one process alone. The note gives the race's
figures: runs, saved, withdrawn, refusals, errors, violations (must be 0).
``BENCH_RACE_TRANSACTIONS`` changes the 500.
"""

from __future__ import annotations

import os
import sys

from duo_desktop.tools.race import race

from .harness import BenchContext, Figure

PROCESSES = 4


def _figure(engine: str, url_for) -> Figure:  # noqa: ANN001
    n = int(os.environ.get("BENCH_RACE_TRANSACTIONS", "500"))
    together = race(url_for("together"), processes=PROCESSES, transactions=n, seed=11, timeout=3600)
    alone = race(url_for("alone"), processes=1, transactions=n, seed=11, timeout=3600)
    note = (f"{together['runs']} runs, {together['saved']} saved, {together['withdrawn']} withdrawn, "
            f"{together['refusals']} refusals, {together['errors']} errors {together['error_kinds']}, {together['violations']} violations "
            f"({together['violation_kinds']}), {together['seconds']} s in all")
    print(f"race {engine}: {note}", file=sys.stderr)
    return Figure(f"race {engine}: {PROCESSES} processes x {n} proposals, per transaction",
                  [together["seconds"] / together["runs"]], "one process alone",
                  [alone["seconds"] / alone["runs"]], note=note)


def run(ctx: BenchContext) -> list[Figure]:
    figures = [_figure("SQLite", lambda name: f"sqlite:///{ctx.workdir / f'race-{name}.sqlite3'}")]
    try:
        from tests.pg import PgServer, PgUnavailable
    except ImportError:
        return figures
    server = PgServer()
    try:
        server.start()
        figures.append(_figure("PostgreSQL", lambda _name: server.create_database()))
    except PgUnavailable as exc:
        print(f"race PostgreSQL skipped: {exc}", file=sys.stderr)
    finally:
        server.stop()
    return figures
