"""Argument and file errors on the command line: one message in the user's
language saying what is wrong and where, never argparse's or the system's
English nor an exception's class name, with the documented exit codes
(QA item 11)."""

from __future__ import annotations

import pytest

from duo_desktop.__main__ import main
from duo_desktop.cli.arguments import language_in

ENGLISH = ("usage:", "error:", "invalid", "argument ", "No such file", "FileNotFoundError", "Expected")


def _refusal(capsys, code: int, argv: list[str]) -> str:
    try:
        got = main(argv)
    except SystemExit as exited:  # argparse stops the program, as `python -m duo_desktop` would
        got = exited.code
    assert got == code
    seen = capsys.readouterr()
    assert seen.out == ""
    for english in ENGLISH:
        assert english not in seen.err, seen.err
    return seen.err


@pytest.mark.parametrize("lang, expected", [
    ("nl", "duo-desktop report: --from: ‘2026-13-01’ is geen datum (JJJJ-MM-DD)."),
    ("fr", "duo-desktop report\u202f: --from\u202f: «\u202f2026-13-01\u202f» n’est pas une date (AAAA-MM-JJ)."),
])
def test_a_bad_date_is_refused_in_the_language_with_report_s_documented_code(tmp_path, capsys, lang, expected):
    err = _refusal(capsys, 1, ["--database", str(tmp_path / "x.sqlite3"), "--lang", lang, "report",
                               "--from", "2026-13-01", "--to", "2026-11-30", "--json"])
    assert err.splitlines()[0] == expected
    assert "--help" in err.splitlines()[1]


def test_other_commands_refuse_a_bad_argument_with_2_in_the_language(tmp_path, capsys):
    err = _refusal(capsys, 2, ["--database", str(tmp_path / "x.sqlite3"), "--lang", "fr", "audit",
                               "--since", "2026-1"])
    assert "--since\u202f: «\u202f2026-1\u202f» n’est pas une date" in err
    err = _refusal(capsys, 1, ["--lang", "nl", "report", "--to", "2026-11-30"])
    assert "ontbreekt: --from (verplicht)." in err
    err = _refusal(capsys, 2, ["--lang", "nl", "demo", "--participants", "x"])
    assert "--participants: ‘x’ is geen geheel getal." in err


def test_a_file_that_cannot_be_read_or_written_says_why_in_the_language(store, tmp_path, capsys):
    err = _refusal(capsys, 2, ["--database", str(tmp_path / "x.sqlite3"), "--lang", "fr", "setup",
                               str(tmp_path / "absent.toml")])
    assert err.strip() == f"Impossible de lire {tmp_path / 'absent.toml'}\u202f: le fichier n’existe pas"
    target = tmp_path / "missing" / "x.pdf"
    err = _refusal(capsys, 2, ["--database", store.url, "--lang", "nl", "report", "--from", "2026-01-01",
                               "--to", "2026-02-01", "--pdf", str(target)])
    assert err.strip() == f"Het bestand {target} kan niet worden geschreven: de map bestaat niet"


def test_a_malformed_toml_file_gives_its_line_and_column_in_the_language(tmp_path, capsys):
    bad = tmp_path / "broken.toml"
    bad.write_text('organisation = "DUO"\n[[branch]\n', encoding="utf-8")
    err = _refusal(capsys, 1, ["--database", str(tmp_path / "x.sqlite3"), "--lang", "fr", "setup", str(bad)])
    assert err.splitlines()[0] == ("broken.toml, ligne 2\u202f: ce n’est pas un fichier TOML valide (colonne 9)\u202f: "
                                   "un titre [[table]] doit se terminer par «\u202f]]\u202f».")


def test_the_interface_language_is_the_global_lang_not_the_agreement_s():
    assert language_in(["--lang", "nl", "report"]) == "nl"
    assert language_in(["--database", "x", "--lang=en", "audit"]) == "en"
    assert language_in(["agreement", "--duo", "1", "--lang", "en"]) is None


def test_an_import_file_that_cannot_be_read_says_why_not_which_exception(store, tmp_path, capsys):
    """"(BadZipFile)" and "could not be written (it is a folder)" for a file being read."""
    fake = tmp_path / "form.xlsx"
    fake.write_text("garbage", encoding="utf-8")
    err = _refusal(capsys, 2, ["--database", store.url, "--lang", "nl", "import", "participants", str(fake)])
    assert err.startswith("Het bestand kan niet gelezen worden als Excel-werkmap: het is beschadigd") and \
        "BadZip" not in err
    folder = tmp_path / "export.csv"
    folder.mkdir()
    err = _refusal(capsys, 2, ["--database", store.url, "--lang", "fr", "import", "participants", str(folder)])
    assert err.strip() == f"Le fichier {folder} ne peut pas être lu\u202f: c’est un dossier, pas un fichier."


def test_a_backup_that_cannot_be_written_says_why(tmp_path, capsys):
    db = tmp_path / "duo.sqlite3"
    assert main(["--database", str(db), "--lang", "en", "branches", "--json"]) == 0
    capsys.readouterr()
    blocker = tmp_path / "usb"
    blocker.write_text("a file where a folder is expected", encoding="utf-8")
    try:
        code = main(["--database", str(db), "--lang", "en", "backups", "now", "--out", str(blocker / "backups")])
    except SystemExit as exited:
        code = exited.code
    err = capsys.readouterr().err
    assert code == 2 and err.strip() == "The backup could not be written: a part of the path is a file, not a folder"
