"""Timing helpers and the result table of the benchmark suite."""

from __future__ import annotations

import datetime as dt
import gc
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Benchmarks never depend on today's date either.
BENCH_TODAY = dt.date(2026, 3, 16)


@dataclass
class Figure:
    """One measured figure and its baseline, both in seconds per operation."""

    name: str
    samples: list[float]
    baseline_name: str
    baseline_samples: list[float]
    latency: bool = False  # report p95 too
    target: str = ""  # e.g. "p95 < 50 ms", as the issue states it
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def baseline_median(self) -> float:
        return statistics.median(self.baseline_samples)

    @property
    def ratio(self) -> float:
        return self.median / self.baseline_median if self.baseline_median else float("inf")

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(median=self.median, p95=self.p95 if self.latency else None,
                    baseline_median=self.baseline_median, ratio=self.ratio)
        return data


@dataclass
class BenchContext:
    """What a benchmark gets: a demo database of the size asked."""

    database_url: str
    participants: int
    workdir: Path
    repeat: int = 5
    extra: dict[str, Any] = field(default_factory=dict)

    def store(self):  # noqa: ANN201
        from duo_desktop.store import open_store

        return open_store(self.database_url)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(fn: Callable[[], Any], repeat: int, warmup: int = 1, setup: Callable[[], Any] | None = None) -> list[float]:
    """Wall-clock seconds of ``fn`` over ``repeat`` runs (after warm-up)."""
    for _ in range(warmup):
        if setup:
            setup()
        fn()
    samples = []
    for _ in range(repeat):
        if setup:
            setup()
        gc.collect()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def _fmt(seconds: float) -> str:
    if seconds != seconds:  # nan
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def table(figures: list[Figure]) -> str:
    header = ("figure", "median", "p95", "baseline", "baseline median", "ratio", "target")
    rows = [header]
    for f in figures:
        rows.append((f.name, _fmt(f.median), _fmt(f.p95) if f.latency else "", f.baseline_name,
                     _fmt(f.baseline_median), f"{f.ratio:.2f}x", f.target))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_json(figures: list[Figure], path: Path, meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"meta": meta, "figures": [f.as_dict() for f in figures]}, indent=2,
                               ensure_ascii=False), encoding="utf-8")
