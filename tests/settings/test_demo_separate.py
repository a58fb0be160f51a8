"""Demo data never mixes with real data (issue 10)."""

from __future__ import annotations

import pytest

from duo_desktop import config
from duo_desktop.__main__ import main
from duo_desktop.services import demo
from duo_desktop.services.errors import RuleError
from duo_desktop.services.settings import branches, programme

from .. import factories as f
from ..conftest import TODAY
from .test_settings_services import GHENT, NOW
from ..sqlite_files import sqlite_file


def _count(path, table):
    with sqlite_file(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


def test_demo_on_a_real_database_is_refused_with_a_clear_message(store, tmp_path, capsys):
    with store.transaction() as s:
        branches.create_branch(s, GHENT, NOW)
    path = store.engine.url.database
    for extra in ([], ["--append"]):
        code = main(["--database", path, "--lang", "en", "demo", "--participants", "100", "--quiet"] + extra)
        assert code == 1
        err = capsys.readouterr().err
        assert "holds a real programme; demo data never goes into it" in err
        assert str(config.demo_database_path()) in err
    assert _count(path, "participant") == 0 and _count(path, "branch") == 1
    with pytest.raises(RuleError) as caught:  # the service refuses too, whoever calls it
        demo.generate(store.engine, participants=100, seed=1, today=TODAY)
    assert caught.value.code == "real_data"
    assert _count(path, "branch") == 1


def test_the_demo_has_its_own_file_marked_as_demo(capsys):
    assert main(["demo", "--participants", "100", "--today", "2026-03-16", "--quiet"]) == 0
    path = config.demo_database_path()
    assert path.parent == config.default_database_path().parent and path != config.default_database_path()
    assert _count(path, "participant") == 100
    assert not config.default_database_path().exists()
    with sqlite_file(path) as connection:
        assert connection.execute("SELECT is_demo FROM programme").fetchall() == [(1,)]
    assert main(["demo", "--participants", "100", "--seed", "2", "--quiet", "--append"]) == 0  # a demo grows


def test_a_database_with_only_a_branch_set_up_holds_real_data(store):
    with store.transaction() as s:
        f.branch(s)
    with store.session() as s:
        assert programme.holds_real_data(s) and not programme.programme(s).is_demo
