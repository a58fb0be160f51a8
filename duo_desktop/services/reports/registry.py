"""One function per figure, each with one written definition.

A :class:`Figure` is registered once with its key, its label and its
definition (both ``N_`` msgids, translated where shown), its unit and what it
counts (participants or duos). The same definition is the screen's tooltip,
a row of the "Definitions" page and sheet of the exports, and the docstring
the tests are written against.

``figure.compute(session, period, branch_id, coordinator_id) -> FigureResult``:
``ids`` are the participants or duos behind the figure (the drill-down), so
that a count is always ``len(ids)``; a rate is ``len(ids) / len(base_ids)``
(``None`` when nobody can be counted yet); an average or a median has its
value and the ids it is computed over.

Inside :func:`counts_only` (what ``build_report`` uses for the screen and the
exports) a figure that can be counted in the database is: ``SELECT count(*)``
over the same query, ``ids`` and ``base_ids`` left ``None``, and only
``count``/``base_count`` filled; the drill-down computes the figure again
with its ids (:func:`with_ids`). The same query serves both, so the count and
the list behind it cannot disagree.

Several figures may read one grouped query (the nine "duos ended" figures
read the ended duos per end reason; the median wait and the share proposed
within a month read the same waits): each figure function still holds its
own rule (which groups it counts), and inside :func:`sharing` (the whole
report) the query runs once (:func:`shared`); a figure computed alone, as
the drill-down does, runs it itself.
"""

from __future__ import annotations

import contextlib

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import Select, case, func, select
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.orm import Session

from .period import Period

T = TypeVar("T")


class Unit(StrEnum):
    COUNT = "count"  # a whole number of people or duos
    RATE = "rate"  # a share between 0 and 1
    DAYS = "days"  # a number of days
    AVERAGE = "average"  # a number with one decimal


class Subject(StrEnum):
    PARTICIPANT = "participant"
    DUO = "duo"


@dataclass(frozen=True)
class FigureResult:
    """``value``: int for a count, float for the others, ``None`` when there
    is nothing to count. ``ids``: the people or duos behind the figure (a
    rate's numerator); ``base_ids``: a rate's denominator (empty otherwise).
    ``count``/``base_count``: their sizes; ``ids``/``base_ids`` are ``None``
    when the figure was counted without them (:func:`counts_only`)."""

    value: float | int | None
    ids: tuple[int, ...] | None
    base_ids: tuple[int, ...] | None = ()
    count: int = -1
    base_count: int = -1

    def __post_init__(self) -> None:
        if self.count < 0:
            object.__setattr__(self, "count", len(self.ids or ()))
        if self.base_count < 0:
            object.__setattr__(self, "base_count", len(self.base_ids or ()))

    @classmethod
    def counted(cls, ids) -> FigureResult:  # noqa: ANN001
        ids = tuple(sorted(set(ids)))
        return cls(len(ids), ids)

    @classmethod
    def rate(cls, ids, base_ids) -> FigureResult:  # noqa: ANN001
        base = tuple(sorted(set(base_ids)))
        ids = tuple(sorted(set(ids) & set(base)))
        return cls(len(ids) / len(base) if base else None, ids, base)


_WANT_IDS: ContextVar[bool] = ContextVar("report_ids", default=True)


@contextmanager
def _wanting_ids(wanted: bool) -> Iterator[None]:
    token = _WANT_IDS.set(wanted)
    try:
        yield
    finally:
        _WANT_IDS.reset(token)


def counts_only() -> contextlib.AbstractContextManager[None]:
    """Figures computed inside count in the database and fetch no ids."""
    return _wanting_ids(False)


def ids_wanted() -> contextlib.AbstractContextManager[None]:
    """Figures computed inside fetch the ids behind them (the drill-down)."""
    return _wanting_ids(True)


def wants_ids() -> bool:
    return _WANT_IDS.get()


_SHARED: ContextVar[dict | None] = ContextVar("report_shared", default=None)


@contextmanager
def sharing() -> Iterator[None]:
    """Inside, a query several figures read (:func:`shared`) runs once;
    ``build_report`` computes the whole report inside one."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def is_sharing() -> bool:
    return _SHARED.get() is not None


def shared(key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, run once per ``key`` (and per :func:`wants_ids`) inside
    :func:`sharing`, every time outside it. ``key`` names the query and
    everything it depends on (period, branch, coordinator)."""
    memo = _SHARED.get()
    if memo is None:
        return compute()
    key = (*key, wants_ids())
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _count(session: Session, query: Select) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def count_of(session: Session, query: Select) -> FigureResult:
    """A count figure from a query selecting one id column: the ids, or
    inside :func:`counts_only` just ``count(*)`` of the same query."""
    if wants_ids():
        return FigureResult.counted(session.scalars(query))
    n = _count(session, query)
    return FigureResult(n, None, None, n, 0)


def rate_of(session: Session, base: Select, hit: ColumnElement, unique: bool = False) -> FigureResult:
    """A rate figure from an id query ``base`` (the denominator) and the
    condition ``hit`` that picks its numerator; inside :func:`counts_only`
    both are counted by one query over ``base``. ``unique``: ``base`` gives
    each id once (one row per duo, or grouped per person): counted without
    DISTINCT (a temporary index per count)."""
    if wants_ids():
        return FigureResult.rate(session.scalars(base.where(hit)), session.scalars(base))
    rows = base.add_columns(case((hit, 1), else_=0).label("hit")).subquery()
    ids = list(rows.c)[0]
    hit_ids = case((rows.c.hit == 1, ids))
    counts = (func.count(ids), func.count(hit_ids)) if unique else (func.count(func.distinct(ids)),
                                                                     func.count(func.distinct(hit_ids)))
    total, n = session.execute(select(*counts)).one()
    return FigureResult(n / total if total else None, None, None, int(n), int(total))


def with_ids(key: str, session: Session, period, branch_id: int | None,  # noqa: ANN001
             coordinator_id: int | None) -> FigureResult:
    """The figure ``key`` computed again with the ids behind it (the drill-down)."""
    with ids_wanted():
        return get(key).compute(session, period, branch_id, coordinator_id)


Compute = Callable[[Session, Period, int | None, int | None], FigureResult]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str  # N_ msgid
    definition: str  # N_ msgid
    unit: Unit
    subject: Subject
    compute: Compute
    section: str  # N_ msgid of the group it is shown in
    published: str = ""  # key in resources/reports/published_results.toml
    label_args: dict[str, object] = field(default_factory=dict)  # enum members for placeholders of label


REGISTRY: dict[str, Figure] = {}


def figure(key: str, label: str, definition: str, unit: Unit, subject: Subject, section: str,
           published: str = "", **label_args: object) -> Callable[[Compute], Compute]:
    """Decorator registering ``fn`` as the figure ``key``."""
    def register(fn: Compute) -> Compute:
        if key in REGISTRY:
            raise ValueError(f"figure {key} registered twice")
        REGISTRY[key] = Figure(key, label, definition, unit, subject, fn, section, published, dict(label_args))
        return fn
    return register


def figures() -> list[Figure]:
    """Every figure, in the order they are shown (importing the modules that define them)."""
    from . import pipeline_figures  # noqa: F401, I001  (the order they are shown in)
    from . import duo_figures  # noqa: F401
    from . import outcome_figures  # noqa: F401

    return list(REGISTRY.values())


def get(key: str) -> Figure:
    figures()
    return REGISTRY[key]
