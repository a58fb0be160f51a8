"""``python -m duo_desktop report``: the same figures as the screen, as JSON
or a file whose cells are numbers; bad arguments refused with a reason."""

from __future__ import annotations

import json

import pytest

from duo_desktop.__main__ import main
from duo_desktop.store import open_store

from .programme_data import build

ARGS = ["report", "--from", "2025-01-01", "--to", "2025-03-31", "--today", "2026-03-31"]


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "p.sqlite3"
    store = open_store(f"sqlite:///{path}")
    with store.transaction() as s:
        programme = build(s)
    store.dispose()
    return str(path), programme


def test_json_gives_the_figures_and_their_people(database, capsys):
    path, programme = database
    assert main(["--database", path, *ARGS, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["figures"]["duos_started"]["value"] == 2
    assert sorted(data["figures"]["duos_started"]["ids"]) == sorted([programme.duos["d1"], programme.duos["d2"]])
    assert data["figures"]["positive_at_end"]["published"] == 0.71
    assert data["esf"]["participants"]["value"] == 2


def test_branch_narrows_and_an_unknown_branch_is_refused(database, capsys):
    path, _programme = database
    assert main(["--database", path, *ARGS, "--branch", "B"]) == 0
    assert json.loads(capsys.readouterr().out)["figures"]["duos_proposed"]["value"] == 1
    assert main(["--database", path, *ARGS, "--branch", "ZZZ"]) == 1
    assert "ZZZ" in capsys.readouterr().err


def test_reversed_dates_are_refused(database, capsys):
    path, _programme = database
    assert main(["--database", path, "report", "--from", "2025-03-31", "--to", "2025-01-01"]) == 1
    assert "2025-01-01" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_files_are_written(database, tmp_path, fmt):
    path, _programme = database
    out = tmp_path / f"r.{fmt}"
    assert main(["--database", path, *ARGS, "--format", fmt, "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith({"csv": b"\xef\xbb\xbf", "xlsx": b"PK", "pdf": b"%PDF"}[fmt])
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out)
        assert len(book.worksheets) == 6  # figures, ESF+, funnel, per month, per year, definitions
        month_cell = book.worksheets[3]["A2"].value
        assert month_cell.year == 2025 and month_cell.month == 1  # a date, not a text


def test_an_unwritable_file_exits_2(database, tmp_path):
    path, _programme = database
    assert main(["--database", path, *ARGS, "--out", str(tmp_path / "missing" / "r.csv")]) == 2


@pytest.mark.parametrize("lang, words", [("fr", {"nombre", "proportion (de 0 à 1)"}),
                                         ("nl", {"aantal", "aandeel (van 0 tot 1)"}),
                                         ("en", {"number", "share (0 to 1)"})])
def test_the_unit_column_is_in_words_of_the_language(database, tmp_path, lang, words):
    """QA item 13: the "Unit" column said count/rate in French and Dutch files."""
    from openpyxl import load_workbook

    path, _programme = database
    out = tmp_path / "r.xlsx"
    assert main(["--database", path, "--lang", lang, *ARGS, "--xlsx", str(out)]) == 0
    figures, esf = load_workbook(out).worksheets[:2]
    units = {row[4] for sheet in (figures, esf) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert lang == "en" or units & {"count", "rate", "days", "average"} == set()
    assert words <= units
