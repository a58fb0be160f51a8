"""Closing a store leaves the planner's statistics in the file (issue 14:
a report's query planned without them ran for minutes at 100,000 people)."""

from __future__ import annotations

from duo_desktop.store.session import open_store
from tests import factories as f
from .sqlite_files import sqlite_file


def _statistics(path) -> int:  # noqa: ANN001
    with sqlite_file(path) as connection:
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return 0
        return connection.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0]


def test_closing_a_store_analyses_the_file(tmp_path):
    path = tmp_path / "branch.sqlite3"
    store = open_store(f"sqlite:///{path}")
    with store.transaction() as session:
        f.participant(session, f.branch(session))
    store.dispose()
    assert _statistics(path) > 0


def test_a_store_opened_read_only_writes_no_statistics(tmp_path):
    path = tmp_path / "branch.sqlite3"
    open_store(f"sqlite:///{path}").engine.dispose()  # created, closed without statistics
    store = open_store(f"sqlite:///{path}", read_only=True)
    store.dispose()
    assert _statistics(path) == 0
