"""Tables written for a spreadsheet (rejected rows, report exports): safe to
open, and never half-written.

- **Formula-safe** (OWASP, "CSV Injection"): a text cell that starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a
  formula by Excel or LibreOffice (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``).
  Such a text is written with a leading apostrophe in CSV; in XLSX it is
  stored as a text cell, never a formula. Numbers stay numbers.
- **Atomic**: written to a temporary file beside the target, flushed to disk,
  then renamed into place; a full disk or a crash leaves the previous file
  (or none), never a truncated one. ``OSError`` reaches the caller.

    write_table(path, headers, rows, delimiter=";")  # .xlsx by its suffix, else CSV (UTF-8 with BOM)
    write_workbook(path, [(sheet_name, headers, rows), ...])  # XLSX, one sheet per table
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | dt.date | None


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """A value as written to CSV: a formula-like text gets a leading apostrophe."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return "" if value is None else value


def owner_only_file(path: Path) -> Path:
    """Create ``path`` empty and readable by its owner only (0600, whatever the
    umask), so what is then written into it is never readable by others, not
    even for an instant. Raises OSError."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    with contextlib.suppress(NotImplementedError):
        os.chmod(path, 0o600)  # it existed already (a leftover partial file)
    return path


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], delimiter: str = ";",
                owner_only: bool = False) -> Path:
    """Write ``headers`` and ``rows`` to ``path`` (XLSX when it ends in
    .xlsx, else CSV in UTF-8 with a BOM, which Excel opens as is). Returns
    ``path``. ``owner_only``: the file is 0600 (personal data, e.g. an
    access export). Raises ``OSError`` (disk full, read-only folder); the
    target is then unchanged."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        if owner_only:
            owner_only_file(temp)
        if path.suffix.lower() == ".xlsx":
            _write_xlsx(temp, headers, rows)
        else:
            with temp.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, delimiter=delimiter)
                writer.writerow([csv_cell(h) for h in headers])
                writer.writerows([csv_cell(v) for v in row] for row in rows)
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return path


def write_workbook(path: Path, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]]) -> Path:
    """An XLSX file with one sheet per ``(name, headers, rows)``, formula-safe
    and atomic like :func:`write_table`; dates are date cells (dd/mm/yyyy).
    Sheet names are cut to Excel's 31 characters."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        _write_xlsx(temp, sheets=sheets)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return path


def _write_xlsx(target: Path, headers: Sequence[str] = (), rows: Iterable[Sequence[Cell]] = (),
                sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]] | None = None) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, head, body in sheets if sheets is not None else [("", headers, rows)]:
        sheet = workbook.create_sheet(title=_sheet_title(name) if name else None)
        sheet.append([_xlsx_cell(sheet, h) for h in head])
        for row in body:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    workbook.save(target)
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def _sheet_title(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:31]


def _xlsx_cell(sheet, value: Any):  # noqa: ANN001, ANN202
    """Texts are text cells: openpyxl would store '=...' as a formula; dates are date cells."""
    if isinstance(value, dt.date):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    if isinstance(value, str):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
