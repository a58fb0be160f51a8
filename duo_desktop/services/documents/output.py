"""Writing a finished PDF to the place the user chose: whole or not at all,
and never through a temporary folder (personal data).

Documents are built in ReportLab's invariant mode (the same duo gives the
same bytes: tests, caches), which dates every PDF 1 January 2000. The real
creation time, from the injected clock, is stamped when the file is written
(:func:`stamp_created`)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

# What ReportLab writes for /CreationDate and /ModDate in invariant mode
# (reportlab.lib.utils.TimeStamp: 946684800 seconds, UTC).
INVARIANT_DATE = b"(D:20000101000000+00'00')"


def pdf_date(when: dt.datetime) -> bytes:
    """``when`` as a PDF date string (PDF 1.7, 7.9.4), offset included:
    ``(D:YYYYMMDDHHmmSS+HH'mm')``, always 25 bytes. A naive time is the
    machine's local time (the system clock's)."""
    aware = when if when.tzinfo is not None else when.astimezone()
    offset = aware.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"(D:{aware:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}')".encode("ascii")


def stamp_created(data: bytes, when: dt.datetime) -> bytes:
    """The PDF with its creation and modification dates set to ``when``.
    The new date has the invariant one's length, so the cross-reference
    offsets stay right; a PDF without the invariant date is returned as is."""
    return data.replace(INVARIANT_DATE, pdf_date(when))


def write_pdf(path: Path, data: bytes, created: dt.datetime | None, owner_only: bool = False) -> None:
    """Write beside the target, then rename over it: a crash leaves either
    the old file or the new one, never half a PDF. ``created`` (the clock's
    now) becomes the document's creation date; None keeps the invariant one
    (only for byte-identical test files). ``owner_only``: the file is 0600."""
    if created is not None:
        data = stamp_created(data, created)
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        if owner_only:
            from ..spreadsheets import owner_only_file

            owner_only_file(partial)
        with partial.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
