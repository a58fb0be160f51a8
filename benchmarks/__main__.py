"""Run every benchmark and print one table (also written as JSON).

    python -m benchmarks [--participants N] [--repeat R] [--only NAME] [--out DIR]
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import platform
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from .harness import BenchContext, Figure, table, write_json  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks")
    parser.add_argument("--participants", type=int, default=100_000, help="size of the demo database")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", action="append", default=[], help="run only bench_NAME (repeatable)")
    parser.add_argument("--out", type=Path, default=Path("bench-results"))
    args = parser.parse_args(argv)

    import benchmarks

    modules = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    if args.only:
        modules = [m for m in modules if m.removeprefix("bench_") in args.only or m in args.only]
    workdir = Path(tempfile.mkdtemp(prefix="duo-bench-"))
    db = workdir / "bench.sqlite3"
    ctx = BenchContext(database_url=f"sqlite:///{db}", participants=args.participants, workdir=workdir,
                       repeat=args.repeat)
    figures: list[Figure] = []
    for name in modules:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"running {name}…", file=sys.stderr, flush=True)
        figures.extend(module.run(ctx))
    print(table(figures))
    for figure in figures:
        if figure.note:
            print(f"- {figure.name}: {figure.note}")
    out = args.out / "results.json"
    write_json(figures, out, {"participants": args.participants, "repeat": args.repeat,
                              "python": platform.python_version(), "machine": platform.machine()})
    print(f"\nwritten to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
