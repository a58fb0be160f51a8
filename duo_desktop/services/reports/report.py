"""The whole report of a period: every figure of the registry, the ESF+
indicators and the chart series, computed in one read-only session.

    report = build_report(session, Period.year(2025, as_of=today), branch_id=None, coordinator_id=None,
                          progress=lambda done, total: True)

``progress(done, total) -> bool``: called after each figure; returning False
raises :class:`~duo_desktop.services.errors.Cancelled`. ``Report.as_dict()``
is what ``report --json`` prints (plain numbers, ISO dates, ids per figure).

``with_ids=False`` (the screen, the exports): every figure that can be
counted in the database is (``SELECT count(*)``), its ``ids`` left ``None``;
the drill-down fetches them (:func:`figure_ids`). ``with_ids=True`` (``report
--json``, the tests): every figure with the ids behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from ..errors import Cancelled
from . import charts, esf
from .period import Period
from .published import published
from .registry import Figure, FigureResult, counts_only, figures, is_sharing, sharing, with_ids

Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class Report:
    period: Period
    branch_id: int | None
    coordinator_id: int | None
    results: dict[str, FigureResult]
    esf: dict[str, FigureResult] = field(default_factory=dict)
    funnel: list[tuple[str, int]] = field(default_factory=list)  # (figure key, count)
    per_month: list[tuple[str, int]] = field(default_factory=list)  # ("2025-01", duos started)
    outcomes_per_year: list[tuple[int, dict[str, int]]] = field(default_factory=list)

    def figures(self) -> list[tuple[Figure, FigureResult]]:
        return [(f, self.results[f.key]) for f in figures() if f.key in self.results]

    def as_dict(self) -> dict[str, Any]:
        refs = published()
        return {
            "period": {"from": self.period.start.isoformat(), "to": self.period.end.isoformat(),
                       "as_of": self.period.today.isoformat()},
            "branch_id": self.branch_id, "coordinator_id": self.coordinator_id,
            "figures": {f.key: {"value": r.value, "unit": f.unit.value, "subject": f.subject.value,
                                "ids": None if r.ids is None else list(r.ids),
                                "base": r.base_count if f.unit == "rate" else None,
                                "published": refs[f.published].value if f.published in refs else None}
                        for f, r in self.figures()},
            "esf": {k: {"value": r.value, "ids": None if r.ids is None else list(r.ids)} for k, r in self.esf.items()},
            "charts": {"funnel": dict(self.funnel), "duos_started_per_month": dict(self.per_month),
                       "outcomes_per_year": {str(y): v for y, v in self.outcomes_per_year}},
        }


def build_report(session: Session, period: Period, branch_id: int | None = None, coordinator_id: int | None = None,
                 progress: Progress | None = None, with_esf: bool = True, with_ids: bool = True) -> Report:
    if not with_ids:
        with counts_only():
            return build_report(session, period, branch_id, coordinator_id, progress, with_esf, True)
    if not is_sharing():
        with sharing():  # a query several figures read runs once
            return build_report(session, period, branch_id, coordinator_id, progress, with_esf, True)
    todo = figures()
    total = len(todo) + (2 if with_esf else 1)
    results: dict[str, FigureResult] = {}
    for done, fig in enumerate(todo, start=1):
        results[fig.key] = fig.compute(session, period, branch_id, coordinator_id)
        if progress is not None and not progress(done, total):
            raise Cancelled()
    indicators = esf.indicators(session, period, branch_id, coordinator_id) if with_esf else {}
    if progress is not None and not progress(total - 1, total):
        raise Cancelled()
    report = Report(period, branch_id, coordinator_id, results, indicators,
                    funnel=[(k, int(results[k].value or 0)) for k in charts.FUNNEL],
                    per_month=charts.duos_started_per_month(session, period, branch_id, coordinator_id),
                    outcomes_per_year=charts.outcomes_per_year(session, period, branch_id, coordinator_id))
    if progress is not None:
        progress(total, total)
    return report


def figure_ids(session: Session, report: Report, key: str) -> tuple[int, ...]:
    """The ids behind the figure ``key`` of ``report`` (computed again, with
    its ids, for the same period and scope when the report has none)."""
    result = report.results[key]
    if result.ids is not None:
        return result.ids
    return with_ids(key, session, report.period, report.branch_id, report.coordinator_id).ids or ()
