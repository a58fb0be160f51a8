"""Importing applications from web form exports: encodings, separators,
multi-line fields, XLSX, problems named by row/line/field, idempotent
re-import, the rejected file, one transaction, and the command line."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from sqlalchemy import func, select

from duo_desktop import i18n
from duo_desktop.__main__ import main
from duo_desktop.models import Participant, ParticipantStatus
from duo_desktop.services import importer
from duo_desktop.services.errors import Cancelled
from duo_desktop.store import open_store
from tests import factories


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

HEADER_FR = "Prénom;Nom;Rôle;Date de naissance;Courriel;Téléphone;Code postal;Commune;Langues;Secteurs;Projet professionnel"
ROWS_FR = [
    'Joëlle;Dubois;mentor;12/05/1960;joelle.dubois@example.org;0470 11 22 33;1050;Ixelles;fr:native; it',
    'محمد;العلي;mentoré;2001-04-23;m.alali@example.org;+32 486 00 11 22;1000;Bruxelles;"ar:native, fr:B1";'
    'logistics;"Magasinier\npuis chef d\'équipe"',
]


def preview(store, clock, path, **options):
    """Check a file in a read session, as the import dialog's query does."""
    with store.session() as s:
        return importer.preview(s, clock, path, **options)


def import_rows(store, clock, result, **options):
    """Import in one transaction, as the import dialog's operation does."""
    with store.transaction() as s:
        return importer.import_rows(s, clock, result, **options)


def count(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Participant))


@pytest.fixture
def branch(store):
    with store.transaction() as s:
        return factories.branch(s).code


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_utf8_with_bom_semicolons_and_multiline_fields(store, clock, branch, tmp_path):
    path = write(tmp_path, "a.csv", "\ufeff" + "\n".join([HEADER_FR, *ROWS_FR]) + "\n")
    result = preview(store, clock, path)
    assert [r.status for r in result.rows] == ["ok", "ok"]
    mentee = result.rows[1]
    assert mentee.data["first_name"] == "محمد" and mentee.data["languages"] == [["ar", "native"],
                                                                             ["fr", "intermediate"]]
    assert mentee.data["professional_project"] == "Magasinier\npuis chef d'équipe"
    outcome = import_rows(store, clock, result)
    assert (outcome.created, outcome.rejected) == (2, 0)
    with store.session() as s:
        p = s.scalars(select(Participant).where(Participant.first_name == "محمد")).one()
        assert p.status is ParticipantStatus.APPLICANT and p.birth_date == dt.date(2001, 4, 23)
        assert p.phone_key == "486001122"


def test_latin1_with_commas_and_english_headers(store, clock, branch, tmp_path):
    text = ("First name,Last name,Role,Date of birth,Email,Phone,Postal code,Languages,Sectors\n"
            "Joëlle,Dubois,Mentor,12.05.1960,jd@example.org,,1000,French (fluent),Finance and accounting\n"
            'René,"Müller, Jr",mentee,01-02-2003,,0470 99 88 77,1030,"Français, Néerlandais",\n')
    path = write(tmp_path, "b.csv", text, "latin-1")
    result = preview(store, clock, path)
    assert result.table.encoding == "cp1252" and result.table.delimiter == ","
    assert [r.status for r in result.rows] == ["ok", "ok"]
    assert result.rows[0].data["first_name"] == "Joëlle"
    assert result.rows[0].data["sectors"] == ["finance"]
    assert result.rows[1].data["last_name"] == "Müller, Jr"
    assert [c for c, _lv in result.rows[1].data["languages"]] == ["fr", "nl"]


def test_dutch_headers_are_recognised(store, clock, branch, tmp_path):
    text = "Voornaam;Achternaam;Rol;Geboortedatum;E-mailadres;Gemeente\nሰላም;ተስፋይ;mentee;2000-01-01;s@example.org;Gent\n"
    result = preview(store, clock, write(tmp_path, "nl.csv", text))
    assert result.file_problems == [] and result.rows[0].status == "ok"


