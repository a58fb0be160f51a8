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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy.orm import Session

from .period import Period


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
    rate's numerator); ``base_ids``: a rate's denominator (empty otherwise)."""

    value: float | int | None
    ids: tuple[int, ...]
    base_ids: tuple[int, ...] = ()

    @classmethod
    def count(cls, ids) -> FigureResult:  # noqa: ANN001
        ids = tuple(sorted(set(ids)))
        return cls(len(ids), ids)

    @classmethod
    def rate(cls, ids, base_ids) -> FigureResult:  # noqa: ANN001
        base = tuple(sorted(set(base_ids)))
        ids = tuple(sorted(set(ids) & set(base)))
        return cls(len(ids) / len(base) if base else None, ids, base)


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
