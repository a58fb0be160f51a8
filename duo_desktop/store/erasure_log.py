"""The erasure log (issue 12): restoring an older backup must not bring an
erased person back. Each erasure committed is appended to a small file
outside the database, next to its backups (``<folder>/<stem>-erasures.jsonl``,
owner-only), holding ids only: the participant's id and uid, the day and the
reason code; never a name. After a restore the erasures are applied again
(services/privacy/reapply.py), from this log and from the "erase" rows of
the replaced database's own audit trail when it can still be read.

    note(session, participant_id, uid, on, reason)   an erasure, written when the transaction commits
    install(factory, path)                           the store's sessions write their erasures to ``path``
    log_path(database, folder) -> Path
    read(path) -> list[Erasure]                      unreadable lines are skipped
    append(path, erasures)                           raises OSError (the erasure itself stays committed)
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from .backup import owner_only_dir

log = logging.getLogger(__name__)
_KEY = "erasures_pending"


@dataclass(frozen=True)
class Erasure:
    participant_id: int
    uid: str | None
    on: dt.date
    reason: str


def log_path(database: Path, folder: Path) -> Path:
    from .backup import backup_name  # named as the database's backups are

    return Path(folder) / f"{backup_name(database, folder)}-erasures.jsonl"


def note(session: Session, participant_id: int, uid: object, on: dt.date, reason: str) -> None:
    session.info.setdefault(_KEY, []).append(Erasure(participant_id, str(uid) if uid else None, on, reason))
    session.info[CHECKPOINT] = True


CHECKPOINT = "checkpoint_after_commit"


def install_checkpoint(factory: sessionmaker) -> None:
    """After a commit that erased someone, move the WAL into the database
    file and truncate it (``PRAGMA wal_checkpoint(TRUNCATE)``): with
    ``secure_delete`` on, the erased values then remain neither in the file
    nor in its -wal (the canary test found 51 erased names in the -wal
    without it). SQLite only; a failure is logged (the next checkpoint does it)."""

    def committed(session: Session) -> None:
        if not session.info.pop(CHECKPOINT, False):
            return
        engine = session.get_bind()
        if engine.dialect.name != "sqlite":
            return
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception as exc:  # noqa: BLE001
            log.warning("the checkpoint after an erasure failed: %s", type(exc).__name__)

    def rolled_back(session: Session, previous) -> None:  # noqa: ANN001
        if previous.parent is None:
            session.info.pop(CHECKPOINT, None)

    event.listen(factory, "after_commit", committed)
    event.listen(factory, "after_soft_rollback", rolled_back)


def append(path: Path, erasures: list[Erasure]) -> None:
    owner_only_dir(path.parent)
    lines = "".join(json.dumps({"participant_id": e.participant_id, "uid": e.uid, "on": e.on.isoformat(),
                                "reason": e.reason}) + "\n" for e in erasures)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, lines.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read(path: Path) -> list[Erasure]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return []
    out = []
    for line in text.splitlines():
        try:
            row = json.loads(line)
            out.append(Erasure(int(row["participant_id"]), row.get("uid") or None,
                               dt.date.fromisoformat(row["on"]), str(row.get("reason", ""))))
        except (ValueError, KeyError, TypeError):
            continue
    return out


def install(factory: sessionmaker, path: Path) -> None:
    """Append each committed transaction's erasures to ``path``."""

    def committed(session: Session) -> None:
        pending = session.info.pop(_KEY, None)
        if pending:
            try:
                append(path, pending)
            except OSError as exc:  # the audit trail still holds it: a restore reads both
                log.warning("the erasure log could not be written: %s", type(exc).__name__)

    def rolled_back(session: Session, previous) -> None:  # noqa: ANN001
        if previous.parent is None:
            session.info.pop(_KEY, None)

    event.listen(factory, "after_commit", committed)
    event.listen(factory, "after_soft_rollback", rolled_back)