def test_problems_name_the_row_the_line_and_the_field(store, clock, branch, tmp_path):
    i18n.set_language("en")
    text = "\n".join([
        HEADER_FR,
        ROWS_FR[1],  # line 2-3 (a quoted line break)
        'Fatima;Ivanova;mentee;31/02/2001;fatima@;0470;9999;Bruxelles;xx:native;plumbing;',
        ';Sans prénom;alien;1990/13/01;a@example.org;;1000;;;;',
        'Фатима;Иванова;mentee;2002-02-02;m.alali@example.org;;1000;;;;',
    ]) + "\n"
    result = preview(store, clock, write(tmp_path, "c.csv", text))
    assert [r.status for r in result.rows] == ["ok", "rejected", "rejected", "ok"]
    messages = [p.message for p in result.rows[1].problems]
    assert "Row 2 (line 4), Birth date: this date does not exist (31/02/2001)." in messages
    assert any(m.startswith("Row 2 (line 4), Email:") for m in messages)
    assert any(m.startswith("Row 2 (line 4), Phone:") for m in messages)
    # optional columns: a warning on the field, never a reason to reject (issue 13)
    warnings = [p.message for p in result.rows[1].warnings]
    assert any(m.startswith("Row 2 (line 4), Postal code:") and "9999" in m for m in warnings)
    assert "Row 2 (line 4), Languages: unknown language “xx:native”: left out, add it on the profile." in warnings
    assert "Row 2 (line 4), Sectors of activity: unknown sector “plumbing”: left out, add it on the profile." \
        in warnings
    third = [p.message for p in result.rows[2].problems]
    assert not any("First name" in m for m in third)  # one name is enough (Sans prénom)
    assert any(m.startswith("Row 3 (line 5), Role:") and "alien" in m for m in third)
    assert "Row 3 (line 5), Birth date: this date does not exist (1990/13/01)." in third
    # another name with the same email: two people (a social worker's address), imported with a warning
    assert [p.message for p in result.rows[3].warnings] == [
        "Row 4 (line 6): maybe the same person as row 1 (same email): check, and merge them if so."]


def test_missing_required_columns_reject_the_file(store, clock, branch, tmp_path):
    i18n.set_language("en")
    result = preview(store, clock, write(tmp_path, "d.csv", "Prénom;Nom;Email\nA;B;a@example.org\n"))
    assert result.valid == [] and len(result.rejected) == 1
    assert "Role" in result.file_problems[0] and "Birth date" in result.file_problems[0]


