"""Never lose data (issue 11), the store side: damage detected before any
write, atomic backups that survive a kill, thinning on an injected clock,
restore, clear messages for the environment."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from duo_desktop.models import Participant
from duo_desktop.store import open_store
from duo_desktop.store.backup import BackupInfo, BackupLimits, list_backups, make_backup, thin
from duo_desktop.store.maintenance import backup_now, daily_backup, describe, restore
from duo_desktop.store.problems import StoreError
from tests import factories
from .sqlite_files import sqlite_file

NOW = dt.datetime(2026, 3, 16, 9, 0)


def _filled(path: Path, people: int = 30):
    store = open_store(f"sqlite:///{path}")
    with store.transaction() as s:
        b = factories.branch(s)
        for _ in range(people):
            factories.participant(s, b)
    return store


def _count(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Participant))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pages(path: Path) -> int:
    return path.stat().st_size // 4096


def _flip(path: Path, page: int, length: int = 64) -> None:
    page_size = 4096
    data = bytearray(path.read_bytes())
    for i in range(page_size * (page - 1), page_size * (page - 1) + length):
        data[i] ^= 0xA5
    path.write_bytes(bytes(data))


def test_a_database_with_flipped_bytes_is_refused_before_any_write(tmp_path):
    path = tmp_path / "duo.sqlite3"
    _filled(path, 200).dispose()
    pages = _pages(path)
    assert pages > 6
    _flip(path, pages // 2)  # a b-tree page in the middle of the file
    before = _digest(path)
    with pytest.raises(StoreError) as refused:
        open_store(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    assert refused.value.code == "damaged"
    assert "Restore" in refused.value.message() or "Restaur" in refused.value.message()
    assert _digest(path) == before  # not one byte written
    assert not Path(f"{path}-wal").exists()  # not even an empty WAL
    assert not (tmp_path / "backups").exists()  # and no backup of a damaged file either


def test_a_damaged_header_is_not_a_database_with_its_own_message(tmp_path):
    path = tmp_path / "duo.sqlite3"
    _filled(path, 2).dispose()
    _flip(path, 1, 16)
    with pytest.raises(StoreError) as refused:
        open_store(f"sqlite:///{path}")
    # without a key the file looks encrypted: the user is asked for the passphrase, nothing is written
    assert refused.value.code in ("needs_passphrase", "not_a_database")


def test_a_kill_during_a_backup_leaves_the_previous_backups_intact(tmp_path):
    path = tmp_path / "duo.sqlite3"
    store = _filled(path, 600)
    folder = tmp_path / "backups"
    first = make_backup(store.engine, folder, "daily", NOW)
    second = make_backup(store.engine, folder, "daily", NOW + dt.timedelta(hours=1))
    store.dispose()
    digests = {p: _digest(p) for p in (first, second)}
    child = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from duo_desktop.store import open_store\n"
        "from duo_desktop.store.backup import make_backup\n"
        "store = open_store('sqlite:///' + sys.argv[1])\n"
        "print('ready', flush=True)\n"
        "for i in range(1000):\n"
        "    make_backup(store.engine, Path(sys.argv[2]), 'manual', dt.datetime(2026, 3, 17, 9) + "
        "dt.timedelta(seconds=i))\n"
    )
    killed_midway = 0
    for delay in (0.05, 0.1, 0.2, 0.3, 0.45):
        proc = subprocess.Popen([sys.executable, "-c", child, str(path), str(folder)], stdout=subprocess.PIPE,
                                text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed_midway += any(folder.glob(".*.partial-*"))
        for backup, digest in digests.items():
            assert _digest(backup) == digest
        for backup in list_backups(folder, path):  # every finished backup is whole
            with sqlite_file(f"file:{backup.path}?mode=ro", uri=True) as c:
                assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                assert c.execute("SELECT count(*) FROM participant").fetchone()[0] == 600
    assert killed_midway  # some kills landed while a backup was being written
    store = open_store(f"sqlite:///{path}")
    make_backup(store.engine, folder, "manual", NOW + dt.timedelta(days=3))
    store.dispose()
    assert not list(folder.glob(".*.partial-*"))  # the leftovers are cleaned by the next backup


def _info(made: dt.datetime) -> BackupInfo:
    return BackupInfo(Path(f"duo-{made:%Y%m%d-%H%M%S}-daily.sqlite3"), made, "daily", 1, False)


def test_thinning_keeps_the_last_day_then_one_a_day_a_week_a_month():
    # one backup every 6 hours for 500 days before NOW
    backups = [_info(NOW - dt.timedelta(hours=6 * i)) for i in range(4 * 500)]
    deleted = {b.made for b in thin(backups, NOW, BackupLimits(daily=12, weekly=10, monthly=9))}
    kept = sorted((b.made for b in backups if b.made not in deleted), reverse=True)
    last_day = [m for m in kept if m > NOW - dt.timedelta(days=1)]
    assert len(last_day) == 4  # all of the last 24 hours
    older = kept[4:]
    assert len(older) == 12 + 10 + 9
    days = [m.date() for m in older[:12]]
    assert days == [dt.date(2026, 3, 14) - dt.timedelta(days=i) for i in range(12)]  # one a day, 12 days
    assert len({m.date() for m in older}) == len(older)  # never two of one day
    weeks = {m.isocalendar()[:2] for m in older[12:]}
    for i in range(1, 11):  # then one in each of the 10 weeks before
        assert (dt.date(2026, 3, 3) - dt.timedelta(weeks=i)).isocalendar()[:2] in weeks
    months = {(m.year, m.month) for m in older}
    assert len(months) >= 9  # then one a month
    assert older[-1] > NOW - dt.timedelta(days=366)  # nothing older than a year
    assert all(m == max(x for x in kept if x.date() == m.date()) for m in older)  # the newest of its day


def test_a_backup_is_made_at_the_first_start_of_a_day_only(tmp_path, clock):
    store = _filled(tmp_path / "duo.sqlite3", 3)
    folder = tmp_path / "backups"
    assert daily_backup(store, folder, clock.now()) is not None
    assert daily_backup(store, folder, clock.now() + dt.timedelta(hours=3)) is None
    assert daily_backup(store, folder, clock.now() + dt.timedelta(days=1)) is not None
    assert len(list_backups(folder, store.path)) == 2
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(b.path.stat().st_mode & 0o777 == 0o600 for b in list_backups(folder, store.path))
    store.dispose()


def test_restore_round_trip(tmp_path):
    path = tmp_path / "duo.sqlite3"
    store = _filled(path, 5)
    folder = tmp_path / "backups"
    backup = backup_now(store, folder, NOW)
    assert describe(backup, None) == {"participants": 5, "duos": 0}
    with store.transaction() as s:
        b = factories.branch(s, code="ANT", city="Antwerpen")
        for _ in range(7):
            factories.participant(s, b)
    assert _count(store) == 12
    saved = restore(store, backup, folder, NOW + dt.timedelta(hours=1))
    assert _count(store) == 5  # the same Store object reads the restored file
    with store.transaction() as s:  # and writes to it
        factories.participant(s, factories.branch(s, code="GNT", city="Gent"))
    assert _count(store) == 6
    assert describe(saved, None)["participants"] == 12  # the replaced state was kept
    store.dispose()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path):
    path = tmp_path / "duo.sqlite3"
    store = _filled(path, 200)
    folder = tmp_path / "backups"
    backup = backup_now(store, folder, NOW)
    pages = _pages(backup)
    _flip(backup, pages // 2)
    with pytest.raises(StoreError) as refused:
        restore(store, backup, folder, NOW)
    assert refused.value.code == "damaged"
    assert _count(store) == 200
    store.dispose()


def test_a_damaged_database_is_restored_from_its_latest_good_backup(tmp_path):
    path = tmp_path / "duo.sqlite3"
    store = _filled(path, 200)
    folder = tmp_path / "backups"
    backup = backup_now(store, folder, NOW)
    store.dispose()
    pages = _pages(path)
    _flip(path, pages // 2)
    with pytest.raises(StoreError):
        open_store(f"sqlite:///{path}")
    store = open_store(f"sqlite:///{path}", migrate=False, check=False)
    saved = restore(store, backup, folder, NOW + dt.timedelta(hours=1))
    assert "damaged" in saved.name
    store.dispose()
    store = open_store(f"sqlite:///{path}")
    assert _count(store) == 200
    store.dispose()


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    where = tmp_path / "disk"
    if os.geteuid() != 0 or not _mount_tmpfs(where, "600k"):
        pytest.skip("needs root to mount a small tmpfs")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_disk_gives_its_own_message(small_disk):
    with open(small_disk / "filler", "wb") as filler:
        try:
            filler.write(b"\0" * 1024 * 1024)
        except OSError:
            pass
    with pytest.raises(StoreError) as refused:
        open_store(f"sqlite:///{small_disk / 'duo.sqlite3'}").dispose()
    assert refused.value.code in ("disk_full", "read_only")
    assert "plein" in refused.value.message() or "full" in refused.value.message()


def test_a_read_only_folder_gives_its_own_message(tmp_path):
    folder = tmp_path / "ro"
    if os.geteuid() == 0:
        if not _mount_tmpfs(folder, "4m"):
            pytest.skip("cannot mount a tmpfs")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        folder.mkdir()
        folder.chmod(0o500)
    try:
        with pytest.raises(StoreError) as refused:
            open_store(f"sqlite:///{folder / 'duo.sqlite3'}").dispose()
        assert refused.value.code == "read_only"
        assert "lecture seule" in refused.value.message()
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        else:
            folder.chmod(0o700)


def test_secure_delete_is_set_by_the_app_itself(tmp_path):
    """Some SQLite builds turn secure_delete on by default (Debian's): a
    listener that runs before the app's turns it off, so only the app's own
    PRAGMA can turn it on again."""
    from sqlalchemy import event

    from duo_desktop.store import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'duo.sqlite3'}")

    def off(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.execute("PRAGMA secure_delete=OFF")
        dbapi_connection.execute("PRAGMA temp_store=DEFAULT")

    event.listen(engine, "connect", off, insert=True)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
    engine.dispose()


def test_a_large_file_is_checked_while_the_app_starts_and_no_write_passes_before_the_verdict(tmp_path, monkeypatch):
    """Above store.session.BACKGROUND_CHECK_BYTES (64 MB) quick_check runs on a
    thread (issue 15's start-up time); a write waits for it and is refused on damage."""
    from duo_desktop.store import session as store_session
    from tests import factories

    monkeypatch.setattr(store_session, "BACKGROUND_CHECK_BYTES", 0)
    path = tmp_path / "duo.sqlite3"
    _filled(path, 200).dispose()
    _flip(path, _pages(path) // 2)
    before = _digest(path)
    store = open_store(f"sqlite:///{path}", backup_dir=tmp_path / "backups")  # opens at once
    try:
        with pytest.raises(StoreError) as refused, store.transaction() as s:
            factories.branch(s, code="GNT", city="Gent")
        assert refused.value.code == "damaged"
    finally:
        store.dispose()
    assert _digest(path) == before  # not one byte written

    sound = tmp_path / "sound.sqlite3"
    _filled(sound, 20).dispose()
    store = open_store(f"sqlite:///{sound}")
    try:
        with store.transaction() as s:  # waits for the check, which passes
            factories.branch(s, code="GNT", city="Gent")
        assert store.pending_check is not None and store.pending_check.error is None
    finally:
        store.dispose()


def test_two_databases_with_the_same_name_share_no_backups(tmp_path, clock):
    """QA, 30 November 2026: a second duo.sqlite3 in another folder (a copy on
    a USB stick, a second branch) got no first backup of the day, and its
    restore list offered the other file's backups. Each file now has its own."""
    from duo_desktop.store.erasure_log import log_path

    folder = tmp_path / "data" / "backups"  # the app's backups, in its data folder
    (tmp_path / "usb").mkdir()
    (tmp_path / "data").mkdir()
    home = _filled(tmp_path / "data" / "duo.sqlite3", 3)  # the default database, beside the backups
    other = _filled(tmp_path / "usb" / "duo.sqlite3", 5)
    assert daily_backup(home, folder, clock.now()) is not None
    assert daily_backup(other, folder, clock.now()) is not None  # not taken for the other's
    mine, theirs = list_backups(folder, home.path), list_backups(folder, other.path)
    assert len(mine) == len(theirs) == 1 and mine[0].path != theirs[0].path
    with sqlite_file(theirs[0].path) as c:  # what a restore of the USB file would bring back: its own data
        assert c.execute("SELECT count(*) FROM participant").fetchone()[0] == 5
    assert mine[0].path.name == "duo-20260316-090000-daily.sqlite3"  # named as before: its backups stay listed
    assert theirs[0].path.name.startswith("duo-") and theirs[0].path.name != mine[0].path.name
    assert log_path(home.path, folder) != log_path(other.path, folder)
    home.dispose()
    other.dispose()
