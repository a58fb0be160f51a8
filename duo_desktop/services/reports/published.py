"""The published results of the model (resources/reports/published_results.toml),
read once: ``published()["positive_outcomes"].value == 0.71``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from ...config import resources_dir


@dataclass(frozen=True)
class Published:
    key: str
    value: float
    unit: str  # "rate" or "months"


@cache
def published() -> dict[str, Published]:
    data = tomllib.loads((resources_dir() / "reports" / "published_results.toml").read_text(encoding="utf-8"))
    return {k: Published(k, float(v["value"]), v["unit"]) for k, v in data.items() if isinstance(v, dict) and "value" in v}


def source(lang: str = "en") -> str:
    """Where the published results come from, in ``lang`` (fr, nl or en;
    English when the file has no text in that language)."""
    data = tomllib.loads((resources_dir() / "reports" / "published_results.toml").read_text(encoding="utf-8"))
    texts = data.get("source", {})
    if isinstance(texts, str):
        return texts
    return str(texts.get(lang) or texts.get("en", ""))
