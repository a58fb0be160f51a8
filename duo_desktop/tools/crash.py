"""Crash simulation: real processes doing real writes, SIGKILLed at random
moments, then the next start checked (issue 11's crash test, after SQLite's
own crash tests).

    python -m duo_desktop.tools.crash --kills 500 [--seed 1] [--workdir DIR]

Each run starts a child process, waits until it has imported everything
(``ready``), lets it work for a random time and kills it (SIGKILL: no
clean-up, no atexit). The child is one of five scenarios, in turn:

- ``first-start``: opens a new file (creation and schema stamp), then writes;
- ``writes``: service writes (``intake.save_draft``, one transaction each)
  on the same database run after run, each printed once committed;
- ``demo``: the ``demo`` command on a new file;
- ``import``: the ``import participants`` command, 150 synthetic rows;
- ``backup``: writes with a backup (``maintenance.backup_now``) after each
  few, each backup printed once it is in place.

After each kill the parent starts as the app does (``open_store`` with its
quick_check, creation or migration) and checks: the database opens, passes
``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``, and holds every
write the child confirmed (each draft printed, the demo's participants when
the command finished, every imported row when the import said so, every
backup printed still opens and passes its own integrity_check). Returns and
prints (JSON) ``runs``, ``failures`` (a description of each), ``confirmed``
(writes confirmed before a kill) and ``lost`` (confirmed writes missing),
``per_scenario`` and ``seconds``. Synthetic data only.

Used by tests/test_store_crash.py (a few dozen kills) and by the benchmark
(benchmarks/bench_crash.py, at least 500)."""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..store import crypto

SCENARIOS = ("first-start", "writes", "demo", "import", "backup")
BRANCH = "CRSH"
TODAY = "2026-03-16"
IMPORT_ROWS = 150

# Each child prints "ready" once imported, then one line per confirmed write.
CHILD_WRITES = """
import datetime as dt, sys
from duo_desktop.services import intake
from duo_desktop.services.clock import FixedClock
from duo_desktop.store import open_store
from duo_desktop.store import maintenance
url, tag, backups = sys.argv[1], sys.argv[2], sys.argv[3]
clock = FixedClock(dt.datetime(2026, 3, 16, 10))
from sqlalchemy.orm import configure_mappers
configure_mappers()  # the first ORM use costs ~0.5 s: before the clock of the kill starts
print("ready", flush=True)
store = open_store(url, backup_dir=backups if backups != "-" else None)
print("opened", flush=True)
n = 0
while True:
    n += 1
    marker = f"{tag}-{n}"
    with store.transaction() as s:
        draft = intake.save_draft(s, clock, {"first_name": marker, "last_name": "Crash"})
    print("draft", draft, marker, flush=True)
    if backups != "-" and n % 5 == 0:
        made = maintenance.backup_now(store, __import__("pathlib").Path(backups),
                                      dt.datetime(2026, 3, 16, 10) + dt.timedelta(seconds=n))
        print("backup", made, flush=True)
"""

CHILD_COMMAND = """
import sys
from duo_desktop.__main__ import main
print("ready", flush=True)
code = main(sys.argv[1:])
print("exit", code, flush=True)
"""


@dataclass
class Tally:
    runs: int = 0
    confirmed: int = 0
    lost: int = 0
    failures: list[str] = field(default_factory=list)
    per_scenario: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, scenario: str, key: str, n: int = 1) -> None:
        row = self.per_scenario.setdefault(scenario, {"runs": 0, "confirmed": 0, "lost": 0, "failures": 0})
        row[key] += n


def _child(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)


