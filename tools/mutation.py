"""Mutation testing of the rule modules (issue 9), one module at a time.

    python tools/mutation.py run [MODULE ...]    # mutmut on each module, then the report
    python tools/mutation.py report [--survivors] [MODULE ...]

MODULE is a short name of MODULES below (all when none is given). mutmut 3
(configured in pyproject.toml, [tool.mutmut]) copies the package to
mutants/, runs the selected tests once to learn which test reaches which
function, then runs, for each mutant, only the tests that reach it. The
report counts per module: killed / total (the score leaves out mutants no
selected test reaches, shown apart), and the survivors by kind of change.
Runs under ``nice -n 19`` with ``MUTATION_CHILDREN`` workers (default 2);
``MUTATION_MINUTES`` (default 10) caps each module's run: what was checked
by then is kept and the report says how many mutants were not run (run
again to go on). ``MUTATION_SAMPLE=N`` checks a fixed random sample of N
mutants per module (the same sample every time) when the machine is too
busy for all of them; the report then gives the score of the sample.
Not part of ``make test`` nor CI: many minutes of CPU.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import tokenize
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = {
    "eligibility": "duo_desktop/services/eligibility.py",
    "scoring": "duo_desktop/services/matching/scoring.py",
    "criteria": "duo_desktop/services/matching/criteria.py",
    "assignment": "duo_desktop/services/matching/assignment.py",
    "duo_lifecycle": "duo_desktop/services/duo_lifecycle.py",
    "alerts": "duo_desktop/services/alerts.py",
    "reports": "duo_desktop/services/reports.py",
    "escaping": "duo_desktop/services/documents/scripts.py",
}
KILLED = {1, 3, 37}
SURVIVED = {0}
NO_TESTS = {5, 33}
TIMEOUT = {36, -24, 24, 152, 255}


def dotted(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def run(names: list[str]) -> None:
    mutmut = Path(sys.executable).with_name("mutmut")
    children = os.environ.get("MUTATION_CHILDREN", "2")
    minutes = float(os.environ.get("MUTATION_MINUTES", "10"))
    sample = int(os.environ.get("MUTATION_SAMPLE", "0"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in names:
        print(f"== {name}: {MODULES[name]}", flush=True)
        start = time.monotonic()
        # mutmut re-runs every mutant named: name only those without a verdict yet and the
        # survivors (after new tests), or the whole module the first time
        meta = ROOT / "mutants" / (MODULES[name] + ".meta")
        if sample and not meta.exists():  # generate the mutants (and the test stats) first: a name that matches none
            subprocess.run([str(mutmut), "run", "__generate_only__"], cwd=ROOT, env=env, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        names_ = [f"{dotted(MODULES[name])}.*"]
        if meta.exists():
            codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
            if sample:
                codes = {k: codes[k] for k in sampled(codes, sample)}
            names_ = sorted(k for k, v in codes.items() if v is None or v in SURVIVED | NO_TESTS)
            if not names_:
                print("   nothing left to run", flush=True)
                continue
        # its own process group: the workers it forks stop with it when the time is up
        proc = subprocess.Popen(["nice", "-n", "19", str(mutmut), "run", "--max-children", children,
                                 *names_], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            proc.wait(timeout=minutes * 60)
        except subprocess.TimeoutExpired:
            print(f"   stopped after {minutes:g} min", flush=True)
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        except BaseException:
            os.killpg(proc.pid, signal.SIGTERM)
            raise
        print(f"   {time.monotonic() - start:.0f} s", flush=True)


def sampled(codes: dict, size: int) -> list[str]:
    """A fixed random sample of a module's mutants (seeded by nothing but the
    names, so every run and every machine draws the same)."""
    keys = sorted(codes)
    return keys if len(keys) <= size else sorted(random.Random(len(keys)).sample(keys, size))


def _tokens(line: str) -> list[str]:
    """Python tokens of a fragment (brackets may be unbalanced: the tokens
    read before the error are kept)."""
    out: list[str] = []
    skip = (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT)
    try:
        for t in tokenize.generate_tokens(io.StringIO(line.strip()).readline):
            if t.type not in skip:
                out.append(t.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return out


_COMPARE = {"<", "<=", ">", ">=", "==", "!=", "is", "not", "in"}
_ARITH = {"+", "-", "*", "/", "//", "%", "**", "+=", "-=", "*=", "/=", "|", "&", "^", "<<", ">>", "|=", "&="}


def kind(diff: str) -> str:
    """The kind of change a mutant makes, read from its diff."""
    old = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    new = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    a, b = _tokens(" ".join(old)), _tokens(" ".join(new))
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
        j += 1
    removed, added = a[i:len(a) - j], b[i:len(b) - j]
    changed = set(removed) | set(added)
    if any(t.startswith(("'", '"')) or t[:2] in ('f"', "f'") for t in changed):
        return "string"
    if changed and all(re.fullmatch(r"[\d._]+", t) for t in changed):
        return "number"
    if changed <= {"True", "False"} and changed:
        return "boolean constant"
    if changed & {"and", "or"}:
        return "boolean operator"
    if changed == {"not"}:
        return "negation"
    if changed and changed <= _COMPARE:
        return "comparison"
    if changed and changed <= _ARITH | {"-"}:
        return "arithmetic"
    if "None" in added:
        return "value or argument to None"
    if "break" in changed or "continue" in changed or "return" in changed:
        return "control flow"
    if not added or len(added) < len(removed):
        return "argument or term removed"
    return "other"


def report(names: list[str], survivors: bool = False) -> int:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    total_killed = total_checked = 0
    print(f"{'module':<15} {'killed':>7} {'checked':>8} {'score':>7} {'no test':>8} {'timeout':>8}  survivors by kind")
    for name in names:
        meta = ROOT / "mutants" / (MODULES[name] + ".meta")
        if not meta.exists():
            print(f"{name:<15} (not run)")
            continue
        prefix = dotted(MODULES[name]) + "."
        codes = {k: v for k, v in json.loads(meta.read_text("utf-8"))["exit_code_by_key"].items()
                 if k.startswith(prefix)}
        sample = int(os.environ.get("MUTATION_SAMPLE", "0"))
        if sample:
            codes = {k: codes[k] for k in sampled(codes, sample)}
        done = {k: v for k, v in codes.items() if v is not None}
        killed = [k for k, v in done.items() if v in KILLED]
        alive = sorted(k for k, v in done.items() if v in SURVIVED)
        untested = [k for k, v in done.items() if v in NO_TESTS]
        timeout = [k for k, v in done.items() if v in TIMEOUT]
        checked = len(killed) + len(alive) + len(timeout)  # a timeout counts as detected, not as killed
        kinds: Counter[str] = Counter()
        diffs = {}
        for k in alive:
            diffs[k] = get_diff_for_mutant(k, path=MODULES[name])
            kinds[kind(diffs[k])] += 1
        score = 100 * (len(killed) + len(timeout)) / checked if checked else 0.0
        pending = len(codes) - len(done)
        note = f"  ({pending} not run)" if pending else ""
        print(f"{name:<15} {len(killed):>7} {checked:>8} {score:>6.1f}% {len(untested):>8} {len(timeout):>8}  "
              + ", ".join(f"{n} {k}" for k, n in kinds.most_common()) + note)
        total_killed += len(killed) + len(timeout)
        total_checked += checked
        if survivors:
            for k in alive:
                print(f"\n# {k} ({kind(diffs[k])})\n{diffs[k]}")
    if total_checked:
        print(f"{'all':<15} {total_killed:>7} {total_checked:>8} {100 * total_killed / total_checked:>6.1f}%")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "report"):
        print(__doc__)
        return 2
    survivors = "--survivors" in argv
    names = [a for a in argv[1:] if not a.startswith("--")] or list(MODULES)
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        print(f"unknown module(s): {', '.join(unknown)}; known: {', '.join(MODULES)}")
        return 2
    if argv[0] == "run":
        run(names)
    return report(names, survivors)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
