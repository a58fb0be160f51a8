"""`screenshot --what store` renders the restore screen, both damaged-database
messages and the About dialog, without touching the user's data folder."""

from __future__ import annotations

import os

from duo_desktop.__main__ import main
from duo_desktop.store import open_store
from tests import factories


def test_the_database_screens_are_rendered_in_a_temporary_data_folder(qapp, tmp_path, capsys):
    db = tmp_path / "shots.sqlite3"
    store = open_store(f"sqlite:///{db}")
    with store.transaction() as s:
        factories.participant(s, factories.branch(s))
    store.dispose()
    data_before = os.environ["DUO_DATA_DIR"]
    assert main(["--database", str(db), "screenshot", "--out", str(tmp_path / "out"), "--lang", "nl",
                 "--what", "store"]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["about-nl.png", "store-damaged-at-start-nl.png", "store-damaged-weekly-check-nl.png",
                     "store-restore-nl.png"]
    assert all((tmp_path / "out" / n).stat().st_size > 5000 for n in names)
    assert os.environ["DUO_DATA_DIR"] == data_before
    kept = [p.name for p in (tmp_path / "data" / "backups").glob("*.sqlite3")]
    assert all(name.endswith("-daily.sqlite3") for name in kept)  # the command's own daily backup only
