"""Benchmark suite: ``make bench`` (``python -m benchmarks``).

Each ``benchmarks/bench_*.py`` module defines ``run(ctx: BenchContext) ->
list[Figure]``. A figure carries its own baseline, measured in the same run on
the same machine, so the table reports ratios that do not depend on how fast
the machine is. Speed is measured here, never by timed assertions in tests.

The suite runs in module order; ``bench_00_demo`` builds the demo database of
``ctx.participants`` participants at ``ctx.database_url`` first, so the later
modules find it populated.
"""