def _run_and_kill(proc: subprocess.Popen, delay: float, after: str = "ready") -> list[str]:
    """Lines the child printed before it was killed ``delay`` seconds after
    it printed ``after`` (or before it ended by itself)."""
    seen = []
    for line in proc.stdout:
        seen.append(line.strip())
        if line.strip() == after:
            break
    if "ready" not in seen:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"the child did not start: {seen[:3]!r}")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out = proc.stdout.read()
    proc.stdout.close()
    proc.wait()
    lines = out.splitlines()
    if out and not out.endswith("\n"):
        lines = lines[:-1]  # cut by the kill while being written: not a confirmation
    return seen + [line for line in lines if line.strip()]


def database_problems(path: Path) -> list[str]:
    """integrity_check and foreign_key_check of a SQLite file: [] when sound."""
    connection = crypto.connect(path, None)  # the app's own SQLite (store/crypto.driver)
    try:
        integrity = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        keys = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    problems = [] if integrity == ["ok"] else [f"integrity_check: {integrity[:3]}"]
    if keys:
        problems.append(f"foreign_key_check: {len(keys)} rows, first {keys[0]}")
    return problems


def _next_start(path: Path, backups: Path) -> list[str]:
    """Start as the app does, then check the file; [] when all is well."""
    from ..store import open_store

    try:
        store = open_store(f"sqlite:///{path}", backup_dir=backups)
    except Exception as exc:  # noqa: BLE001  (a failure to report, whatever it is)
        return [f"does not open: {type(exc).__name__}: {exc}"]
    store.dispose()
    return database_problems(path)


def _missing_drafts(path: Path, lines: list[str]) -> tuple[int, int]:
    """(confirmed, lost) drafts of the lines ``draft ID MARKER``."""
    confirmed = [line.split()[1:3] for line in lines if line.startswith("draft ")]
    if not confirmed:
        return 0, 0
    connection = crypto.connect(path, None)  # the app's own SQLite (store/crypto.driver)
    try:
        rows = dict(connection.execute("SELECT id, data FROM intake_draft"))
    finally:
        connection.close()
    lost = sum(1 for draft_id, marker in confirmed
               if marker not in json.loads(rows.get(int(draft_id), "{}")).get("first_name", ""))
    return len(confirmed), lost


def _participants(path: Path, where: str = "", args: tuple = ()) -> int:
    connection = crypto.connect(path, None)  # the app's own SQLite (store/crypto.driver)
    try:
        return connection.execute(f"SELECT count(*) FROM participant {where}", args).fetchone()[0]
    finally:
        connection.close()


def _import_file(folder: Path, tag: str) -> Path:
    path = folder / f"applications-{tag}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["Prénom", "Nom", "Rôle", "Date de naissance", "Courriel", "Code postal", "Langues", "Secteurs"])
        for k in range(IMPORT_ROWS):
            mentor = k % 3 == 0
            out.writerow([f"Imp{k}", f"Crash{tag}", "mentor" if mentor else "mentoré",
                          "12/05/1960" if mentor else "23/04/2001", f"imp{k}.{tag}@example.org", "1050",
                          "fr:native", "logistics"])
    return path


def _prepare_branch(path: Path) -> None:
    from ..models import Branch
    from ..store import open_store

    store = open_store(f"sqlite:///{path}")
    try:
        with store.transaction() as s:
            s.add(Branch(code=BRANCH, name="DUO crash", city="Bruxelles", country="BE", employment_office="actiris"))
    finally:
        store.dispose()


