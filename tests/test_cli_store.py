"""The database-file commands as a script sees them (QA report): ``check``'s
exit code on damage, ``backups now --out`` on a folder the user chose."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from duo_desktop.__main__ import main
from duo_desktop.store import open_store
from tests import factories


def _filled(path: Path, people: int = 200) -> None:
    store = open_store(f"sqlite:///{path}")
    with store.transaction() as s:
        b = factories.branch(s)
        for _ in range(people):
            factories.participant(s, b)
    store.dispose()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_check_exits_1_on_a_damaged_database_as_its_help_says(tmp_path, capsys):
    path = tmp_path / "duo.sqlite3"
    _filled(path)
    assert main(["--database", str(path), "--lang", "en", "check"]) == 0
    data = bytearray(path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096  # a b-tree page in the middle: the quick check at open fails
    data[middle:middle + 64] = bytes(b ^ 0xA5 for b in data[middle:middle + 64])
    path.write_bytes(bytes(data))
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        main(["--database", str(path), "--lang", "en", "check"])
    assert stopped.value.code == 1  # "check the database for damage (exit 1 when damaged)"
    assert "is damaged" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid"), reason="POSIX permissions")
def test_backups_now_out_leaves_the_chosen_folders_permissions_alone(tmp_path, capsys):
    path = tmp_path / "duo.sqlite3"
    _filled(path, 2)
    usb = tmp_path / "usb"
    usb.mkdir()
    usb.chmod(0o755)
    (usb / "other.txt").write_text("not ours")
    assert main(["--database", str(path), "--lang", "en", "backups", "now", "--out", str(usb)]) == 0
    assert _mode(usb) == 0o755  # a USB stick or a shared folder keeps its permissions
    made = [p for p in usb.iterdir() if p.suffix == ".sqlite3"]
    assert len(made) == 1 and _mode(made[0]) == 0o600  # the backup itself is owner-only
    new = tmp_path / "new" / "folder"
    assert main(["--database", str(path), "--lang", "en", "backups", "now", "--out", str(new)]) == 0
    assert _mode(new) & 0o077 == 0  # a folder made for the backup is owner-only


@pytest.mark.parametrize("content", [b"garbage\n", bytes(range(256)) * 6 + b"tail"], ids=["8 bytes", "1540 bytes"])
def test_a_file_that_is_no_database_is_said_so_not_encrypted(tmp_path, capsys, content):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(content)
    with pytest.raises(SystemExit) as stopped:
        main(["--database", str(path), "--lang", "en", "check"])
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "not a DUO Desktop database" in said and "passphrase" not in said  # QA item 15
    assert path.read_bytes() == content  # nothing written


def test_a_file_of_whole_pages_with_a_random_header_may_be_encrypted(tmp_path):
    from duo_desktop.store import crypto

    path = tmp_path / "x.sqlite3"
    path.write_bytes(bytes(range(256)) * 16)  # 4096 bytes: one SQLCipher page
    assert crypto.is_encrypted(path)
    path.write_bytes(bytes(range(256)) * 16 + b"\n")
    assert not crypto.is_encrypted(path)


def test_output_cut_short_by_the_reader_ends_quietly(tmp_path):
    """``report --json | head``: the reader goes away; no BrokenPipeError traceback (QA item 19)."""
    import os
    import subprocess
    import sys

    path = tmp_path / "duo.sqlite3"
    _filled(path, 2)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte: every write fails with EPIPE
    try:
        done = subprocess.run([sys.executable, "-m", "duo_desktop", "--database", str(path), "--lang", "en",
                               "report", "--from", "2026-01-01", "--to", "2026-03-31", "--today", "2026-04-01",
                               "--json"], stdout=write_end, stderr=subprocess.PIPE, timeout=60,
                              cwd=Path(__file__).resolve().parents[1])
    finally:
        os.close(write_end)
    assert done.stderr.decode() == ""
    assert done.returncode == 1
