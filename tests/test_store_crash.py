"""A crash while a new database is being created leaves either no database
or a whole one: the next start always opens it (real processes, killed)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from sqlalchemy import text

from duo_desktop.store import open_store
from duo_desktop.store.migrate import HEAD_REVISION, current_revision

CREATE = (
    "import sys\n"
    "from duo_desktop.store import open_store\n"
    "print('ready', flush=True)\n"
    "open_store('sqlite:///' + sys.argv[1]).dispose()\n"
    "print('created', flush=True)\n"
)


def _start_and_kill(path, delay: float) -> str:
    proc = subprocess.Popen([sys.executable, "-c", CREATE, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out = proc.stdout.read()
    proc.wait()
    return "created" if "created" in out else "killed"


def test_a_kill_during_creation_never_leaves_a_database_that_cannot_open(tmp_path):
    rng = random.Random(20261130)
    outcomes = []
    for i in range(10):
        path = tmp_path / f"new-{i}.sqlite3"
        outcomes.append(_start_and_kill(path, rng.uniform(0.0, 0.25)))
        store = open_store(f"sqlite:///{path}", backup_dir=tmp_path / "backups")  # the next start
        try:
            assert current_revision(store.engine) == HEAD_REVISION
            with store.transaction() as s:
                s.execute(text("INSERT INTO branch (code, name, city, country, employment_office, address, phone,"
                               " email, default_language, mentee_min_age, mentee_max_age, mentor_min_age,"
                               " require_non_eu_background, require_work_permit, require_employment_office,"
                               " min_weekly_hours, duo_months, max_mentees_per_mentor, matching_weights, settings,"
                               " created_at, updated_at) VALUES ('GNT', 'Gent', 'Gent', 'BE', 'VDAB', '', '', '',"
                               " 'nl', 18, 30, 50, 1, 1, 1, 2, 6, 1, '{}', '{}', '2026-01-01', '2026-01-01')"))
        finally:
            store.dispose()
        assert not list(tmp_path.glob(f"new-{i}.sqlite3.creating-*"))  # no leftovers after the next start
    assert "killed" in outcomes  # the kills really landed during the work


def test_a_database_whose_creation_an_older_version_left_unstamped_is_created_again(tmp_path):
    from duo_desktop.models import Base
    from duo_desktop.store import make_engine

    path = tmp_path / "half.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)  # tables, no schema version: what a kill used to leave
    engine.dispose()
    store = open_store(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    assert current_revision(store.engine) == HEAD_REVISION
    store.dispose()
    assert len(list((tmp_path / "backups").glob("*incomplete*"))) == 1  # kept aside, not destroyed


def test_a_new_database_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "own.sqlite3"
    open_store(f"sqlite:///{path}").dispose()
    assert path.stat().st_mode & 0o077 == 0


def test_kills_during_writes_demo_import_and_backup_lose_no_confirmed_write(tmp_path):
    """A few dozen of the benchmark's kills (benchmarks/bench_crash.py runs 500):
    first start, service writes, `demo` on a new file, an import, a backup."""
    from duo_desktop.tools.crash import SCENARIOS, crash

    result = crash(kills=25, seed=20261130, workdir=tmp_path)
    assert result["failure_list"] == [] and result["lost"] == 0
    assert set(result["per_scenario"]) == set(SCENARIOS)
    assert result["per_scenario"]["writes"]["confirmed"] > 0  # the kills landed after real writes
    assert result["per_scenario"]["backup"]["confirmed"] > 0