def one_run(scenario: str, n: int, work: Path, rng: random.Random, tally: Tally) -> None:
    """One child, one kill, one check; adds to ``tally``."""
    backups = work / "backups"
    shared = work / "shared.sqlite3"
    tag = f"r{n}"
    if scenario == "first-start":
        path = work / f"new-{n}.sqlite3"
        lines = _run_and_kill(_child(CHILD_WRITES, f"sqlite:///{path}", tag, "-"), rng.uniform(0.0, 0.5))
    elif scenario in ("writes", "backup"):
        path = shared
        lines = _run_and_kill(_child(CHILD_WRITES, f"sqlite:///{path}", tag,
                                     str(backups) if scenario == "backup" else "-"), rng.uniform(0.0, 1.0), "opened")
    elif scenario == "demo":
        path = work / f"demo-{n}.sqlite3"
        lines = _run_and_kill(_child(CHILD_COMMAND, "--database", str(path), "--lang", "en", "demo",
                                     "--participants", "120", "--today", TODAY, "--quiet"), rng.uniform(0.0, 3.0))
    elif scenario == "import":
        path = work / "import.sqlite3"
        if not path.exists():
            _prepare_branch(path)
        source = _import_file(work, tag)
        lines = _run_and_kill(_child(CHILD_COMMAND, "--database", str(path), "--lang", "en", "import",
                                     "participants", str(source), "--branch", BRANCH), rng.uniform(0.0, 2.0))
    else:
        raise ValueError(scenario)
    tally.runs += 1
    tally.count(scenario, "runs")
    if not path.exists() and scenario in ("first-start", "demo"):
        problems = []  # killed before the file was made: the next start creates it
        confirmed = lost = 0
    else:
        problems = _next_start(path, backups)
        confirmed, lost = (0, 0) if problems else _missing_drafts(path, lines)
    if not problems and scenario == "demo" and "exit 0" in lines:
        confirmed += 1
        lost += _participants(path) == 0
    if not problems and scenario == "import" and "exit 0" in lines:
        confirmed += IMPORT_ROWS
        lost += IMPORT_ROWS - _participants(path, "WHERE last_name = ?", (f"Crash{tag}",))
    if scenario == "backup":
        for line in lines:
            if line.startswith("backup ") and line.split(" ", 1)[1] != "None":
                made = Path(line.split(" ", 1)[1])
                confirmed += 1
                if not made.exists():
                    lost += 1
                    continue
                problems += [f"backup {made.name}: {p}" for p in database_problems(made)]
    tally.confirmed += confirmed
    tally.lost += lost
    tally.count(scenario, "confirmed", confirmed)
    tally.count(scenario, "lost", lost)
    if problems or lost:
        tally.failures.append(f"run {n} ({scenario}): {'; '.join(problems) or f'{lost} confirmed writes lost'}")
        tally.count(scenario, "failures")
    if scenario in ("first-start", "demo") and path.exists():
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()


def crash(kills: int, seed: int = 1, workdir: Path | None = None, scenarios=SCENARIOS,  # noqa: ANN001
          progress=None) -> dict:  # noqa: ANN001
    """Run ``kills`` runs cycling through ``scenarios``; returns the figures.
    ``progress(tally)``, when given, is called after each run."""
    rng = random.Random(seed)
    own = workdir is None
    work = Path(tempfile.mkdtemp(prefix="duo-crash-")) if own else workdir
    work.mkdir(parents=True, exist_ok=True)  # a benchmark names a folder still to make
    tally = Tally()
    began = time.monotonic()
    try:
        for n in range(kills):
            one_run(scenarios[n % len(scenarios)], n, work, rng, tally)
            if progress is not None:
                progress(tally)
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)
    return {"runs": tally.runs, "failures": len(tally.failures), "failure_list": tally.failures[:20],
            "confirmed": tally.confirmed, "lost": tally.lost, "per_scenario": tally.per_scenario,
            "seconds": round(time.monotonic() - began, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m duo_desktop.tools.crash", description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--scenario", action="append", choices=SCENARIOS)
    args = parser.parse_args(argv)
    def progress(tally: Tally) -> None:
        print(f"{tally.runs} runs, {len(tally.failures)} failures, {tally.confirmed} confirmed, {tally.lost} lost",
              file=sys.stderr, flush=True)

    result = crash(args.kills, args.seed, args.workdir, tuple(args.scenario or SCENARIOS), progress)
    print(json.dumps(result, indent=2))
    return 0 if not result["failures"] and not result["lost"] else 1


if __name__ == "__main__":
    sys.exit(main())
