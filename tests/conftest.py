"""Shared fixtures: offscreen Qt, a fresh database per test, a fixed clock,
and the interface language reset to French after each test."""

from __future__ import annotations

import datetime as dt
import os

os.environ["QT_QPA_PLATFORM"] = os.environ.get("DUO_TEST_QPA", "offscreen")
os.environ.setdefault("TZ", "UTC")
os.environ.setdefault("LC_ALL", "C.UTF-8")

import pytest  # noqa: E402

from duo_desktop import i18n  # noqa: E402
from duo_desktop.services.clock import FixedClock  # noqa: E402
from duo_desktop.store import open_store  # noqa: E402

TODAY = dt.date(2026, 3, 16)  # a Monday; tests never depend on the real date


@pytest.fixture(scope="session")
def qapp_cls():
    """The application of the tests gets the app-wide policies the real one
    has (create_application): windows fit the screen, the keyboard policy."""
    from PySide6.QtWidgets import QApplication

    class TestApplication(QApplication):
        def __init__(self, *args) -> None:
            super().__init__(*args)
            from duo_desktop.views import fit, keyboard

            fit.install(self)
            keyboard.install(self)

    return TestApplication


@pytest.fixture(scope="session", autouse=True)
def _one_application_first(qapp):
    """The tests' QApplication exists before any test runs, so that code which
    makes a QCoreApplication when none exists (the self-check) never leaves a
    process where widgets then crash, whatever order the tests run in."""
    return qapp


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(TODAY)


@pytest.fixture
def store(tmp_path):
    """A fresh, migrated SQLite file per test."""
    s = open_store(f"sqlite:///{tmp_path / 'test.sqlite3'}", backup_dir=tmp_path / "backups")
    yield s
    s.dispose()


@pytest.fixture(scope="session")
def pg_server():
    """A throw-away PostgreSQL server for the whole session (tests/pg.py).
    Where it cannot start, the tests that need it fail when ``CI`` is set
    and are skipped, with the reason, elsewhere."""
    from .pg import PgServer, PgUnavailable

    server = PgServer()
    try:
        server.start()
    except PgUnavailable as exc:
        server.stop()
        reason = f"PostgreSQL could not be started: {exc}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """The URL of a fresh PostgreSQL database at the schema's head."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_any(request, tmp_path):
    """A fresh, migrated store on each engine: a SQLite file, then a
    PostgreSQL database on the session's server."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_url")
    s = open_store(url, backup_dir=tmp_path / "backups")
    yield s
    s.dispose()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item, nextitem):  # noqa: ANN001, ANN201
    """Background work a test started ends before its fixtures (the store,
    the windows) are torn down, so it never runs into the next test."""
    import sys

    if "PySide6.QtCore" in sys.modules:
        import faulthandler

        from PySide6.QtCore import QThreadPool

        if not QThreadPool.globalInstance().waitForDone(120_000):
            # a task that never ends would make every later test wait too (and the
            # run outlast CI's limit): say where it is stuck and stop the run here
            faulthandler.dump_traceback(all_threads=True)
            pytest.exit(f"background work started by {item.nodeid} never ended (stacks above)", returncode=3)
    yield


@pytest.fixture(autouse=True)
def _collect_on_the_ui_thread():
    """As the app does (views/collector.py): no automatic collection, which
    could free a Qt object on a worker thread; the test's thread collects."""
    import gc

    gc.disable()
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    """No test touches the user's real data folder or settings."""
    monkeypatch.setenv("DUO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DUO_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from duo_desktop.views import columns

    monkeypatch.setattr(columns, "settings_path", str(tmp_path / "config" / "columns.ini"))
    i18n.set_language("fr")
    yield
    i18n.set_language("fr")


@pytest.fixture(autouse=True)
def _dialogs_close_without_asking(monkeypatch):
    """A dialog closed with typed text asks first (views/typed_guard.py); a
    modal question would hang a test that cancels, so tests turn it off
    (tests/views/test_date_field.py turns it back on to test it)."""
    from duo_desktop.views.typed_guard import AsksBeforeDiscarding

    monkeypatch.setattr(AsksBeforeDiscarding, "discard_silently", True)


@pytest.fixture
def app_context(store, clock, qapp):
    from duo_desktop.views.context import AppContext
    from duo_desktop.views.fonts import install_fonts

    install_fonts(qapp)
    return AppContext(store=store, clock=clock)
