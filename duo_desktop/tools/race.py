"""Several coordinators proposing duos from the same pool at the same time.

    python -m duo_desktop.tools.race --database URL [--processes 4] [--transactions 500] [--seed 1]

Builds a small synthetic pool in the database (one branch, 12 mentees, 6
mentors of capacity 1 or 2; the database must hold no branch "RACE" yet),
then starts ``processes`` processes that each run ``transactions``
transactions through the services, as the matching board does: six times in
ten propose a pair (``proposals.propose_pair``), otherwise take back a random
proposal (``proposals.withdraw_proposal``). Every process starts at the same
instant, and the processes aim at the same mentee or the same mentor in the
same round (see ``worker``), so they really collide. Prints (JSON) and returns the figures:

- ``runs``: transactions run; ``saved``/``withdrawn``: those that changed data;
- ``refusals``: refused by a rule (a RuleError or NotFound: the place was
  taken, the proposal already withdrawn...);
- ``errors``: anything else (a lock timeout, a deadlock); expected 0;
- ``violations``: mentees in more than one open duo, mentors over their
  capacity, and duos lost or left behind (``saved - withdrawn`` must equal the
  duos in the database); expected 0;
- ``seconds``: wall time of the whole race.

Synthetic data only. Used by tests/test_concurrency.py (small N) and by the
benchmark (N = 500).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
from collections.abc import Sequence

from sqlalchemy import func, select

BRANCH = "RACE"
MENTEES, MENTORS = 12, 6
PROPOSE_SHARE = 0.6
NOW = dt.datetime(2026, 3, 16, 10)


def build_pool(url: str) -> tuple[list[int], list[int]]:
    """The branch and its people; returns (mentee ids, mentor ids)."""
    from ..models import Branch, LanguageLevel, Participant, ParticipantLanguage, ParticipantStatus, Role
    from ..text import search_name
    from ..store import open_store

    store = open_store(url)
    try:
        with store.transaction() as s:
            branch = Branch(code=BRANCH, name="DUO race", city="Racetown", country="BE", employment_office="actiris",
                            max_mentees_per_mentor=2)
            s.add(branch)
            s.flush()
            ids: dict[Role, list[int]] = {Role.MENTEE: [], Role.MENTOR: []}
            for role, n in ((Role.MENTEE, MENTEES), (Role.MENTOR, MENTORS)):
                for k in range(n):
                    first = f"{role.value.title()}{k}"
                    p = Participant(branch_id=branch.id, role=role, status=ParticipantStatus.READY_TO_MATCH,
                                    first_name=first, last_name="Race", search_name=search_name(first, "Race"),
                                    birth_date=dt.date(2000, 1, 1) if role is Role.MENTEE else dt.date(1960, 1, 1),
                                    applied_on=dt.date(2026, 1, 5), max_mentees=1 + k % 2)
                    p.languages.append(ParticipantLanguage(language="fr", level=LanguageLevel.FLUENT))
                    s.add(p)
                    s.flush()
                    ids[role].append(p.id)
        return ids[Role.MENTEE], ids[Role.MENTOR]
    finally:
        store.dispose()


def worker(url: str, seed: int, transactions: int, mentees: list[int], mentors: list[int], start_at: float,
           shared_seed: int = 0) -> dict:
    """One coordinator's process: ``transactions`` transactions, counted.
    Every process draws from the same ``shared_seed`` too: in even rounds they
    all aim at the same mentee (each with its own mentor), in odd rounds at the
    same mentor (each with its own mentee), so they collide on purpose."""
    from ..models import Duo, DuoStage
    from ..services.errors import NotFound, RuleError
    from ..services.matching import proposals
    from ..store import open_store

    rnd, shared = random.Random(seed), random.Random(shared_seed)
    store = open_store(url, migrate=False)
    counts = {"runs": 0, "saved": 0, "withdrawn": 0, "refusals": 0, "errors": 0, "error_kinds": {}}
    with store.session() as s:
        s.execute(select(Duo.id).limit(1))  # connects before the start
    time.sleep(max(0.0, start_at - time.time()))
    for i in range(transactions):
        counts["runs"] += 1
        began = time.monotonic()
        same_mentee, same_mentor = shared.choice(mentees), shared.choice(mentors)
        propose = shared.random() < PROPOSE_SHARE
        try:
            with store.transaction() as s:
                if propose:
                    mentee, mentor = (same_mentee, rnd.choice(mentors)) if i % 2 == 0 else \
                        (rnd.choice(mentees), same_mentor)
                    proposals.propose_pair(s, mentee, mentor, NOW)
                    kind = "saved"
                else:
                    open_ids = s.scalars(select(Duo.id).where(Duo.stage == DuoStage.PROPOSED,
                                                              Duo.mentee_id.in_(mentees))).all()
                    if not open_ids:
                        kind = "refusals"
                    else:
                        proposals.withdraw_proposal(s, rnd.choice(open_ids))
                        kind = "withdrawn"
            counts[kind] += 1
        except (RuleError, NotFound):
            counts["refusals"] += 1
        except Exception as exc:  # noqa: BLE001  (counted and named: the race must show none)
            counts["errors"] += 1
            cause = getattr(exc, "orig", None) or exc
            # the driver's own words ("database is locked"); parameters are never in them (hide_parameters)
            name = (f"{type(cause).__name__}: {str(cause).splitlines()[0][:80] if str(cause) else ''}"
                    f" (after {time.monotonic() - began:.0f} s)")
            counts["error_kinds"][name] = counts["error_kinds"].get(name, 0) + 1
    store.dispose()
    return counts


def violations(url: str, mentees: list[int], mentors: list[int]) -> dict[str, int]:
    from ..models import Duo, Participant
    from ..services.duo_lifecycle import OPEN_STAGES, mentor_capacity
    from ..store import open_store

    store = open_store(url, migrate=False)
    try:
        with store.session() as s:
            per_mentee = s.execute(select(Duo.mentee_id, func.count()).where(
                Duo.stage.in_(OPEN_STAGES), Duo.mentee_id.in_(mentees)).group_by(Duo.mentee_id)).all()
            per_mentor = dict(s.execute(select(Duo.mentor_id, func.count()).where(
                Duo.stage.in_(OPEN_STAGES), Duo.mentor_id.in_(mentors)).group_by(Duo.mentor_id)).all())
            over = sum(1 for m in mentors if per_mentor.get(m, 0) > mentor_capacity(s.get(Participant, m)))
            duos = s.scalar(select(func.count()).select_from(Duo).where(Duo.mentee_id.in_(mentees)))
        return {"mentee_in_two_open_duos": sum(1 for _m, n in per_mentee if n > 1), "mentor_over_capacity": over,
                "duos_in_database": duos}
    finally:
        store.dispose()


def race(url: str, processes: int = 4, transactions: int = 500, seed: int = 1, timeout: float = 600) -> dict:
    """Build the pool, run the processes at once, check. Raises
    RuntimeError when a process does not finish within ``timeout`` seconds
    (a deadlock left hanging) or fails."""
    mentees, mentors = build_pool(url)
    start_at = time.time() + 1.5  # every process imports and connects first, then they start together
    procs = []
    for k in range(processes):
        job = json.dumps({"url": url, "seed": seed * 1000 + k, "shared_seed": seed, "transactions": transactions, "mentees": mentees,
                          "mentors": mentors, "start_at": start_at})
        procs.append(subprocess.Popen([sys.executable, "-m", "duo_desktop.tools.race", "--worker", job],
                                      stdout=subprocess.PIPE, text=True))
    t0 = time.monotonic()
    results = []
    try:
        for p in procs:
            out, _err = p.communicate(timeout=max(1.0, timeout - (time.monotonic() - t0)))
            if p.returncode != 0:
                raise RuntimeError(f"a race process failed (exit {p.returncode})")
            results.append(json.loads(out))
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"a race process was still running after {timeout:.0f} s (deadlock?)") from exc
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    seconds = time.time() - start_at
    total = {key: sum(r[key] for r in results) for key in ("runs", "saved", "withdrawn", "refusals", "errors")}
    kinds: dict[str, int] = {}
    for r in results:
        for name, n in r["error_kinds"].items():
            kinds[name] = kinds.get(name, 0) + n
    found = violations(url, mentees, mentors)
    lost = abs(total["saved"] - total["withdrawn"] - found.pop("duos_in_database"))
    bad = {**found, "duos_lost_or_left_behind": lost}
    return {"engine": url.split(":", 1)[0].split("+", 1)[0], "processes": processes,
            "transactions_per_process": transactions, **total, "error_kinds": kinds,
            "violations": sum(bad.values()), "violation_kinds": bad, "seconds": round(seconds, 2)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m duo_desktop.tools.race", description=__doc__.split("\n")[0])
    parser.add_argument("--database", help="database URL (a fresh one: the pool is added to it)")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--transactions", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        job = json.loads(args.worker)
        json.dump(worker(job["url"], job["seed"], job["transactions"], job["mentees"], job["mentors"],
                         job["start_at"], job["shared_seed"]), sys.stdout)
        return 0
    if not args.database:
        parser.error("--database is required")
    from .. import config

    figures = race(config.database_url(args.database), args.processes, args.transactions, args.seed)
    json.dump(figures, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0 if figures["violations"] == 0 and figures["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
