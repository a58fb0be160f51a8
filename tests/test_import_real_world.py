"""Every application file of issue 13 (tests/data/real_world, synthetic) and
the hostile-file limits of issue 11, imported as a coordinator would: each
case with the value a user would check."""

from __future__ import annotations

import datetime as dt
import errno
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from duo_desktop import i18n
from duo_desktop.__main__ import main
from duo_desktop.models import Participant
from duo_desktop.services import importer
from duo_desktop.services.errors import RuleError
from duo_desktop.store import open_store
from tests import factories

DATA = Path(__file__).parent / "data" / "real_world"


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")


@pytest.fixture
def bxl(store):
    with store.transaction() as s:
        b = factories.branch(s)
        factories.coordinator(s, b)
        return b.id


def check(store, clock, name, **options):
    with store.session() as s:
        return importer.preview(s, clock, DATA / name, **options)


def load(store, clock, name, **options):
    result = check(store, clock, name)
    with store.transaction() as s:
        importer.import_rows(s, clock, result, **options)
    return result


def people(store):
    with store.session() as s:
        return s.scalars(select(Participant).order_by(Participant.id)).all()


def names(result):
    return [(r.data["first_name"], r.data["last_name"]) for r in result.rows]


def messages(items):
    return [p.message for p in items]


def test_01_excel_unicode_text_is_utf16_and_says_so(store, clock, bxl):
    result = check(store, clock, "01-excel-unicode-text-utf16.csv")
    assert result.table.encoding == "utf-16" and result.table.delimiter == "\t"
    assert result.encoding_message.render() == "Read as: UTF-16 (Excel's “Unicode text”)"
    assert names(result) == [("Amal", "Haddad"), ("Selam", "Tesfay"), ("Jérôme", "Lefèvre")]
    assert [r.status for r in result.rows] == ["ok", "ok", "ok"]
    assert not any("\0" in v for r in result.rows for v in r.data.values() if isinstance(v, str))


def test_02_sep_hint_line_gives_the_separator_and_is_not_the_header(store, clock, bxl):
    result = check(store, clock, "02-excel-sep-hint-line.csv")
    assert result.table.headers[0] == "Prénom" and result.table.delimiter == ";"
    assert names(result) == [("Amal", "Haddad"), ("Jérôme", "Lefèvre")]
    assert [r.source.line for r in result.rows] == [3, 4]  # lines of the file, the hint counted
    assert [r.status for r in result.rows] == ["ok", "ok"]


def test_03_google_forms_timestamps_are_application_dates(store, clock, bxl):
    result = check(store, clock, "03-google-forms-timestamp.csv")
    assert [r.status for r in result.rows] == ["ok", "ok", "ok"]
    assert [r.data["applied_on"] for r in result.rows] == [dt.date(2024, 3, 5), dt.date(2024, 3, 5),
                                                           dt.date(2024, 3, 6)]


def test_a_bad_value_in_an_optional_column_is_a_warning_not_a_rejection(store, clock, bxl, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Timestamp;Prénom;Nom;Rôle;Date de naissance;Email\n"
                    "yesterday-ish;Amal;Haddad;mentorée;23/04/2001;a@example.org\n", encoding="utf-8")
    with store.session() as s:
        result = importer.preview(s, clock, path)
    row = result.rows[0]
    assert row.status == "ok" and row.data["applied_on"] == clock.today()
    assert messages(row.warnings) == ["Row 1 (line 2), Application date: write the date as day/month/year, for "
                                      "example 23/04/2001. The day of the import is used."]


@pytest.mark.parametrize("name", ["04-ms-forms-anonymous.xlsx", "04-ms-forms-org-account.xlsx"])
def test_04_ms_forms_own_columns_never_win_over_the_questions(store, clock, bxl, name):
    load(store, clock, name)
    found = [(p.first_name, p.last_name, p.email) for p in people(store)]
    assert found == [("Amal", "Haddad", "amal.haddad@example.org"),
                     ("Selam", "Tesfay", "selam.tesfay@example.org"),
                     ("Jérôme", "Lefèvre", "jerome.lefevre@example.org")]
    # the form has no date question: the time it was sent (Completion time) is the application date,
    # not the day of the import (QA, 30 November 2026)
    assert {p.applied_on for p in people(store)} == {dt.date(2024, 3, 5)}


