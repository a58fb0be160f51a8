"""Postal codes and municipalities of Belgium, France and the Netherlands
with their coordinates, for distances between participants and for the
existence check of a postal code; and the one distance formula of the
application (:func:`haversine_km`): one pair (:func:`distance_km`) and a
whole table (:func:`distance_table_km`, for the matching) use the same one.

Source: ``resources/places/{BE,FR,NL}.csv.gz`` (postal_code, municipality,
lat, lon in decimal degrees, WGS84), built by
``duo_desktop.tools.build_places`` from the GeoNames postal code dump
(CC BY 4.0; see ``resources/places/README.md``). A postal code may cover
several municipalities (common in France and Belgium): each is a row; the
code's own place is the most central of them (:func:`locate`). Dutch codes are kept as their four digits (PC4)."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..config import resources_dir
from ..text import fold

if TYPE_CHECKING:
    import numpy as np

#: countries with a list of postal codes
COUNTRIES = ("BE", "FR", "NL")


@dataclass(frozen=True)
class Place:
    country: str
    postal_code: str
    municipality: str
    lat: float
    lon: float


@lru_cache(maxsize=None)
def places(country: str) -> tuple[Place, ...]:
    """Every (postal code, municipality) of ``country`` (BE, FR, NL), in
    postal code order; an empty tuple for another country."""
    path = resources_dir() / "places" / f"{country}.csv.gz"
    if country not in COUNTRIES or not path.is_file():
        return ()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return tuple(Place(country, r["postal_code"], r["municipality"], float(r["lat"]), float(r["lon"]))
                     for r in csv.DictReader(fh))


@lru_cache(maxsize=None)
def _by_code(country: str) -> dict[str, tuple[Place, ...]]:
    """code -> its places, the most central first (the one nearest to the
    mean of their coordinates)."""
    found: dict[str, list[Place]] = {}
    for p in places(country):
        found.setdefault(p.postal_code, []).append(p)
    return {code: tuple(sorted(ps, key=_off_centre(ps))) for code, ps in found.items()}


def _off_centre(ps: list[Place]):  # noqa: ANN202
    lat, lon = sum(p.lat for p in ps) / len(ps), sum(p.lon for p in ps) / len(ps)
    return lambda p: ((p.lat - lat) ** 2 + ((p.lon - lon) * 0.65) ** 2, p.municipality)  # 0.65 ~ cos(50°)


def normal_code(country: str, postal_code: str) -> str:
    """The code as the list keeps it: upper case, no spaces, no country
    prefix (``B-``, ``F-``, ``NL-``); for NL the four digits only."""
    code = (postal_code or "").strip().upper().replace(" ", "")
    for prefix in (f"{country}-", f"{country[:1]}-"):
        if code.startswith(prefix):
            code = code[len(prefix):]
    return code[:4] if country == "NL" else code


def code_exists(country: str, postal_code: str) -> bool:
    """Whether the list of ``country`` has this code (False for a country
    without a list)."""
    return normal_code(country, postal_code) in _by_code(country)


def locate(country: str, postal_code: str, municipality: str = "") -> Place | None:
    """The place of a postal code: the row whose municipality matches
    ``municipality`` (compared folded: case, accents and
    apostrophes do not count), else the code's most central place (the one
nearest to the mean of the code's places); None for a code
    that is not in the list."""
    found = _by_code(country).get(normal_code(country, postal_code))
    if not found:
        return None
    if municipality:
        key = fold(municipality)
        for p in found:
            if fold(p.municipality) == key:
                return p
    return found[0]


#: Mean Earth radius (IUGG), km
EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1, lon1, lat2, lon2):  # noqa: ANN001, ANN201
    """Great-circle distance in km between points given in degrees (the
    haversine formula, on a sphere of radius :data:`EARTH_RADIUS_KM`).
    Takes floats or numpy arrays, broadcast against each other; returns the
    same shape (a numpy float for floats)."""
    import numpy as np  # here: the intake form's postal-code check must not pay numpy's import at start-up

    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def distance_km(a: Place, b: Place) -> float:
    """Kilometres between two places, as the crow flies."""
    return float(haversine_km(a.lat, a.lon, b.lat, b.lon))


def distance_table_km(places_: Sequence[Place | None]) -> np.ndarray:
    """Kilometres between every two of ``places_`` (a square table, float64);
    NaN in the rows and columns of an unknown place (None)."""
    import numpy as np

    lat = np.array([p.lat if p else np.nan for p in places_], dtype=np.float64)
    lon = np.array([p.lon if p else np.nan for p in places_], dtype=np.float64)
    return haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
