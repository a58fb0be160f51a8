"""A long Arabic name that needs two lines in the agreement's signature box
starts on the first line (issue 13, 12-long-arabic-name.txt)."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from duo_desktop.services.documents import render_agreement
from tests.documents.helpers import awaiting_duo

NOW = dt.datetime(2026, 3, 16, 10)
CASE = Path(__file__).parent.parent / "data" / "real_world" / "12-long-arabic-name.txt"


def arabic_lines(data: bytes) -> list[str]:
    """The lines of the first page holding Arabic, in reading order (pypdf
    applies the bidi algorithm), presentation forms made plain letters."""
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    lines = [" ".join(unicodedata.normalize("NFKC", line).split()) for line in text.splitlines()]
    return [line for line in lines if any("\u0600" <= c <= "\u06ff" for c in line)]


def test_a_long_arabic_name_wraps_in_reading_order(store):
    fields = dict(line.split("\t") for line in CASE.read_text(encoding="utf-8").splitlines())
    first, last = fields["first_name"], fields["last_name"]
    with store.transaction() as s:
        duo_id = awaiting_duo(s, NOW, mentee=(first, last)).id
    with store.session() as s:
        data = render_agreement(s, duo_id, "fr", NOW.date())
    parties, *signature = arabic_lines(data)
    assert parties == f"La personne mentorée : {first} {last}"
    assert len(signature) == 2  # the box is narrower than the name
    assert " ".join(signature) == f"{first} {last}"  # the beginning of the name on the first line
    assert signature[0].startswith(first)
