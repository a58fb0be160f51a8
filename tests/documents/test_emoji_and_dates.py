"""Names keep their emoji in every PDF (issue 17), a character no bundled
face has prints as a visible replacement, and a saved PDF carries its real
creation date from the injected clock."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from duo_desktop.i18n import Translator
from duo_desktop.models import Event, EventKind, Respondent, Role
from duo_desktop.models.event import Attendance
from duo_desktop.services.documents import render_agreement, render_evaluation_form
from duo_desktop.services.documents.attendance_sheet import render_attendance_sheet
from duo_desktop.services.documents.output import pdf_date, stamp_created, write_pdf
from duo_desktop.services.documents.scripts import REPLACEMENT, rich
from tests import factories
from tests.documents.helpers import awaiting_duo

NOW = dt.datetime(2026, 11, 21, 10)
SMILE, HEART, HANDS = "\U0001F600", "\u2764\ufe0f", "\U0001FAF6"  # U+1FAF6: Unicode 14
MENTEE = (f"Amal {SMILE}", f"Idrissi{HEART}")
MENTOR = ("Joëlle", f"Dubois {HANDS}")
pdftotext = shutil.which("pdftotext")


def text_of(data: bytes, tmp_path) -> str:
    """What a reader gets when copying the text out (poppler's pdftotext)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_emoji_get_the_emoji_face_and_unknown_letters_a_visible_replacement():
    assert rich(f"Amal {SMILE}") == f'Amal <font face="NotoEmoji">{SMILE}</font>'
    # Hebrew is in no bundled face: a replacement character, never nothing
    assert rich("Dana \u05d3\u05e0\u05d4") == f"Dana {REPLACEMENT * 3}"
    # invisible characters are kept as they are, never replaced
    assert REPLACEMENT not in rich("a\u200db\u0301")


needs_poppler = pytest.mark.skipif(pdftotext is None, reason="pdftotext (poppler-utils) is not installed")


@needs_poppler
def test_agreement_and_evaluation_form_keep_the_emoji_of_names(store, tmp_path):
    with store.transaction() as s:
        duo_id = awaiting_duo(s, NOW, mentee=MENTEE, mentor=MENTOR).id
    with store.session() as s:
        agreement = text_of(render_agreement(s, duo_id, "fr", NOW.date()), tmp_path)
        evaluation = text_of(render_evaluation_form(s, duo_id, Respondent.MENTEE, "nl", NOW.date()), tmp_path)
    for text in (agreement, evaluation):
        assert SMILE in text and "\u2764" in text, text
    assert HANDS in agreement


@needs_poppler
def test_attendance_sheet_keeps_the_emoji_of_names(store, tmp_path):
    with store.transaction() as s:
        b = factories.branch(s)
        event = Event(branch_id=b.id, kind=EventKind.INFO_SESSION, title="Séance", place="Rue Haute 3",
                      starts_at=dt.datetime(2026, 11, 21, 14), ends_at=dt.datetime(2026, 11, 21, 16))
        s.add(event)
        s.flush()
        p = factories.participant(s, b, Role.MENTEE, first=MENTEE[0], last="Idrissi")
        s.add(Attendance(event_id=event.id, participant_id=p.id))
        event_id = event.id
    with store.session() as s:
        assert SMILE in text_of(render_attendance_sheet(s, event_id, "en"), tmp_path)


@needs_poppler
def test_report_pdf_keeps_the_emoji_of_a_coordinator(store, tmp_path):
    from duo_desktop.services.reports.pdf import report_pdf
    from duo_desktop.services.reports.period import Period
    from duo_desktop.services.reports.report import build_report

    with store.session() as s:
        report = build_report(s, Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31)))
    data = report_pdf(report, Translator("en"), scope_text=f"Coordinator: Camille {SMILE}")
    assert SMILE in text_of(data, tmp_path)


def test_a_saved_pdf_is_dated_by_the_clock_not_1_january_2000(store, tmp_path):
    with store.transaction() as s:
        duo_id = awaiting_duo(s, NOW).id
    with store.session() as s:
        data = render_agreement(s, duo_id, "en", NOW.date())
    assert data == render_agreement_again(store, duo_id)  # still byte-identical before saving
    when = dt.datetime(2026, 11, 21, 15, 42, 7, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    path = tmp_path / "agreement.pdf"
    write_pdf(path, data, when)
    info = PdfReader(path).metadata
    assert info["/CreationDate"] == "D:20261121154207+01'00'"
    assert info["/ModDate"] == "D:20261121154207+01'00'"
    assert PdfReader(path).pages[0].extract_text()  # the file still reads: offsets unchanged


def render_agreement_again(store, duo_id):
    with store.session() as s:
        return render_agreement(s, duo_id, "en", NOW.date())


def test_pdf_dates_west_of_greenwich_and_naive_times():
    west = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5, minutes=-30)))
    assert pdf_date(west) == b"(D:20260102030405-05'30')"
    assert len(pdf_date(dt.datetime(2026, 1, 2, 3, 4, 5))) == 25  # the machine's offset, same length
    assert stamp_created(b"no date here", west) == b"no date here"
