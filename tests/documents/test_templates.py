"""A missing or broken template gives a clear error naming the file and the
problem, and no PDF at all (not even from the command line)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from duo_desktop.__main__ import main
from duo_desktop.services.documents import TemplateError, render_agreement, templates
from tests.documents.helpers import awaiting_duo

NOW = dt.datetime(2026, 3, 16, 10)


def make_duo(store, folder=None):
    settings = {"templates_dir": str(folder)} if folder else {}
    with store.transaction() as s:
        return awaiting_duo(s, NOW, settings=settings).id


def branch_template(tmp_path, text: str):
    folder = tmp_path / "branch-templates"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "agreement.toml").write_text(text, encoding="utf-8")
    return folder


def error_for(store, duo_id, lang="fr") -> str:
    with store.session() as s, pytest.raises(TemplateError) as info:
        render_agreement(s, duo_id, lang, NOW.date())
    return str(info.value)


def good_template() -> str:
    return (templates.default_dir() / "fr" / "agreement.toml").read_text(encoding="utf-8")


def test_missing_template_names_the_file(store, tmp_path, monkeypatch):
    copy = tmp_path / "templates"
    shutil.copytree(templates.default_dir(), copy)
    (copy / "nl" / "agreement.toml").unlink()
    monkeypatch.setattr(templates, "default_dir", lambda: copy)
    message = error_for(store, make_duo(store), "nl")
    assert str(copy / "nl" / "agreement.toml") in message
    assert "est introuvable" in message  # the interface language (fr) says what is wrong


@pytest.mark.parametrize("text,problem", [
    ('title = "Convention\n', "ne peut pas être lu"),  # not TOML
    ('title = "x"\nsubtitle = "y"\n', "signatures"),  # a key is missing
    (None, "{mentee_nom}"),  # a placeholder that does not exist
    (None, "balisage"),  # markup that does not close
])
def test_broken_template_names_the_file_and_the_problem(store, tmp_path, text, problem):
    if text is None and "mentee_nom" in problem:
        text = good_template().replace("<b>{mentee_name}</b>", "<b>{mentee_nom}</b>", 1)
    elif text is None:
        text = good_template().replace("<b>{start_date}</b>", "<b>{start_date}", 1)
    folder = branch_template(tmp_path, text)
    message = error_for(store, make_duo(store, folder))
    assert str(folder / "fr" / "agreement.toml") in message
    assert problem in message


def test_missing_branch_folder_is_an_error(store, tmp_path):
    message = error_for(store, make_duo(store, tmp_path / "nowhere"))
    assert "nowhere" in message


def test_command_line_writes_no_pdf_when_the_template_is_broken(store, tmp_path, capsys):
    folder = branch_template(tmp_path, good_template().replace("<b>{mentee_name}</b>", "{oops}"))
    duo_id = make_duo(store, folder)
    out = tmp_path / "out" / "agreement.pdf"
    out.parent.mkdir()
    code = main(["--database", store.url, "agreement", "--duo", str(duo_id), "--lang", "fr", "--out", str(out)])
    assert code == 2
    assert list(out.parent.iterdir()) == []
    assert "{oops}" in capsys.readouterr().err


def test_command_line_prints_an_agreement(store, tmp_path):
    duo_id = make_duo(store)
    out = tmp_path / "agreement.pdf"
    code = main(["--database", store.url, "agreement", "--duo", str(duo_id), "--lang", "nl", "--out", str(out),
                 "--second-lang", "en", "--date", "2026-03-20"])
    assert code == 0
    from tests.documents.helpers import pdf_text

    text = pdf_text(out.read_bytes())
    assert "Mentoringovereenkomst" in text and "Mentoring agreement" in text and "20 maart 2026" in text
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_command_line_unknown_duo(store, tmp_path, capsys):
    out = tmp_path / "a.pdf"
    assert main(["--database", store.url, "agreement", "--duo", "999", "--lang", "fr", "--out", str(out)]) == 2
    assert not out.exists()
