"""A database in a read-only folder opens for reading, says so, and refuses
writes with a clear message (issue 11: "a read-only folder still allows
reading"). Root ignores permissions: the chmod test is skipped as root, and the
same path is tested by asking for read-only (read_only=True) or by the
writability check answering no."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select

from duo_desktop import i18n
from duo_desktop.models import Participant
from duo_desktop.store import open_store
from duo_desktop.store import session as store_session
from duo_desktop.store.problems import StoreError
from duo_desktop.views.ops import failure_message
from tests import factories


@pytest.fixture
def filled(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "programme.sqlite3"
    store = open_store(f"sqlite:///{path}")
    with store.transaction() as s:
        factories.participant(s, factories.branch(s))
    store.dispose()
    return path


def _reads_and_refuses(path) -> None:
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    store = open_store(f"sqlite:///{path}", backup_dir=path.parent / "backups")
    try:
        assert store.read_only
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(Participant)) == 1
        with pytest.raises(StoreError) as caught, store.transaction() as s:
            factories.branch(s, code="GNT", city="Gent")
        assert caught.value.code == "read_only"
        i18n.set_language("en")
        assert failure_message(caught.value).startswith(
            f"The database {path} is open for reading only: its folder or the file cannot be written to. "
            "Nothing was saved.")
    finally:
        store.dispose()
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before  # not a byte written


def test_a_folder_the_process_may_not_write_opens_the_database_read_only(filled, monkeypatch):
    monkeypatch.setattr(store_session, "_writable", lambda folder: folder != filled.parent)
    _reads_and_refuses(filled)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores the folder's permissions")
def test_a_chmod_read_only_folder_opens_the_database_read_only(filled):
    filled.parent.chmod(0o555)
    try:
        _reads_and_refuses(filled)
    finally:
        filled.parent.chmod(0o755)


def test_read_only_on_request_even_as_root(filled):
    store = open_store(f"sqlite:///{filled}", read_only=True)
    try:
        assert store.read_only
        with pytest.raises(StoreError), store.transaction():
            pass
        raw = store.engine.raw_connection()  # even a write behind the services' back is refused by SQLite
        try:
            with pytest.raises(Exception, match="readonly"):
                raw.driver_connection.execute("DELETE FROM participant")
        finally:
            raw.close()
    finally:
        store.dispose()


def test_the_main_window_says_read_only_in_the_status_bar(qtbot, filled, clock, qapp):
    from duo_desktop.views.context import AppContext
    from duo_desktop.views.main_window import MainWindow
    from duo_desktop.views.store_dialogs import install_store_menu

    i18n.set_language("nl")
    store = open_store(f"sqlite:///{filled}", read_only=True)
    try:
        window = MainWindow(AppContext(store=store, clock=clock))
        qtbot.addWidget(window)
        install_store_menu(window)
        assert window.read_only_label.text() == "Alleen-lezen: wijzigingen kunnen niet worden opgeslagen"
        assert not window.restore_action.isEnabled()
        window.close()
    finally:
        store.dispose()
