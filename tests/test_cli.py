"""The command line: the demo command (exit codes), the screenshot command,
and the offer of demo data on an empty database in the app."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from duo_desktop.__main__ import main
from duo_desktop.services.clock import FixedClock
from duo_desktop.views.screens import SCREENS

from .conftest import TODAY
from .sqlite_files import sqlite_file


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any


def _count(path, table="participant"):
    with sqlite_file(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


def test_demo_fills_an_empty_database_and_refuses_a_full_one(tmp_path, capsys):
    db = tmp_path / "demo.sqlite3"
    args = ["--database", str(db), "demo", "--participants", "200", "--today", "2026-03-16"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "200 participants" in out and "100\u202f%" in err  # in French, the default language
    assert _count(db) == 200
    assert main(args) == 1  # not empty: refused, nothing added
    _out, err = capsys.readouterr()
    assert "--append" in err
    assert _count(db) == 200
    assert main(["--lang", "nl"] + args + ["--append", "--seed", "2", "--quiet"]) == 0
    assert "200 deelnemers" in capsys.readouterr().out
    assert _count(db) == 400
    assert _count(db, "branch") == 6


def test_demo_rejects_a_bad_date(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--database", str(tmp_path / "x.sqlite3"), "--lang", "en", "demo", "--today", "16/03/2026"])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_screenshot_writes_one_png_per_main_screen(qapp, tmp_path, capsys):
    db = tmp_path / "demo.sqlite3"
    assert main(["--database", str(db), "demo", "--participants", "150", "--today", "2026-03-16", "--quiet"]) == 0
    out = tmp_path / "shots"
    assert main(["--database", str(db), "--lang", "nl", "screenshot", "--out", str(out)]) == 0
    files = sorted(p.name for p in out.glob("*.png"))
    assert files == sorted(f"{key}-nl.png" for key, _title, _factory in SCREENS)
    image = QImage(str(out / "participants-nl.png"))
    # the window fits the screen less its taskbar (issue 17: at 1280 x 800 the status bar was hidden)
    assert 1260 <= image.width() <= 1280 and 720 <= image.height() <= 800 - 40


def test_an_empty_database_offers_demo_data_and_the_participants_screen_shows_it(qtbot, store, monkeypatch):
    from duo_desktop import app as app_module
    from duo_desktop.services import demo

    asked = []

    def answer_yes(*args, **kwargs):
        asked.append(args[1:])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(app_module.QMessageBox, "question", answer_yes)
    window = app_module.build_main_window(store, clock=FixedClock.on(TODAY), language="fr")
    qtbot.addWidget(window)
    window.show()
    screen = window.show_screen("participants")
    assert screen.model.rowCount() == 0
    app_module.offer_demo_data(window)
    assert asked, "an empty database offers demo data"
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=180_000)  # 2,000 people, on a busy machine
    with store.session() as session:
        assert not demo.is_empty(session)
    assert screen.model.rowCount() == 2000
    # a database with data does not ask again at start
    asked.clear()
    app_module.offer_demo_data(window)
    assert not asked
