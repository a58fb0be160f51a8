"""Restoring an older backup re-applies the erasures made after it (issue
12): from the erasure log beside the backups (ids only) and from the
replaced database's own audit trail."""

from __future__ import annotations

import datetime as dt
import os
import stat

from sqlalchemy import select

from duo_desktop.models import Participant
from duo_desktop.services import privacy
from duo_desktop.services.privacy.reapply import restore_keeping_erasures
from duo_desktop.store import erasure_log, open_store
from duo_desktop.store.maintenance import backup_now
from tests import factories as f

NOW = dt.datetime(2026, 3, 16, 9)
ERASED, KEPT = "Ulrikovna", "Bergamotte"


def _setup(tmp_path):
    folder = tmp_path / "backups"
    store = open_store(f"sqlite:///{tmp_path / 'duo.sqlite3'}", backup_dir=folder)
    with store.transaction() as s:
        b = f.branch(s)
        one = f.participant(s, b, last=ERASED).id
        two = f.participant(s, b, last=KEPT).id
    older = backup_now(store, folder, NOW)
    with store.transaction() as s:
        privacy.anonymise(s, one, NOW.date(), NOW)
    return store, folder, older, one, two


def _names(store) -> dict[int, str]:
    with store.session() as s:
        return dict(s.execute(select(Participant.id, Participant.last_name)).all())


def test_an_erased_person_stays_erased_after_an_older_backup_is_restored(tmp_path):
    store, folder, older, one, two = _setup(tmp_path)
    log = erasure_log.log_path(store.path, folder)
    assert [e.participant_id for e in erasure_log.read(log)] == [one]
    text = log.read_text()
    assert ERASED not in text and KEPT not in text, "the log holds ids only"
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600

    saved, reapplied = restore_keeping_erasures(store, older, folder, NOW + dt.timedelta(hours=1))
    assert reapplied == 1
    names = _names(store)
    assert names[one] == "" and names[two] == KEPT
    with store.session() as s:
        assert s.get(Participant, one).erased_on == NOW.date()
    store.dispose()
    for suffix in ("", "-wal"):
        path = tmp_path / f"duo.sqlite3{suffix}"
        if path.exists():
            assert ERASED.encode() not in path.read_bytes()


def test_without_the_log_the_replaced_database_s_trail_still_brings_the_erasure_forward(tmp_path):
    store, folder, older, one, two = _setup(tmp_path)
    erasure_log.log_path(store.path, folder).unlink()
    _saved, reapplied = restore_keeping_erasures(store, older, folder, NOW + dt.timedelta(hours=1))
    assert reapplied == 1 and _names(store)[one] == ""
    store.dispose()


def test_an_erasure_rolled_back_is_not_logged_and_a_reused_id_is_left_alone(tmp_path):
    store, folder, older, one, two = _setup(tmp_path)
    log = erasure_log.log_path(store.path, folder)
    try:
        with store.transaction() as s:
            privacy.anonymise(s, two, NOW.date(), NOW)
            raise RuntimeError("the user's transaction failed")
    except RuntimeError:
        pass
    assert [e.participant_id for e in erasure_log.read(log)] == [one]
    # the log names someone whose id now belongs to another person (another uid): untouched
    erasure_log.append(log, [erasure_log.Erasure(two, "00000000-0000-0000-0000-000000000000", NOW.date(), "x")])
    with store.transaction() as s:
        assert privacy.reapply.reapply(s, erasure_log.read(log), NOW) == 0
    assert _names(store)[two] == KEPT
    store.dispose()


def test_the_command_line_restore_says_how_many_were_erased_again(tmp_path, monkeypatch, capsys):
    from duo_desktop.__main__ import main

    monkeypatch.setenv("DUO_DATA_DIR", str(tmp_path))
    store, folder, older, one, two = _setup(tmp_path)
    store.dispose()
    from duo_desktop import config

    monkeypatch.setattr(config, "backup_dir", lambda: folder)
    code = main(["--lang", "en", "--database", str(tmp_path / "duo.sqlite3"), "backups", "restore", str(older)])
    out = capsys.readouterr().out
    assert code == 0 and "1 person erased since that backup was erased again." in out
    again = open_store(f"sqlite:///{tmp_path / 'duo.sqlite3'}", backup_dir=folder)
    assert _names(again)[one] == ""
    again.dispose()
