"""Crash simulation (issue 11): at least 500 SIGKILLs of real processes during
the first start on a new file, service writes, `demo` on a new file, an import
and a backup (duo_desktop/tools/crash.py); after each kill the database must
open, pass integrity_check and foreign_key_check, and hold every confirmed write.

Figure: seconds per run (start a child, kill it, start again and check);
baseline: starting a child that prints and exits, the fixed cost of a run. The
note gives runs, failures, confirmed writes and confirmed writes lost (both
must be 0). ``BENCH_CRASH_KILLS`` changes the 500.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from duo_desktop.tools.crash import crash

from .harness import BenchContext, Figure


def run(ctx: BenchContext) -> list[Figure]:
    kills = int(os.environ.get("BENCH_CRASH_KILLS", "500"))
    result = crash(kills, seed=1, workdir=ctx.workdir / "crash")
    bare = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import duo_desktop.store"], check=True)
        bare.append(time.perf_counter() - start)
    per = ", ".join(f"{name} {row['runs']} runs/{row['confirmed']} confirmed/{row['lost']} lost"
                    for name, row in result["per_scenario"].items())
    note = (f"{result['runs']} runs, {result['failures']} failures, {result['confirmed']} confirmed writes, "
            f"{result['lost']} lost ({per}); {result['seconds']} s in all")
    print(f"crash: {note}", file=sys.stderr)
    for failure in result["failure_list"]:
        print(f"crash failure: {failure}", file=sys.stderr)
    return [Figure(f"crash simulation: {kills} SIGKILLs, per run", [result["seconds"] / max(result["runs"], 1)],
                   "a child that imports the store and exits", bare, target="0 failures, 0 lost", note=note)]
