"""The agreement of a signed duo is dated with its recorded signature date,
on the command line as in the agreement dialog (QA item 16: the command
printed "Signed in Brussels on <today>" for a duo signed years before)."""

from __future__ import annotations

import datetime as dt

from duo_desktop.__main__ import main
from duo_desktop.services.documents import duo_info
from duo_desktop.services.documents.data import signing_date
from tests.documents.helpers import pdf_text
from tests.test_gdpr import _ended_duo


def _text(path) -> str:  # noqa: ANN001
    return " ".join(pdf_text(path.read_bytes()).split())


def test_the_command_dates_a_signed_agreement_with_its_signature(store, tmp_path):
    with store.transaction() as s:
        _b, _mentor, _mentee, duo = _ended_duo(s)  # signed on 1 May 2025
        duo_id = duo.id
    out = tmp_path / "a.pdf"
    assert main(["--database", store.url, "agreement", "--duo", str(duo_id), "--lang", "en",
                 "--out", str(out)]) == 0
    assert "on 1 May 2025, in three copies" in _text(out)
    chosen = tmp_path / "b.pdf"  # a date given on the command line is the one printed
    assert main(["--database", store.url, "agreement", "--duo", str(duo_id), "--lang", "en",
                 "--date", "2025-04-20", "--out", str(chosen)]) == 0
    assert "on 20 April 2025, in three copies" in _text(chosen)


def test_the_dialog_and_the_command_share_the_rule(store):
    today = dt.date(2026, 11, 30)
    with store.transaction() as s:
        _b, _mentor, _mentee, duo = _ended_duo(s)
        info = duo_info(s, duo.id)
        assert signing_date(info, None, today) == dt.date(2025, 5, 1)
        assert signing_date(info, dt.date(2025, 4, 20), today) == dt.date(2025, 4, 20)
        duo.agreement_signed_on = None
        s.flush()
        assert signing_date(duo_info(s, duo.id), None, today) == today