def test_two_columns_for_one_field_are_reported_and_the_user_can_choose(store, clock, bxl, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("Prénom;Nom;Rôle;Date de naissance;Email;E-mail\n"
                    "Amal;Haddad;mentee;23/04/2001;old@example.org;amal@example.org\n", encoding="utf-8")
    with store.session() as s:
        first = importer.preview(s, clock, path)
        chosen = importer.preview(s, clock, path, choices={"email": 5})
    assert [m.render() for m in first.file_warnings] == [
        "Two columns could be “Email”: “Email” is used, “E-mail” is left out. Choose another if that is wrong."]
    assert first.rows[0].data["email"] == "old@example.org"
    assert chosen.rows[0].data["email"] == "amal@example.org" and chosen.file_warnings == []


def test_05_phone_numbers_excel_mangled(store, clock, bxl):
    result = check(store, clock, "05-excel-phone-numbers.csv")
    assert [r.status for r in result.rows] == ["ok", "ok", "ok"]
    assert [r.data["phone"] for r in result.rows] == ["+32 470 12 34 56", "", "+32 476 98 76 54"]
    assert messages(result.rows[1].warnings) == [
        "Row 2 (line 3), Phone: “3,24852E+10” is a number Excel rounded: the digits are lost, ask for it again."]


def test_05_phone_numbers_as_numeric_cells(store, clock, bxl):
    result = check(store, clock, "05-excel-phone-numbers.xlsx")
    assert [r.status for r in result.rows] == ["ok", "ok", "ok"]
    assert [r.data["phone"] for r in result.rows] == ["+32 470 12 34 56", "+32 485 22 33 44", ""]
    assert [p.field for p in result.rows[2].warnings] == ["phone"]  # 32612345678 is no Belgian number


def test_a_phone_that_cannot_be_read_rejects_a_row_without_email(store, clock, bxl, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("Prénom;Nom;Rôle;Date de naissance;GSM\nAmal;Haddad;mentee;23/04/2001;3,24852E+10\n",
                    encoding="utf-8")
    with store.session() as s:
        row = importer.preview(s, clock, path).rows[0]
    assert row.status == "rejected" and [p.field for p in row.problems] == ["phone"]


def test_07_people_with_one_name_are_imported_as_written(store, clock, bxl):
    result = load(store, clock, "07-mononym.csv")
    assert [r.status for r in result.rows] == ["ok", "ok", "ok"]
    assert [(p.first_name, p.last_name, p.full_name) for p in people(store)] == [
        ("Sukarno", "", "Sukarno"), ("Mariam", "", "Mariam"), ("", "Habibullah", "Habibullah")]


def test_a_row_without_any_name_is_rejected(store, clock, bxl, tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("Prénom;Nom;Rôle;Date de naissance;Email\n;;mentee;23/04/2001;a@example.org\n",
                    encoding="utf-8")
    with store.session() as s:
        row = importer.preview(s, clock, path).rows[0]
    assert messages(row.problems) == [
        "Row 1 (line 2), Last name: required: a first name or a last name (one name is enough)."]


def test_08_the_same_people_typed_on_another_keyboard_are_recognised(store, clock, bxl):
    load(store, clock, "08-apostrophe-first.csv")
    second = check(store, clock, "08-apostrophe-second.csv")
    assert [r.status for r in second.rows] == ["existing", "existing", "existing"]
    # typed with decomposed accents (macOS), kept in the composed form (NFC): the same letters
    assert names(second) == [("Aïssatou", "N’Diaye"), ("Pieter", "D’Hondt"), ("H\u00e9l\u00e8ne", "\u00d6zt\u00fcrk")]


def test_13_names_that_lost_their_letters_are_refused_with_how_to_export(store, clock, bxl):
    result = check(store, clock, "13-excel-ansi-csv-question-marks.csv")
    assert result.table.encoding == "cp1252"
    assert [r.status for r in result.rows] == ["rejected", "rejected", "ok"]
    assert result.rows[2].data["last_name"] == "Lefèvre"
    assert messages(result.rows[0].problems)[0] == (
        "Row 1 (line 2), First name: its letters were lost to the file's encoding (“????”): in Excel, save the "
        "sheet as “CSV UTF-8 (comma delimited)” and import that file.")
    assert "CSV UTF-8" in result.file_warnings[0].render()


def test_13_a_windows_1252_line_in_a_utf8_file_is_named(store, clock, bxl):
    result = check(store, clock, "13-utf8-plus-ansi-line.csv")
    assert result.table.encoding == "utf-8+cp1252" and result.table.foreign_lines == (4,)
    assert names(result) == [("أمل", "حداد"), ("ሰላም", "ተስፋይ"), ("Jérôme", "Lefèvre")]
    assert [m.render() for m in result.file_warnings] == [
        "These lines are not in UTF-8 like the rest of the file (they were read as Windows-1252), check their "
        "names: 4."]
    assert [p.line for p in result.rows[2].warnings] == [4]


@pytest.mark.parametrize("name", ["14-excel-nbsp-headers.csv", "14-zwsp-header.csv"])
def test_14_invisible_characters_in_headers(store, clock, bxl, name):
    result = check(store, clock, name)
    assert result.file_problems == [] and result.rows[0].status == "ok"
    assert sorted(result.mapping.values()) == sorted(["first_name", "last_name", "role", "birth_date", "email",
                                                      "phone", "postal_code"])


def test_14_no_break_spaces_serial_dates_and_zero_width_in_cells(store, clock, bxl):
    result = check(store, clock, "14-excel-nbsp-serial-date.csv")
    assert [r.status for r in result.rows] == ["ok", "ok", "ok"]
    first, second, third = (r.data for r in result.rows)
    assert (first["first_name"], first["birth_date"], first["phone"]) == ("Amal", dt.date(2001, 4, 23),
                                                                          "+32 470 12 34 56")
    assert (second["birth_date"], second["phone"]) == (dt.date(1999, 11, 2), "+32 485 22 33 44")  # Excel 36466
    assert third["email"] == "p3@example.org"  # the zero-width space is gone


def test_month_first_columns_are_read_month_first_and_mixed_ones_reported(store, clock, bxl, tmp_path):
    head = "Prénom;Nom;Rôle;Date de naissance;Email\n"
    us = tmp_path / "us.csv"
    us.write_text(head + "A;B;mentee;04/23/2001;a@example.org\nC;D;mentee;03/05/2000;c@example.org\n",
                  encoding="utf-8")
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(head + "A;B;mentee;04/23/2001;a@example.org\nC;D;mentee;23/04/2000;c@example.org\n",
                     encoding="utf-8")
    with store.session() as s:
        read_us = importer.preview(s, clock, us)
        read_mixed = importer.preview(s, clock, mixed)
    assert [r.data["birth_date"] for r in read_us.rows] == [dt.date(2001, 4, 23), dt.date(2000, 3, 5)]
    assert "month first" in read_us.file_warnings[0].render()
    assert "mixes day/month/year and month/day/year" in read_mixed.file_warnings[0].render()
    assert [r.status for r in read_mixed.rows] == ["rejected", "ok"]  # never swapped silently


def test_17_languages_outside_the_list_are_warnings(store, clock, bxl):
    result = load(store, clock, "17-languages-outside-list.csv")
    assert [r.status for r in result.rows] == ["ok"] * 5
    assert [r.data["languages"] for r in result.rows] == [
        [["fr", "intermediate"], ["ar", "intermediate"]], [["fa", "native"], ["en", "intermediate"]],
        [["sq", "intermediate"], ["fr", "intermediate"]], [["ti", "intermediate"], ["en", "intermediate"]],
        [["ur", "intermediate"], ["en", "intermediate"]]]
    assert messages(result.rows[0].warnings) == [
        "Row 1 (line 2), Languages: unknown language “Berbère”: left out, add it on the profile."]
    # said once for the file; row 2 gave a level for each of its languages (Farsi native, English B1)
    assert [m.render() for m in result.file_warnings] == [
        "Languages without a level, read as intermediate (rows 1, 3, 4, 5): check the levels at the intake "
        "interview."]
    assert len(people(store)) == 5


def test_qa_applications(store, clock, bxl):
    result = load(store, clock, "qa-applications.csv")
    by_name = {r.name: r for r in result.rows}
    assert [r.status for r in result.rows] == ["ok", "ok", "ok", "rejected", "rejected", "ok", "ok", "ok",
                                              "rejected", "rejected"]
    assert messages(by_name["Jean-Pierre Lambertini"].warnings) == [
        "Row 2 (line 3), Sectors of activity: unknown sector “Commerce”: left out, add it on the profile."]
    assert messages(by_name["Young Mentor"].warnings) == [
        "Row 6 (line 7): Mentor age: 35 years old; mentors are 50 or older."]
    assert messages(by_name["Old Mentee"].warnings) == [
        "Row 7 (line 8): Mentee age: 45 years old; this branch takes mentees from 18 to 30."]
    assert messages(result.rows[9].problems) == ["Row 10 (line 12), Phone: give an email address or a phone number."]
    assert any(p.field == "postal_code" for p in result.rows[9].warnings)
    imported = people(store)
    assert len(imported) == 6 and all(p.coordinator_id is not None for p in imported)


def test_zip_bomb_is_refused_in_seconds(store, clock, bxl, tmp_path):
    """A sheet that unpacks far beyond what it packs: refused from the zip
    directory, before any sheet is read."""
    bomb = tmp_path / "bomb.xlsx"
    row = b'<row><c t="inlineStr"><is><t>xxxxxxxxxxxxxxxxxxxx</t></is></c></row>'
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(200):
                sheet.write(row * 2000)  # 25 MB of XML, packed to a few dozen KB
    started = time.monotonic()
    with pytest.raises(RuleError) as caught:
        check(store, clock, bomb)
    assert time.monotonic() - started < 5
    assert caught.value.code == "too_large" and "CSV UTF-8" in caught.value.text.render()


def test_a_workbook_declaring_too_much_is_refused(store, clock, bxl, tmp_path, monkeypatch):
    from duo_desktop.services.importer import reader

    monkeypatch.setattr(reader, "MAX_XLSX_UNPACKED", 1000)
    with pytest.raises(RuleError):
        check(store, clock, DATA / "05-excel-phone-numbers.xlsx")


def test_too_many_rows_are_refused(store, clock, bxl, tmp_path, monkeypatch):
    from duo_desktop.services.importer import reader

    monkeypatch.setattr(reader, "MAX_ROWS", 2)
    with pytest.raises(RuleError) as caught:
        check(store, clock, DATA / "01-excel-unicode-text-utf16.csv")
    assert caught.value.text.render() == "The file has more than 2 rows: split it into smaller files."


def test_a_full_disk_during_an_import_commits_nothing_and_leaves_no_file(tmp_path, capsys, monkeypatch):
    from duo_desktop.services.importer import run

    db = tmp_path / "cli.sqlite3"
    store = open_store(f"sqlite:///{db}", backup_dir=tmp_path / "b")
    with store.transaction() as s:
        factories.branch(s)
    store.dispose()

    def full(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(run, "write_table", full)
    rejected = tmp_path / "rejected.csv"
    code = main(["--database", str(db), "--lang", "en", "import", "participants",
                 str(DATA / "qa-applications.csv"), "--rejected", str(rejected)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1] == "Nothing was imported: the disk is full. Free some space and import again."
    assert not rejected.exists()
    store = open_store(f"sqlite:///{db}", backup_dir=tmp_path / "b")
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == 0
    store.dispose()


def test_dry_run_writes_no_file(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    store = open_store(f"sqlite:///{db}", backup_dir=tmp_path / "b")
    with store.transaction() as s:
        factories.branch(s)
    store.dispose()
    rejected = tmp_path / "rejected.csv"
    assert main(["--database", str(db), "--lang", "en", "import", "participants", str(DATA / "qa-applications.csv"),
                 "--dry-run", "--rejected", str(rejected)]) == 1
    assert not rejected.exists() and "4 rows would be rejected." in capsys.readouterr().err
