"""Reading a web form export: CSV (UTF-8 with or without BOM, Latin-1 or
cp1252; `;`, `,` or tab separated; quoted fields with line breaks) or XLSX.
Each row keeps the line of the file where it starts, for the messages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ...i18n import N_
from ..errors import RuleError
from ...text import clean_line


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
    encoding: str = "utf-8"  # how the file was read: utf-8, utf-8-sig, utf-16, cp1252, or utf-8+cp1252
    # lines of a UTF-8 file that were not UTF-8 (read as Windows-1252 and flagged)
    foreign_lines: tuple[int, ...] = ()


#: Limits on what one import reads (a hostile or mistaken file is refused before it fills the memory)
MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_XLSX_UNPACKED = 200 * 1024 * 1024  # the sum of the sizes the zip directory declares
MAX_ZIP_RATIO = 200  # a sheet of real applications packs about 10:1; a zip bomb packs 1000:1
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELL = 32_767  # Excel's own limit for one cell


def _looks_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for UTF-16 text without a byte-order mark
    (one byte in two is NUL in Latin text), else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) // 4 and even == 0:
        return "utf-16-le"
    if even > len(sample) // 4 and odd == 0:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str, tuple[int, ...]]:
    """The text, the encoding it was read with and the lines (1-based) of a
    UTF-8 file that were not UTF-8. The byte-order mark decides first
    (UTF-8, UTF-16 LE/BE: Excel's "Unicode text"), then UTF-16 by its NUL
    bytes, then UTF-8; a file that is UTF-8 but for some lines keeps them,
    read as Windows-1252; else the whole file is Windows-1252 (Excel's
    "CSV" on Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16", ()
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), "utf-16", ()
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    good = 0
    texts, foreign = [], []
    for number, raw in enumerate(lines, start=1):
        try:
            texts.append(raw.decode("utf-8"))
            if any(b >= 0x80 for b in raw):
                good += 1
        except UnicodeDecodeError:
            texts.append(raw.decode("cp1252", errors="replace"))
            foreign.append(number)
    if good:  # real UTF-8 beside the broken lines: a file pasted together from two exports
        return "\n".join(texts), "utf-8+cp1252", tuple(foreign)
    return data.decode("cp1252", errors="replace"), "cp1252", ()


def _sniff_delimiter(first: str) -> str:
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_SEP_HINT = re.compile(r"^\s*sep=(.)\s*$", re.I)


def read_csv_text(text: str, encoding: str = "utf-8", foreign_lines: tuple[int, ...] = ()) -> Table:
    """Excel's ``sep=;`` first line gives the separator and is not the header."""
    first, _sep, rest = text.partition("\n")
    skipped = 0
    hint = _SEP_HINT.match(first.strip("\r\ufeff"))
    if hint:
        delimiter, text, skipped = hint.group(1), rest, 1
    else:
        delimiter = _sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = tuple(clean_line(h) for h in next(reader))
    except StopIteration:
        raise RuleError(N_("The file is empty."), "empty") from None
    _check_width(len(headers))
    rows = []
    line = reader.line_num + 1 + skipped
    number = 0
    for values in reader:
        start, line = line, reader.line_num + 1 + skipped
        if not any(v.strip() for v in values):
            continue
        number += 1
        if number > MAX_ROWS:
            _too_many_rows()
        rows.append(SourceRow(number, start, tuple(v[:MAX_CELL] for v in values[:MAX_COLUMNS])))
    return Table(headers, tuple(rows), "csv", delimiter, encoding, foreign_lines)


def _too_many_rows() -> None:
    raise RuleError(N_("The file has more than {count} rows: split it into smaller files."), "too_large",
                    count=MAX_ROWS)


def _check_width(columns: int) -> None:
    if columns > MAX_COLUMNS:
        raise RuleError(N_("The file has {count} columns, more than the {limit} an import reads: keep only the "
                           "columns of the application form."), "too_large", count=columns, limit=MAX_COLUMNS)


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


def check_zip(path: Path) -> None:
    """Refuse a workbook whose zip directory declares more than
    MAX_XLSX_UNPACKED bytes, or a member packed more than MAX_ZIP_RATIO to
    one (a "zip bomb"): read from the directory, in milliseconds, before any
    sheet is unpacked. Raises RuleError "too_large" or "unreadable"."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise RuleError(N_("The file cannot be read as an Excel workbook ({error})."), "unreadable",
                        error=type(exc).__name__) from None
    total = sum(m.file_size for m in members)
    packed = max((m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1_000_000), default=0)
    if total > MAX_XLSX_UNPACKED or packed > MAX_ZIP_RATIO:
        raise RuleError(N_("The workbook unpacks to {size} MB, more than an application file can hold: it is "
                           "damaged or not a form export. Save the sheet as “CSV UTF-8” and import that."),
                        "too_large", size=total // (1024 * 1024))


def read_xlsx(path: Path) -> Table:
    check_zip(path)  # before openpyxl is even imported
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
            headers = tuple(clean_line(_cell_text(v)) for v in next(rows_iter))
        except StopIteration:
            raise RuleError(N_("The file is empty."), "empty") from None
        rows = []
        number = 0
        _check_width(len(headers))
        for offset, values in enumerate(rows_iter, start=2):
            texts = tuple(_cell_text(v)[:MAX_CELL] for v in values[:MAX_COLUMNS])
            if not any(t.strip() for t in texts):
                continue
            number += 1
            if number > MAX_ROWS:
                _too_many_rows()
            rows.append(SourceRow(number, offset, texts))
        return Table(headers, tuple(rows), "xlsx")
    finally:
        workbook.close()


def read_table(path: Path) -> Table:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if path.stat().st_size > MAX_CSV_BYTES:
        raise RuleError(N_("The file is larger than {size} MB: split it into smaller files."), "too_large",
                        size=MAX_CSV_BYTES // (1024 * 1024))
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(path)
    text, encoding, foreign = decode(data)
    return read_csv_text(text, encoding, foreign)
