"""Municipalities of the branches with their coordinates (resources/geo), for
distances between participants and for demo data. The one distance formula
of the application lives here (:func:`haversine_km`): one pair
(:func:`distance_km`) and a whole table (:func:`distance_table_km`, for the
matching) use the same one."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

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


#: Mean Earth radius (IUGG), km
EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1, lon1, lat2, lon2):  # noqa: ANN001, ANN201
    """Great-circle distance in km between points given in degrees (the
    haversine formula, on a sphere of radius :data:`EARTH_RADIUS_KM`).
    Takes floats or numpy arrays, broadcast against each other; returns the
    same shape (a numpy float for floats)."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def distance_km(a: Place, b: Place) -> float:
    """Kilometres between two places, as the crow flies."""
    return float(haversine_km(a.lat, a.lon, b.lat, b.lon))


def distance_table_km(places_: Sequence[Place | None]) -> np.ndarray:
    """Kilometres between every two of ``places_`` (a square table, float64);
    NaN in the rows and columns of an unknown place (None)."""
    lat = np.array([p.lat if p else np.nan for p in places_], dtype=np.float64)
    lon = np.array([p.lon if p else np.nan for p in places_], dtype=np.float64)
    return haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
