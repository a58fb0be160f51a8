"""Cost of encryption at rest (issue 12): the same participants in a
plaintext SQLite file and in a SQLCipher file (store/crypto.py: AES-256 per
page with HMAC, the key derived once from the passphrase), measured in the
same run; each figure's baseline is the plaintext store.

Three figures, as the issue names them:

* start-up: ``open_store`` (with its ``quick_check``) and the first page of
  the participants list (the sorted ids, then 40 rows);
* keystroke search: the participants' search through SQL ``LIKE`` on the
  folded name, one query per prefix typed (what reads the pages, so what
  decryption costs; the in-memory index costs the same on both stores);
* duos screen: the query that lists the duos with their two people.

The key derivation (PBKDF2, once per start) is part of the start-up figure.
"""

from __future__ import annotations

import time

from sqlalchemy import select

from .bench_participants import TYPED, build
from .harness import BenchContext, Figure

PASSPHRASE = "benchmark passphrase, synthetic"  # noqa: S105  (a benchmark file, never a real one)


def _prefixes() -> list[str]:
    return [word[:k] for word in TYPED for k in range(1, len(word) + 1)]


def _start(url: str, key) -> float:  # noqa: ANN001
    from duo_desktop.models import Participant
    from duo_desktop.services.participants import fetch_rows, ParticipantIndex  # noqa: F401
    from duo_desktop.store import open_store

    began = time.perf_counter()
    store = open_store(url, key=key)
    with store.session() as s:
        ids = s.scalars(select(Participant.id).where(Participant.merged_into_id.is_(None))
                        .order_by(Participant.last_name, Participant.first_name, Participant.id)).all()
        s.execute(select(Participant).where(Participant.id.in_(ids[:40]))).all()
    took = time.perf_counter() - began
    store.dispose()
    return took


def _searches(store) -> list[float]:  # noqa: ANN001
    from duo_desktop.models import Participant
    from duo_desktop.text import fold

    samples = []
    with store.session() as s:
        for prefix in _prefixes():
            began = time.perf_counter()
            s.scalars(select(Participant.id).where(Participant.search_name.like(f"%{fold(prefix)}%"))
                      .limit(500)).all()
            samples.append(time.perf_counter() - began)
    return samples


def _duos(store) -> float:  # noqa: ANN001
    from sqlalchemy.orm import aliased

    from duo_desktop.models import Duo, Participant

    mentor, mentee = aliased(Participant), aliased(Participant)
    began = time.perf_counter()
    with store.session() as s:
        s.execute(select(Duo.id, Duo.stage, mentor.last_name, mentee.last_name)
                  .join(mentor, mentor.id == Duo.mentor_id).join(mentee, mentee.id == Duo.mentee_id)
                  .order_by(Duo.id)).all()
    return time.perf_counter() - began


def _add_duos(url: str, key) -> None:  # noqa: ANN001
    """One ended duo for each mentor, with a mentee of the same branch."""
    import datetime as dt

    from sqlalchemy import insert

    from duo_desktop.models import Duo, Participant
    from duo_desktop.models.enums import DuoStage
    from duo_desktop.store import open_store

    store = open_store(url, key=key)
    with store.transaction() as s:
        people = s.execute(select(Participant.id, Participant.role, Participant.branch_id)).all()
        mentees: dict[int, list[int]] = {}
        for pid, role, branch in people:
            if str(getattr(role, "value", role)) == "mentee":
                mentees.setdefault(branch, []).append(pid)
        rows = []
        for pid, role, branch in people:
            if str(getattr(role, "value", role)) == "mentor" and mentees.get(branch):
                rows.append({"branch_id": branch, "mentor_id": pid, "mentee_id": mentees[branch].pop(),
                             "stage": DuoStage.ENDED, "proposed_on": dt.date(2025, 1, 6)})
        s.execute(insert(Duo), rows)
    store.dispose()


def run(ctx: BenchContext) -> list[Figure]:
    from duo_desktop.store import crypto, open_store

    if not crypto.available():
        return []
    n = min(ctx.participants, 50_000)
    plain_url = f"sqlite:///{ctx.workdir / 'plain.sqlite3'}"
    secret_url = f"sqlite:///{ctx.workdir / 'encrypted.sqlite3'}"
    key = crypto.Key(PASSPHRASE)
    build(plain_url, n)
    build(secret_url, n, key=key)
    _add_duos(plain_url, None)
    _add_duos(secret_url, key)
    assert crypto.is_encrypted(ctx.workdir / "encrypted.sqlite3")
    repeat = max(ctx.repeat, 3)
    plain_start = [_start(plain_url, None) for _ in range(repeat)]
    secret_start = [_start(secret_url, crypto.Key(PASSPHRASE)) for _ in range(repeat)]
    plain, secret = open_store(plain_url), open_store(secret_url, key=key)
    try:
        plain_search, secret_search = _searches(plain), _searches(secret)
        plain_duos = [_duos(plain) for _ in range(repeat)]
        secret_duos = [_duos(secret) for _ in range(repeat)]
    finally:
        plain.dispose()
        secret.dispose()
    note = f"{n:,} participants; baseline: the same on a plaintext file"
    return [
        Figure("encrypted: start-up (open + first page)", secret_start, "plaintext start-up", plain_start, note=note),
        Figure("encrypted: keystroke search (LIKE)", secret_search, "plaintext keystroke search", plain_search,
               latency=True, note=note),
        Figure("encrypted: duos list query", secret_duos, "plaintext duos list query", plain_duos, note=note),
    ]