def test_xlsx_built_with_openpyxl(store, clock, branch, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Prénom", "Nom", "Rôle", "Date de naissance", "E-mail", "GSM", "Langues"])
    sheet.append(["Joëlle", "Dubois", "mentor", dt.datetime(1960, 5, 12), "jd@example.org", "0470112233", "fr"])
    sheet.append(["محمد", "العلي", "mentee", "23/04/2001", "", 470998877, "ar:native"])
    path = tmp_path / "e.xlsx"
    workbook.save(path)
    result = preview(store, clock, path)
    assert [r.status for r in result.rows] == ["ok", "ok"]  # 470998877 lost its leading 0: phonenumbers reads it
    assert result.rows[1].data["phone"] == "+32 470 99 88 77"
    assert result.rows[0].data["birth_date"] == dt.date(1960, 5, 12)
    assert result.rows[1].source.line == 3


def test_a_shared_phone_or_email_under_another_name_is_two_people(store, clock, branch, tmp_path):
    """QA, 30 November 2026: siblings with the family phone, applicants with
    their social worker's email. The second was refused ("the same person as
    row 1") or skipped as already registered, and the import said nothing was
    wrong. Each is now imported, with a warning to check them."""
    i18n.set_language("en")
    header = "Prénom;Nom;Rôle;Date de naissance;Courriel;Téléphone"
    first = write(tmp_path, "sib.csv", "\n".join([
        header, "Yasmina;Amrani;mentee;01/01/2001;;0470 99 99 99", "Youssef;Amrani;mentee;02/02/2003;;0470 99 99 99",
        "Omar;Idrissi;mentee;04/04/2000;family@example.org;"]) + "\n")
    result = preview(store, clock, first)
    assert [r.status for r in result.rows] == ["ok", "ok", "ok"]
    assert [p.message for p in result.rows[1].warnings] == [
        "Row 2 (line 3): maybe the same person as row 1 (same phone number): check, and merge them if so."]
    assert import_rows(store, clock, result).created == 3
    later = write(tmp_path, "sib2.csv", "\n".join([
        header, "Nadia;Amrani;mentee;03/03/2004;;+32 470 99 99 99", "Sara;Idrissi;mentee;05/05/2002;family@example.org;",
        "Omar;Idrissi;mentee;04/04/2001;family@example.org;"]) + "\n")  # Omar again, his birth year mistyped
    again = preview(store, clock, later)
    assert [r.status for r in again.rows] == ["ok", "ok", "existing"]
    assert "maybe the same person as file no." in again.rows[1].warnings[0].message
    assert (import_rows(store, clock, again).created, count(store)) == (2, 5)


def test_imported_people_get_their_branch_s_document_language(store, clock, tmp_path):
    """QA, 30 November 2026: everyone imported into Gent got French documents."""
    with store.transaction() as s:
        factories.branch(s, code="GNT", city="Gent", office="vdab", default_language="nl")
        factories.branch(s, code="LIL", city="Lille", country="FR", office="france_travail", default_language="fr")
    path = write(tmp_path, "two.csv", "Prénom;Nom;Rôle;Date de naissance;Courriel;Antenne\n"
                                      "Selam;Tesfay;mentee;02/11/1999;selam@example.org;GNT\n"
                                      "Amal;Haddad;mentee;23/04/2001;amal@example.org;LIL\n")
    import_rows(store, clock, preview(store, clock, path))
    with store.session() as s:
        assert s.execute(select(Participant.first_name, Participant.preferred_language)
                         .order_by(Participant.id)).all() == [("Selam", "nl"), ("Amal", "fr")]


def test_importing_the_same_file_twice_creates_no_duplicates(store, clock, branch, tmp_path):
    path = write(tmp_path, "f.csv", "\n".join([HEADER_FR, *ROWS_FR]) + "\n")
    first = import_rows(store, clock, preview(store, clock, path))
    again = preview(store, clock, path)
    assert [r.status for r in again.rows] == ["existing", "existing"]
    second = import_rows(store, clock, again)
    assert (first.created, second.created, second.existing) == (2, 0, 2)
    assert count(store) == 2


def test_rejected_rows_go_to_a_file_that_can_be_fixed_and_imported_again(store, clock, branch, tmp_path):
    i18n.set_language("en")
    bad = 'Fatima;Ivanova;mentee;31/02/2001;fatima@example.org;;1000;Bruxelles;"ru:native";;"Line one\nline two"'
    path = write(tmp_path, "g.csv", "\n".join([HEADER_FR, ROWS_FR[0], bad]) + "\n")
    out = tmp_path / "rejected.csv"
    outcome = import_rows(store, clock, preview(store, clock, path), rejected_path=out)
    assert (outcome.created, outcome.rejected, outcome.rejected_file) == (1, 1, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == [*HEADER_FR.split(";"), "problems"]
    assert rows[1][:4] == ["Fatima", "Ivanova", "mentee", "31/02/2001"]
    assert rows[1][10] == "Line one\nline two"
    assert rows[1][11] == "Row 2 (line 3), Birth date: this date does not exist (31/02/2001)."
    # the user fixes the date and imports the rejected file as it is
    fixed = out.read_text(encoding="utf-8-sig").replace("31/02/2001", "28/02/2001")
    again = preview(store, clock, write(tmp_path, "fixed.csv", fixed))
    assert [r.status for r in again.rows] == ["ok"]
    assert import_rows(store, clock, again).created == 1
    assert count(store) == 2


def test_a_failure_during_the_import_writes_nothing(store, clock, branch, tmp_path, monkeypatch):
    path = write(tmp_path, "h.csv", "\n".join([HEADER_FR, *ROWS_FR]) + "\n")
    result = preview(store, clock, path)
    from duo_desktop.services.importer import run

    calls = []
    original = run._insert

    def failing(session, chunk):
        calls.append(chunk)
        if len(calls) == 2:  # the first row is already inserted in the transaction
            raise OSError("disk full")
        return original(session, chunk)

    monkeypatch.setattr(run, "CHUNK", 1)
    monkeypatch.setattr(run, "_insert", failing)
    with pytest.raises(OSError):
        import_rows(store, clock, result)
    assert count(store) == 0


def test_cancel_writes_nothing(store, clock, branch, tmp_path):
    path = write(tmp_path, "i.csv", "\n".join([HEADER_FR, *ROWS_FR]) + "\n")
    result = preview(store, clock, path)
    with pytest.raises(Cancelled):
        import_rows(store, clock, result, progress=lambda done, total: done < 2)
    assert count(store) == 0


def test_cancel_in_a_later_chunk_writes_nothing(store, clock, branch, tmp_path, monkeypatch):
    from duo_desktop.services.importer import run

    monkeypatch.setattr(run, "CHUNK", 1)
    path = write(tmp_path, "j.csv", "\n".join([HEADER_FR, *ROWS_FR]) + "\n")
    result = preview(store, clock, path)
    with pytest.raises(Cancelled):
        import_rows(store, clock, result, progress=lambda done, total: done < 2)
    assert count(store) == 0


def test_command_line_exit_status_and_report(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    store = open_store(f"sqlite:///{db}", backup_dir=tmp_path / "b")
    with store.transaction() as s:
        factories.branch(s, code="ANT", city="Antwerpen", office="vdab")
    store.dispose()
    good = write(tmp_path, "good.csv", "\n".join([HEADER_FR, *ROWS_FR]) + "\n")
    bad_row = "Fatima;Ivanova;mentee;31/02/2001;fatima@example.org;;2000;Antwerpen;;;"
    mixed = write(tmp_path, "mixed.csv", "\n".join([HEADER_FR, bad_row]) + "\n")
    base = ["--database", str(db), "--lang", "en", "import", "participants"]

    assert main([*base, str(good), "--dry-run"]) == 0
    assert "Dry run: 2 rows would be imported." in capsys.readouterr().out
    store = open_store(f"sqlite:///{db}", backup_dir=tmp_path / "b")
    assert count(store) == 0
    store.dispose()

    assert main([*base, str(good), "--branch", "ANT"]) == 0
    assert "2 participants imported." in capsys.readouterr().out
    assert main([*base, str(good)]) == 0
    assert "2 rows already registered" in capsys.readouterr().out

    out = tmp_path / "out.csv"
    assert main([*base, str(mixed), "--rejected", str(out)]) == 1
    captured = capsys.readouterr()
    assert "Row 1 (line 2), Birth date: this date does not exist (31/02/2001)." in captured.err
    assert "1 row rejected" in captured.err and out.exists()
    assert main([*base, str(tmp_path / "missing.csv")]) == 2
    assert main([*base, str(good), "--branch", "NOPE"]) == 2


def test_rejected_rows_never_become_formulas_in_csv_or_xlsx(store, clock, tmp_path):
    """OWASP CSV injection: names typed as =HYPERLINK(...) or =cmd|... come back as text."""
    import openpyxl

    with store.transaction() as s:
        factories.branch(s)
    path = tmp_path / "apps.csv"
    path.write_text("Prénom;Nom;Rôle;Date de naissance;Courriel\n"
                    "=HYPERLINK(\"http://example.org\");Haddad;mentee;31/02/2001;a@example.org\n"
                    "=cmd|' /C calc'!A0;@SUM(A1);mentee;31/02/2001;b@example.org\n", encoding="utf-8")
    with store.session() as s:
        result = importer.preview(s, clock, path)
    assert len(result.rejected) == 2
    csv_out = importer.write_rejected(result, tmp_path / "rejected.csv")
    text = csv_out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'=cmd|" in text and "'@SUM(A1)" in text
    xlsx_out = importer.write_rejected(result, tmp_path / "rejected.xlsx")
    sheet = openpyxl.load_workbook(xlsx_out).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert {c.value for c in cells} == {"=HYPERLINK(\"http://example.org\")", "=cmd|' /C calc'!A0"}
    assert all(c.data_type == "s" for c in cells)  # text cells, not formulas
    assert not list(tmp_path.glob(".*.part"))


def test_a_full_disk_leaves_no_truncated_rejected_file(store, clock, tmp_path, monkeypatch):
    import os

    with store.transaction() as s:
        factories.branch(s)
    path = tmp_path / "apps.csv"
    path.write_text("Prénom;Nom;Rôle;Date de naissance;Courriel\nAmina;;mentee;31/02/2001;a@example.org\n",
                    encoding="utf-8")
    with store.session() as s:
        result = importer.preview(s, clock, path)

    def full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "rejected.csv"
    with pytest.raises(OSError):
        importer.write_rejected(result, target)
    assert not target.exists() and not list(tmp_path.glob(".*.part"))


def test_imported_people_are_found_by_the_search(store, clock, branch, tmp_path):
    """The import's bulk insert passes by the ORM's events: the searched text
    is filled all the same, on SQLite and on PostgreSQL (issue 15)."""
    from duo_desktop.services.participants import ParticipantFilter, search_ids

    path = write(tmp_path, "a.csv", "\n".join([HEADER_FR, *ROWS_FR]) + "\n")
    import_rows(store, clock, preview(store, clock, path))
    with store.session() as s:
        joelle = s.scalars(select(Participant.id).where(Participant.last_name == "Dubois")).one()
        assert search_ids(s, ParticipantFilter(text="joelle ixelles")) == [joelle]
        assert search_ids(s, ParticipantFilter(text="0470 11")) == [joelle]
        assert len(search_ids(s, ParticipantFilter(text="example.org"))) == 2
