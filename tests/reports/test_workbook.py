"""spreadsheets.write_workbook: one sheet per table, formula-safe and atomic
like write_table; numbers and dates keep their type."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from duo_desktop.services.spreadsheets import write_workbook


def test_sheets_numbers_dates_and_no_formula(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", [
        ("Figures: 2025/Q1", ["name", "value"], [["=HYPERLINK(\"x\")", 0.71], ["ok", 3]]),
        ("Per month", ["month", "n"], [[dt.date(2025, 1, 1), 36]]),
    ])
    book = load_workbook(path)
    first, second = book.worksheets
    assert first.title == "Figures  2025 Q1"  # characters Excel refuses in a sheet name are blanked
    assert first["A2"].data_type == "s" and first["A2"].value == "=HYPERLINK(\"x\")"
    assert first["B2"].value == 0.71 and first["B3"].value == 3
    assert second["A2"].value.date() == dt.date(2025, 1, 1)


def test_a_failed_write_leaves_the_previous_file(tmp_path):
    target = tmp_path / "w.xlsx"
    target.write_bytes(b"previous")

    class Boom:
        def __iter__(self):
            raise OSError("disk full")

    with pytest.raises(OSError):
        write_workbook(target, [("a", ["x"], Boom())])
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["w.xlsx"]
