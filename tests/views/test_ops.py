"""views/ops.py: one transaction per action, results on the UI thread,
typed changes announced with the initiator, errors rendered in the
interface language."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from duo_desktop import i18n
from duo_desktop.i18n import N_
from duo_desktop.models import Branch
from duo_desktop.services.errors import Cancelled, RuleError
from duo_desktop.views.context import Changes
from duo_desktop.views.ops import Operation, Query, failure_message, wait_for_tasks


def _branch(code: str) -> Branch:
    return Branch(code=code, name=code, city="Gent", country="BE", employment_office="VDAB")


def _count(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Branch))


def _listen(hub) -> list:
    heard = []
    hub.changed.connect(lambda changes, by: heard.append((changes, by)))
    return heard


def test_success_commits_delivers_and_announces_with_initiator(app_context):
    heard = _listen(app_context.hub)
    got = []
    who = object()
    ok = Operation(None, app_context, lambda s: s.add(_branch("GNT")) or "done",
                   changes=Changes.SETTINGS, initiator=who).success(got.append).run()
    assert ok and got == ["done"]
    assert _count(app_context.store) == 1
    assert heard == [(Changes.SETTINGS, who)]


def test_a_refusal_saves_nothing_and_announces_nothing(app_context):
    heard = _listen(app_context.hub)
    failures = []

    def work(s):
        s.add(_branch("GNT"))
        s.flush()
        raise RuleError(N_("Nothing was saved: choose a branch first."), "branch_required")

    ok = Operation(None, app_context, work, changes=Changes.SETTINGS).failure(failures.append).run()
    assert not ok
    assert _count(app_context.store) == 0  # the flushed row was rolled back
    assert heard == []
    assert failures[0].code == "branch_required"


def test_an_unexpected_error_shows_its_type_never_its_text(app_context):
    failures = []
    Operation(None, app_context, lambda s: (_ for _ in ()).throw(KeyError("Amina Haddad")),
              ).failure(failures.append).run()
    assert "Amina" not in failure_message(failures[0])
    assert "KeyError" in failure_message(failures[0])


def test_rule_errors_are_rendered_in_the_language_of_whoever_shows_them():
    exc = RuleError(N_("Nothing was saved: choose a branch first."), "branch_required")
    i18n.set_language("nl")
    nl = exc.message()
    assert exc.message(i18n.Translator("en")) == "Nothing was saved: choose a branch first."
    assert nl != "Nothing was saved: choose a branch first." and nl == i18n.Translator("nl").gettext("Nothing was saved: choose a branch first.")


def test_query_commits_nothing(app_context):
    def work(s):
        s.add(_branch("GNT"))
        s.flush()
        return 1

    assert Query(None, app_context, work).run()
    assert _count(app_context.store) == 0


def test_background_work_runs_off_the_ui_thread_and_delivers_on_it(app_context, qtbot):
    threads = {}
    heard = _listen(app_context.hub)

    def work(s):
        threads["work"] = threading.current_thread()
        s.add(_branch("GNT"))
        return 7

    got = []
    op = Operation(None, app_context, work, changes=Changes.SETTINGS)
    op.success(lambda r: (got.append(r), threads.setdefault("done", threading.current_thread())))
    op.run_in_background()
    qtbot.waitUntil(lambda: got == [7], timeout=5000)
    assert threads["work"] is not threading.main_thread()
    assert threads["done"] is threading.main_thread()
    assert heard == [(Changes.SETTINGS, None)]
    assert _count(app_context.store) == 1


def test_cancelled_background_work_saves_nothing(app_context, qtbot):
    gate = threading.Event()
    cancelled = []

    def work(s, progress):
        s.add(_branch("GNT"))
        s.flush()
        gate.wait(5)
        if not progress(1, 2):
            raise Cancelled()
        return "finished"

    got = []
    op = Operation(None, app_context, work, changes=Changes.SETTINGS).with_progress("…")
    op.success(got.append).cancelled(lambda: cancelled.append(True))
    op.run_in_background()
    op.cancel()
    gate.set()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=5000)
    wait_for_tasks()
    assert got == []
    assert _count(app_context.store) == 0


@pytest.mark.parametrize("flag", [Changes.PARTICIPANTS, Changes.DUOS, Changes.EVENTS, Changes.SETTINGS])
def test_all_covers_every_kind(flag):
    assert flag & Changes.ALL


def test_value_returns_the_result_of_a_quick_read_or_the_default(app_context):
    with app_context.store.transaction() as s:
        s.add(_branch("GNT"))
    assert Query(None, app_context, lambda s: s.scalar(select(Branch.code))).value() == "GNT"
    failures = []
    missing = Query(None, app_context, lambda s: s.get(Branch, 1).nope).failure(failures.append)
    assert missing.value("none") == "none"
    assert isinstance(missing.error, AttributeError) and failures == [missing.error]


def test_work_that_ends_after_its_screen_closed_shows_nothing(app_context, qtbot, monkeypatch):
    """A screen closed while its background work runs: the result and the
    failure are dropped, no message box opens on a deleted window."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a))
    release = threading.Event()

    def work(_s, _progress):  # noqa: ANN001, ANN202
        release.wait(10)
        raise OSError("disk gone")

    screen = QWidget()
    got = []
    Query(screen, app_context, work).with_progress("…").success(got.append).run_in_background()
    screen.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(screen))
    release.set()
    wait_for_tasks()
    assert shown == [] and got == []
