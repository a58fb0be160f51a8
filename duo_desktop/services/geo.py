"""Municipalities of the branches with their coordinates (resources/geo), for
distances between participants and for demo data."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache

from ..config import resources_dir


@dataclass(frozen=True)
class Place:
    branch: str
    country: str
    postal_code: str
    municipality: str
    lat: float
    lon: float


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    path = resources_dir() / "geo" / "municipalities.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(Place(r["branch"], r["country"], r["postal_code"], r["municipality"], float(r["lat"]),
                           float(r["lon"])) for r in csv.DictReader(fh))


@lru_cache(maxsize=1)
def by_postal_code() -> dict[tuple[str, str], Place]:
    """(country, postal code) -> place; for NL only the four digits count."""
    return {(p.country, p.postal_code): p for p in places()}


def locate(country: str, postal_code: str) -> Place | None:
    code = postal_code.strip().upper()
    if country == "NL":
        code = code[:4]
    return by_postal_code().get((country, code))


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
