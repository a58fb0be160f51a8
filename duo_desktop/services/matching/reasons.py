"""Structured reasons: a code and its parameters, computed by the services
and put into words only when shown (explain.py), in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    criterion: str = ""  # the criterion it explains ("" for a rule)
    value: float | None = None  # 0..1, for a criterion
    points: float | None = None  # its share of the score, out of 100

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "params": self.params}
        if self.criterion:
            data.update(criterion=self.criterion, value=round(self.value or 0.0, 3),
                        points=round(self.points or 0.0, 1))
        return data
