"""Erasures survive the restore of an older backup (issue 12).

    restore_keeping_erasures(store, backup, folder, now) -> (saved, reapplied)
        store.maintenance.restore, then every erasure made since the backup
        applied again: those in the erasure log next to the backups
        (store/erasure_log.py) and those in the replaced database's audit
        trail, read before it is replaced (when it can still be read).
    reapply(session, erasures, now) -> int     people anonymised again

A logged erasure is applied to the person with that id only when their uid
matches (an id given again to someone else after the restore is left
alone), and only when the restored record is not erased already. Raises
what store.maintenance.restore raises (StoreError); nothing is re-applied
then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select

from ...models import AuditEntry, Participant
from ...store import erasure_log
from ...store.maintenance import restore
from .. import audit
from .erasure import anonymise


def _from_audit(store) -> list[erasure_log.Erasure]:  # noqa: ANN001
    """The erasures of the database about to be replaced (copied forward)."""
    found: list[erasure_log.Erasure] = []
    with contextlib.suppress(Exception):  # a damaged file: the log alone then
        with store.session() as session:
            rows = session.execute(select(AuditEntry.entity_id, AuditEntry.at, AuditEntry.details).where(
                AuditEntry.action == "erase", AuditEntry.entity == "participant"))
            uids = dict(session.execute(select(Participant.id, Participant.uid)).all())
            for pid, at, details in rows:
                if pid is not None:
                    uid = uids.get(pid)
                    found.append(erasure_log.Erasure(pid, str(uid) if uid else None, at.date(),
                                                     (details or {}).get("reason", "")))
    return found


def reapply(session, erasures: Iterable[erasure_log.Erasure], now: dt.datetime) -> int:  # noqa: ANN001
    done = 0
    seen: set[int] = set()
    for item in erasures:
        if item.participant_id in seen:
            continue
        seen.add(item.participant_id)
        person = session.get(Participant, item.participant_id)
        if person is None or person.erased_on is not None:
            continue
        if item.uid is not None and person.uid is not None and str(person.uid) != item.uid:
            continue
        anonymise(session, person.id, item.on, now, reason="reapplied", check_open_duo=False)
        done += 1
    return done


def restore_keeping_erasures(store, backup: Path, folder: Path, now: dt.datetime) -> tuple[Path | None, int]:  # noqa: ANN001
    erasures = erasure_log.read(erasure_log.log_path(store.path, folder)) + _from_audit(store)
    saved = restore(store, backup, folder, now)
    if not erasures:
        return saved, 0
    with store.transaction() as session:
        audit.bind(session, None, now)
        done = reapply(session, erasures, now)
    return saved, done
