"""Reading a web form export: CSV (UTF-8 with or without BOM, Latin-1 or
cp1252; `;`, `,` or tab separated; quoted fields with line breaks) or XLSX.
Each row keeps the line of the file where it starts, for the messages."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from ...i18n import N_
from ..errors import RuleError


@dataclass(frozen=True)
class SourceRow:
    number: int  # 1 = the first row after the headers
    line: int  # line of the file where the row starts (XLSX: the sheet row)
    values: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    kind: str  # "csv" or "xlsx"
    delimiter: str = ";"
    encoding: str = "utf-8"


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sniff_delimiter(text: str) -> str:
    first = next(iter(text.splitlines()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_text(text: str, encoding: str = "utf-8") -> Table:
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = tuple(h.strip() for h in next(reader))
    except StopIteration:
        raise RuleError(N_("The file is empty."), "empty") from None
    rows = []
    line = reader.line_num + 1
    number = 0
    for values in reader:
        start, line = line, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        number += 1
        rows.append(SourceRow(number, start, tuple(values)))
    return Table(headers, tuple(rows), "csv", delimiter, encoding)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001  (a damaged or foreign file)
        raise RuleError(N_("The file cannot be read as an Excel workbook ({error})."), "unreadable",
                        error=type(exc).__name__) from None
    try:
        sheet = workbook.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        try:
            headers = tuple(_cell_text(v).strip() for v in next(rows_iter))
        except StopIteration:
            raise RuleError(N_("The file is empty."), "empty") from None
        rows = []
        number = 0
        for offset, values in enumerate(rows_iter, start=2):
            texts = tuple(_cell_text(v) for v in values)
            if not any(t.strip() for t in texts):
                continue
            number += 1
            rows.append(SourceRow(number, offset, texts))
        return Table(headers, tuple(rows), "xlsx")
    finally:
        workbook.close()


def read_table(path: Path) -> Table:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(path)
    text, encoding = decode(data)
    return read_csv_text(text, encoding)
