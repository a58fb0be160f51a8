"""The matching board: drop with real mime data, the keyboard path, undo and
redo, refusals, highlighting, propose for all, and the proposals panel."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from duo_desktop import i18n
from duo_desktop.models import Decision, Duo, DuoStage, LanguageLevel, Role
from duo_desktop.views.matching import MatchingScreen
from duo_desktop.views.matching.cards_model import BestRole, FeasibleRole, ScoreRole
from duo_desktop.views.matching.mime import MENTEE_MIME

from . import matching_data


@pytest.fixture
def ids(store):
    return matching_data.build(store)


@pytest.fixture
def board(app_context, qtbot, ids):
    screen = MatchingScreen(app_context)
    qtbot.addWidget(screen)
    screen.resize(1400, 800)
    screen.refresh()
    loaded(qtbot, screen)
    return screen


def loaded(qtbot, screen: MatchingScreen) -> None:
    """The pool and its scores load in the background: wait for them."""
    qtbot.waitUntil(lambda: not screen.busy, timeout=20_000)


def duos(store) -> list[tuple[int, int, DuoStage]]:
    with store.session() as s:
        return [(d.mentee_id, d.mentor_id, d.stage) for d in s.scalars(select(Duo).order_by(Duo.id))]


def drop(board: MatchingScreen, mentee_id: int, mentor_id: int) -> None:
    """A real QDropEvent with the mentee card's own mime data, sent to the
    mentor list's drop handler at the mentor card's position."""
    mentee_row = board.mentee_model.row_of(mentee_id)
    mime = board.mentee_model.mimeData([board.mentee_model.index(mentee_row)])
    assert mime.formats() == [MENTEE_MIME]
    view = board.mentor_view
    rect = view.visualRect(board.mentor_model.index(board.mentor_model.row_of(mentor_id)))
    event = QDropEvent(QPointF(rect.center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    view.dropEvent(event)


def test_models_pass_the_model_tester(board, qtmodeltester):
    qtmodeltester.check(board.mentee_model)
    board.mentee_view.select_id(board.mentee_model.profile(0).id)
    qtmodeltester.check(board.mentor_model)


def test_waiting_mentees_longest_waiting_first(board, ids):
    assert [p.id for p in board.mentee_model.profiles()] == [ids["amina"], ids["selam"], ids["fatima"]]
    lines = board.mentee_model.data(board.mentee_model.index(0), Qt.ItemDataRole.UserRole + 2)
    assert lines[0] == "attend depuis 105 jours · Schaerbeek"


def test_dropping_a_mentee_on_a_mentor_proposes_and_undo_redo(board, store, ids):
    drop(board, ids["amina"], ids["joelle"])
    assert duos(store) == [(ids["amina"], ids["joelle"], DuoStage.PROPOSED)]
    assert board.undo_stack.count() == 1
    assert "enregistré" in board.banner.text()
    assert ids["amina"] not in [p.id for p in board.mentee_model.profiles()]  # off the waiting list
    board.undo_stack.undo()
    assert duos(store) == []
    assert ids["amina"] in [p.id for p in board.mentee_model.profiles()]
    board.undo_stack.redo()
    assert duos(store) == [(ids["amina"], ids["joelle"], DuoStage.PROPOSED)]


def test_a_drop_onto_an_impossible_mentor_is_refused_with_the_reason(board, store, ids):
    drop(board, ids["amina"], ids["pieter"])  # no common language
    assert duos(store) == []
    assert board.undo_stack.count() == 0
    assert "aucune langue commune" in board.banner.text()
    assert "rien n’a été enregistré" in board.banner.text().lower()


def test_while_a_mentee_is_chosen_every_mentor_shows_its_compatibility(board, ids):
    model = board.mentor_model
    assert model.data(model.index(0), ScoreRole) is None
    board._on_drag_started(ids["amina"])
    joelle, pieter = model.index(model.row_of(ids["joelle"])), model.index(model.row_of(ids["pieter"]))
    assert model.data(joelle, FeasibleRole) is True and model.data(joelle, BestRole) is True
    assert model.data(pieter, FeasibleRole) is False and model.data(pieter, BestRole) is False
    assert model.data(joelle, ScoreRole) > model.data(pieter, ScoreRole)
    assert "aucune langue commune" in model.data(pieter, Qt.ItemDataRole.UserRole + 6)
    board._on_drag_finished()
    assert model.data(joelle, ScoreRole) is None


def test_keyboard_alone_select_choose_confirm_then_ctrl_z(board, store, ids, qtbot):
    board.show()
    with qtbot.waitActive(board):
        board.activateWindow()
    board.mentee_view.setFocus()
    qtbot.keyClick(board.mentee_view, Qt.Key.Key_Home)
    assert board.mentee_view.current_id() == ids["amina"]
    qtbot.keyClick(board.mentee_view, Qt.Key.Key_Tab)
    assert board.mentor_view.hasFocus(), QApplication.focusWidget()
    qtbot.keyClick(board.mentor_view, Qt.Key.Key_Home)
    while board.mentor_view.current_id() != ids["joelle"]:
        qtbot.keyClick(board.mentor_view, Qt.Key.Key_Down)
    assert "Joëlle Dubois" in board.explanation.body.text()
    qtbot.keyClick(board.mentor_view, Qt.Key.Key_Return)
    assert duos(store) == [(ids["amina"], ids["joelle"], DuoStage.PROPOSED)]
    qtbot.keyClick(board.mentor_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert duos(store) == []
    qtbot.keyClick(board.mentor_view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert duos(store) == [(ids["amina"], ids["joelle"], DuoStage.PROPOSED)]


def test_changing_a_weight_rescores_at_once_and_is_saved(board, store, ids):
    board._on_drag_started(ids["fatima"])
    model = board.mentor_model
    pieter = model.index(model.row_of(ids["pieter"]))
    before = model.data(pieter, ScoreRole)
    board.weights_panel.spins["sector"].setValue(0)
    assert model.data(pieter, ScoreRole) < before
    board.save_weights(board.weights_panel.weights())
    from duo_desktop.models import Branch

    with store.session() as s:
        assert s.get(Branch, ids["branch"]).matching_weights["sector"] == 0


def test_propose_for_all_drafts_accepted_one_by_one_and_unmatched_listed(board, store, ids, qtbot):
    board.propose_all()
    assert board.busy and not board.propose_all_button.isEnabled()  # it runs in the background
    loaded(qtbot, board)
    panel = board.drafts_panel
    pairs = {(d.mentee_id, d.mentor_id) for d in panel.drafts}
    assert pairs == {(ids["amina"], ids["joelle"]), (ids["fatima"], ids["pieter"])}
    unmatched = [panel.unmatched.topLevelItem(i).text(1) for i in range(panel.unmatched.topLevelItemCount())]
    assert unmatched == ["aucun mentor formé ne parle tigrigna à Bruxelles"]
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    first = panel.selected()[0]
    panel.accept_button.click()
    assert duos(store) == [(first.mentee_id, first.mentor_id, DuoStage.PROPOSED)]
    assert len(panel.drafts) == 1
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.reject_button.click()
    assert panel.drafts == [] and len(duos(store)) == 1
    board.undo_stack.undo()
    assert duos(store) == []


def test_proposal_to_first_meeting_and_decisions(board, store, ids, clock):
    board.propose(ids["amina"], ids["joelle"])
    panel = board.proposals_panel
    [row] = panel.rows
    meeting = dt.datetime(2026, 3, 20, 14)
    assert panel.plan_meeting(row.duo_id, meeting, "Antenne de Bruxelles")
    assert panel.rows[0].stage is DuoStage.FIRST_MEETING_PLANNED
    clock.advance(days=5)
    assert not panel.record(row.duo_id, "mentee", Decision.REFUSED, dt.date(2026, 3, 20), "")
    assert "Indiquez pourquoi" in board.banner.text() or "pourquoi" in board.banner.text()
    assert panel.record(row.duo_id, "mentor", Decision.ACCEPTED, dt.date(2026, 3, 20))
    assert panel.record(row.duo_id, "mentee", Decision.REFUSED, dt.date(2026, 3, 20), "horaires incompatibles")
    assert duos(store)[0][2] is DuoStage.REFUSED
    assert "ne seront plus proposés ensemble" in board.banner.text()
    assert ids["amina"] in [p.id for p in board.mentee_model.profiles()]  # back in the pool
    assert board.propose(ids["amina"], ids["joelle"]) is False
    assert "refusés" in board.banner.text()


def test_both_saying_yes_updates_the_participants_status_counts(board, app_context, ids, clock, qtbot):
    """Seam: both decisions move mentor and mentee to "in a duo"; the
    participants screen, already built, counts them without a restart."""
    from duo_desktop.models import ParticipantStatus
    from duo_desktop.views.participants_screen import ParticipantsScreen

    people = ParticipantsScreen(app_context)
    qtbot.addWidget(people)
    people.refresh()
    assert people.strip.count_text(ParticipantStatus.IN_DUO).endswith("(0)")
    board.propose(ids["amina"], ids["joelle"])
    panel = board.proposals_panel
    [row] = panel.rows
    assert panel.plan_meeting(row.duo_id, dt.datetime(2026, 3, 20, 14), "Antenne de Bruxelles")
    clock.advance(days=5)
    assert panel.record(row.duo_id, "mentor", Decision.ACCEPTED, dt.date(2026, 3, 20))
    assert people.strip.count_text(ParticipantStatus.IN_DUO).endswith("(0)")  # one yes is not a duo yet
    assert panel.record(row.duo_id, "mentee", Decision.ACCEPTED, dt.date(2026, 3, 20))
    assert people.strip.count_text(ParticipantStatus.IN_DUO).endswith("(2)")


def test_withdrawing_a_proposal_is_undoable(board, store, ids):
    board.propose(ids["fatima"], ids["pieter"])
    row = board.proposals_panel.rows[0]
    board.proposals_panel.tree.setCurrentItem(board.proposals_panel.tree.topLevelItem(0))
    board.proposals_panel.withdraw_button.click()
    assert duos(store) == []
    board.undo_stack.undo()
    assert [(m, t) for m, t, _s in duos(store)] == [(row.mentee_id, row.mentor_id)]


def test_language_switch_retranslates_the_board(board):
    i18n.set_language("nl")
    assert board.propose_all_button.text() == "Voor &iedereen voorstellen"
    lines = board.mentee_model.data(board.mentee_model.index(0), Qt.ItemDataRole.UserRole + 2)
    assert lines[0].startswith("wacht al 105 dagen") and lines[2] == "Arabisch en Frans"
    i18n.set_language("en")
    assert board.propose_all_button.text() == "Propose for &all"


def test_undo_of_a_proposal_that_went_further_is_refused_and_nothing_changes(board, store, ids):
    board.propose(ids["amina"], ids["joelle"])
    duo_id = board.proposals_panel.rows[0].duo_id
    assert board.proposals_panel.plan_meeting(duo_id, dt.datetime(2026, 3, 20, 14), "Antenne")
    board.undo_stack.undo()
    assert duos(store) == [(ids["amina"], ids["joelle"], DuoStage.FIRST_MEETING_PLANNED)]
    assert "n’a pas pu être annulée" in board.banner.text()
    assert board.undo_stack.count() == 0  # the stale step is gone, nothing left to redo wrongly


def test_dialogs_return_what_the_coordinator_entered(qtbot):
    from duo_desktop.views.matching.dialogs import DecisionDialog, FirstMeetingDialog

    meeting = FirstMeetingDialog("A avec B", dt.datetime(2026, 3, 23, 14), "")
    qtbot.addWidget(meeting)
    meeting.where.setText("Antenne de Bruxelles")
    assert meeting.value() == (dt.datetime(2026, 3, 23, 14), "Antenne de Bruxelles")
    decision = DecisionDialog("mentoré", "Фатима Иванова", dt.date(2026, 3, 24))
    qtbot.addWidget(decision)
    assert not decision.reason.isEnabled()
    decision.refuse_radio.setChecked(True)
    assert decision.reason.isEnabled()
    decision.reason.setPlainText("pas de créneau commun")
    assert decision.value() == (Decision.REFUSED, dt.date(2026, 3, 24), "pas de créneau commun")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PySide marks QDragMoveEvent's only constructor so
def test_dragging_over_an_impossible_mentor_is_refused_and_says_why(board, store, ids):
    from PySide6.QtGui import QDragMoveEvent

    mime = board.mentee_model.mimeData([board.mentee_model.index(board.mentee_model.row_of(ids["amina"]))])
    board._on_drag_started(ids["amina"])
    view = board.mentor_view
    for mentor, accepted in ((ids["pieter"], False), (ids["joelle"], True)):
        rect = view.visualRect(board.mentor_model.index(board.mentor_model.row_of(mentor)))
        event = QDragMoveEvent(rect.center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                               Qt.KeyboardModifier.NoModifier)
        view.dragMoveEvent(event)
        assert event.isAccepted() is accepted
        if not accepted:
            assert board.banner.text() == "Impossible de proposer ce duo\u202f: aucune langue commune."
    assert "Déposez pour proposer ce duo" in board.banner.text()
    board._on_drag_finished()  # dropped nowhere
    assert board.banner.text().startswith("Glissez un mentoré")
    assert duos(store) == []


def test_choosing_a_mentee_lists_the_mentors_best_first(board, ids):
    order = [p.id for p in board.mentor_model.profiles()]
    board.mentee_view.select_id(ids["fatima"])
    model = board.mentor_model
    assert model.profile(0).id == ids["pieter"]  # same sector, Dutch, a common slot
    feasible = [model.data(model.index(r), FeasibleRole) for r in range(model.rowCount())]
    assert feasible == sorted(feasible, reverse=True)  # possible pairs first
    board.mentee_view.setCurrentIndex(board.mentee_model.index(-1))
    assert [p.id for p in board.mentor_model.profiles()] == order


# --- off the UI thread -----------------------------------------------------------------
def _ticking(interval_ms: int = 20):
    """A timer on the UI thread recording when it ticks: gaps between ticks
    are the time the event loop was blocked."""
    import time

    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    return timer, ticks


BIG = 300  # mentees and mentors; the 2,000 x 2,000 event-loop gap is measured by benchmarks/bench_matching.py


def test_the_board_stays_responsive_while_proposing_for_all(app_context, store, qtbot, monkeypatch):
    """Done-when of issue 9: "propose for all" runs in the background. While
    the work is held in its thread, the board's event loop keeps running (a
    timer keeps ticking), no card can be dropped, and the drafts arrive once
    it is let go. Deterministic: the work waits on a gate, not on a clock."""
    import threading

    from duo_desktop.views.matching import board_actions

    matching_data.bulk_branch(store, BIG, BIG)
    screen = MatchingScreen(app_context)
    qtbot.addWidget(screen)
    screen.resize(1400, 800)
    screen.show()
    screen.refresh()
    loaded(qtbot, screen)
    assert screen.mentee_model.rowCount() == BIG and screen.mentor_model.rowCount() == BIG
    real, gate, seen = board_actions.propose_for_all, threading.Event(), {}

    def held(matrix, progress):  # noqa: ANN001, ANN202
        seen["thread"] = threading.current_thread()
        gate.wait(30)
        return real(matrix, progress)

    monkeypatch.setattr(board_actions, "propose_for_all", held)
    timer, ticks = _ticking()
    screen.propose_all()
    assert screen.busy and not screen.mentee_view.isEnabled()  # no drop on cards about to change
    qtbot.waitUntil(lambda: "thread" in seen and len(ticks) >= 10, timeout=10_000)  # the loop runs meanwhile
    assert seen["thread"] is not threading.main_thread() and screen.busy
    gate.set()
    qtbot.waitUntil(lambda: not screen.busy, timeout=60_000)
    timer.stop()
    drafts = screen.drafts_panel.drafts
    assert len(drafts) > BIG * 0.9 and len({d.mentor_id for d in drafts}) == len(drafts)
    assert screen.mentee_view.isEnabled()


def test_a_pool_for_a_branch_no_longer_shown_is_ignored(app_context, store, qtbot, ids, monkeypatch):
    """The coordinator switches branch while the first one is still being
    scored: the late result of the first must not replace the second."""
    import threading

    from duo_desktop.services.matching import proposals
    from duo_desktop.views.ops import wait_for_tasks

    from . import factories as f

    with store.transaction() as s:
        gent = f.branch(s, code="GNT", city="Gent", office="vdab")
        ghent_mentee = f.participant(s, gent, role=Role.MENTEE, first="Lotte", languages={"nl": LanguageLevel.FLUENT}).id
    gate = threading.Event()
    real = proposals.board

    def slow_for_brussels(session, branch_id, *args):  # noqa: ANN001, ANN002
        if branch_id == ids["branch"]:
            gate.wait(20)
        return real(session, branch_id, *args)

    monkeypatch.setattr(proposals, "board", slow_for_brussels)
    screen = MatchingScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()  # Bruxelles first (by city), held back
    assert screen.branch_id() == ids["branch"] and screen.busy
    screen.branch_combo.setCurrentIndex(screen.branch_combo.findData(gent.id))
    qtbot.waitUntil(lambda: not screen.busy, timeout=20_000)
    assert [p.id for p in screen.mentee_model.profiles()] == [ghent_mentee]
    gate.set()  # the Brussels pool arrives now, too late
    wait_for_tasks()
    qtbot.wait(50)
    assert [p.id for p in screen.mentee_model.profiles()] == [ghent_mentee]
    assert not screen.busy


def test_a_drop_changes_one_mentee_card_and_one_mentor_card_without_reloading(board, store, ids, monkeypatch,
                                                                             qtmodeltester):
    """After a drop, an undo or a withdrawal only the touched cards change:
    no reset of either list, no new read of the pool."""
    from duo_desktop.services.matching import proposals

    def no_reload(*_args, **_kw):  # noqa: ANN002, ANN003
        raise AssertionError("the whole pool was read again")

    monkeypatch.setattr(proposals, "board", no_reload)
    qtmodeltester.check(board.mentee_model)  # the testers stay attached: they check every insert and removal
    qtmodeltester.check(board.mentor_model)
    events: list[tuple[str, str, int]] = []
    for name, model in (("mentee", board.mentee_model), ("mentor", board.mentor_model)):
        model.modelReset.connect(lambda name=name: events.append((name, "reset", -1)))
        model.rowsRemoved.connect(lambda _p, first, _l, name=name: events.append((name, "removed", first)))
        model.rowsInserted.connect(lambda _p, first, _l, name=name: events.append((name, "inserted", first)))
        model.dataChanged.connect(lambda tl, br, _r=(), name=name: events.append(
            (name, "changed", tl.row()) if tl.row() == br.row() else (name, "changed-all", -1)))
    joelle_row = board.mentor_model.row_of(ids["joelle"])
    amina_row = board.mentee_model.row_of(ids["amina"])
    drop(board, ids["amina"], ids["joelle"])
    assert duos(store) == [(ids["amina"], ids["joelle"], DuoStage.PROPOSED)]
    assert ("mentee", "removed", amina_row) in events and ("mentor", "changed", joelle_row) in events
    assert not [e for e in events if e[1] == "reset"]
    joelle = board.mentor_model.profile(board.mentor_model.row_of(ids["joelle"]))
    assert joelle.free_places == 0  # her card says she is full now
    assert not board.matrix.feasible[:, board.matrix.col_of(ids["joelle"])].any()
    events.clear()
    board.undo_stack.undo()
    assert duos(store) == []
    assert ("mentee", "inserted", amina_row) in events and ("mentor", "changed", joelle_row) in events
    assert not [e for e in events if e[1] == "reset"]
    assert [p.id for p in board.mentee_model.profiles()] == [ids["amina"], ids["selam"], ids["fatima"]]
    assert board.mentor_model.profile(board.mentor_model.row_of(ids["joelle"])).free_places == 1


def test_the_proposal_buttons_follow_the_duo_lifecycle(board, ids, clock):
    """The panel asks duo_lifecycle.allowed_actions; it restates no stage."""
    panel = board.proposals_panel
    board.propose(ids["amina"], ids["joelle"])
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))

    def enabled() -> list[bool]:
        return [b.isEnabled() for b in (panel.meeting_button, panel.withdraw_button, panel.mentor_button,
                                        panel.mentee_button)]

    assert enabled() == [True, True, False, False]  # proposed: plan the meeting or withdraw
    assert panel.plan_meeting(panel.rows[0].duo_id, dt.datetime(2026, 3, 20, 14), "Antenne")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert enabled() == [True, False, True, True]  # met: no withdrawing, both decide
    clock.advance(days=5)
    assert panel.record(panel.rows[0].duo_id, "mentor", Decision.ACCEPTED, dt.date(2026, 3, 20))
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert enabled() == [True, False, False, True]  # the mentor has decided


def test_propose_for_all_can_be_cancelled_and_changes_nothing(board, store, qtbot, monkeypatch):
    import threading

    from duo_desktop.views.matching import board_actions

    gate = threading.Event()
    real = board_actions.propose_for_all

    def held(*args, **kw):  # noqa: ANN002, ANN003
        gate.wait(20)
        return real(*args, **kw)

    monkeypatch.setattr(board_actions, "propose_for_all", held)
    board.propose_all()
    assert board.busy
    board.actions.propose_all_query.cancel()  # what the progress dialog's Cancel does
    gate.set()
    loaded(qtbot, board)
    assert board.drafts_panel.drafts == [] and duos(store) == []
    assert "annulé" in board.banner.text()
    assert board.propose_all_button.isEnabled()


def test_new_weights_on_a_large_pool_are_scored_in_the_background(board, ids, qtbot, monkeypatch):
    from duo_desktop.views.matching import board_pool

    monkeypatch.setattr(board_pool, "RESCORE_IN_BACKGROUND", 0)  # this small pool counts as large
    board._on_drag_started(ids["fatima"])
    model = board.mentor_model
    pieter = model.index(model.row_of(ids["pieter"]))
    before = model.data(pieter, ScoreRole)
    board.weights_panel.spins["sector"].setValue(0)
    assert board.busy
    loaded(qtbot, board)
    assert model.data(pieter, ScoreRole) < before
    assert board.weights["sector"] == 0


def test_the_search_box_keeps_only_the_cards_whose_name_matches(board, ids):
    board.focus_search()
    search = board.toolbar.search
    assert search.placeholderText() == "Chercher un nom (Ctrl+F)"
    search.setText("LEFEVRE")  # typed without its accent, in capitals
    assert [p.id for p in board.mentor_model.profiles()] == [ids["marc"]]
    assert board.mentee_model.rowCount() == 0
    search.setText("joelle dubois")
    assert [p.id for p in board.mentor_model.profiles()] == [ids["joelle"]]
    search.setText("fatima ivanova")  # a Cyrillic name, found by its Latin spelling
    assert [p.id for p in board.mentee_model.profiles()] == [ids["fatima"]]
    search.clear()
    assert board.mentee_model.rowCount() == 3 and board.mentor_model.rowCount() == 3
