"""Reading participants for lists: ids matching a filter, sorted, then rows for
the ids on screen (the item model fetches rows lazily).

Searching 100,000 participants with ``LIKE '%…%'`` on every keystroke is too
slow, so the list keeps an in-memory index (``ParticipantIndex``) of the few
columns it filters and sorts on, with the folded search text. The index is
built with one query, refreshed row by row after a change made through the
services, and rebuilt whole when another screen says participants changed.
Merged duplicates (``merged_into_id`` set) are never listed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import (
    Branch,
    Coordinator,
    Participant,
    ParticipantLanguage,
    ParticipantSector,
    ParticipantStatus,
    Role,
)
from .text import digits, fold

S = ParticipantStatus
#: Statuses of someone still waiting for a duo (the waiting-time filter)
WAITING_STATUSES = frozenset({S.APPLICANT, S.INFO_SESSION_ATTENDED, S.INTAKE_DONE, S.TRAINED, S.READY_TO_MATCH})
#: Sort keys the list accepts, in the order of the table's columns
_STATUS_ORDER = {status: n for n, status in enumerate(ParticipantStatus)}
SORT_KEYS = ("duplicate", "last_name", "first_name", "role", "status", "branch", "municipality", "applied_on")


@dataclass(frozen=True)
class ParticipantFilter:
    text: str = ""
    role: Role | None = None
    status: ParticipantStatus | None = None
    branch_id: int | None = None
    sector: str | None = None
    language: str | None = None
    coordinator_id: int | None = None
    #: waiting for a duo and applied on or before this date (see ``waiting_cutoff``)
    applied_before: dt.date | None = None
    duplicates_only: bool = False

    def without_text(self) -> ParticipantFilter:
        return replace(self, text="")


def waiting_cutoff(today: dt.date, months: int) -> dt.date:
    """The last application date of someone waiting more than ``months``
    months on ``today`` (the same day of the month, clamped to its end)."""
    year, month = today.year, today.month - months
    while month <= 0:
        month += 12
        year -= 1
    for day in range(today.day, 0, -1):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    first_name: str
    last_name: str
    role: Role
    status: ParticipantStatus
    branch: str
    municipality: str
    applied_on: dt.date | None
    email: str
    phone: str
    duplicate: bool = False


@dataclass
class SearchResult:
    ids: list[int]
    #: participants per status among those matching every filter but the status
    counts: dict[ParticipantStatus, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class _Entry:
    __slots__ = ("id", "text", "phone_key", "role", "status", "branch_id", "branch", "coordinator_id",
                 "applied_on", "last_name", "first_name", "municipality", "dup_keys")

    def sort_value(self, key: str, duplicates: set[int]):  # noqa: ANN201
        if key == "duplicate":
            return (self.id not in duplicates, self.last_name, self.first_name)
        if key == "applied_on":
            return (self.applied_on or dt.date.min, self.last_name, self.first_name)
        if key == "status":
            return (_STATUS_ORDER[self.status], self.last_name, self.first_name)
        if key == "role":
            return (self.role.value, self.last_name, self.first_name)
        if key in ("branch", "municipality"):
            return (getattr(self, key), self.last_name, self.first_name)
        if key == "first_name":
            return (self.first_name, self.last_name)
        return (self.last_name, self.first_name)


_COLUMNS = (Participant.id, Participant.search_name, Participant.email, Participant.municipality,
            Participant.phone_key, Participant.role, Participant.status, Participant.branch_id, Branch.name,
            Participant.coordinator_id, Participant.applied_on, Participant.last_name, Participant.first_name,
            Participant.birth_date)


def _entry(row) -> _Entry:  # noqa: ANN001
    (pid, search_name, email, municipality, phone_key, role, status, branch_id, branch, coordinator_id,
     applied_on, last_name, first_name, birth_date) = row
    e = _Entry()
    e.id = pid
    e.text = " ".join(part for part in (search_name, fold(email), fold(municipality)) if part)
    e.phone_key = phone_key or ""
    e.role, e.status, e.branch_id, e.branch = role, status, branch_id, fold(branch)
    e.coordinator_id, e.applied_on = coordinator_id, applied_on
    e.last_name, e.first_name, e.municipality = fold(last_name), fold(first_name), fold(municipality)
    keys = []
    if search_name and birth_date:
        keys.append(("name_birth", search_name, birth_date))
    if email.strip():
        keys.append(("email", email.strip().lower()))
    if len(e.phone_key) >= 6:
        keys.append(("phone", e.phone_key))
    e.dup_keys = tuple(keys)
    return e


_PHONE_CHARS = "0123456789 +/.-()"


def _word_tests(text: str) -> list[tuple[str, str]]:
    """(folded word, phone digits or '') for each word typed. A phone number
    typed with spaces or separators ("0470 12 34") is one number."""
    d = digits(text)
    if len(d) >= 3 and not text.strip(_PHONE_CHARS):
        return [(d, d.lstrip("0"))]
    tests = []
    for word in fold(text).split():
        d = digits(word)
        tests.append((word, d.lstrip("0") if len(d) >= 3 else ""))
    return tests


def _narrows(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> bool:
    """True when every match of ``new`` is also a match of ``old`` (typing
    one more letter), so the previous result can be filtered further."""
    if len(new) < len(old):
        return False
    for (ow, od), (nw, nd) in zip(old, new, strict=False):
        if ow not in nw or bool(od) != bool(nd) or (od and od not in nd):
            return False
    return True


class ParticipantIndex:
    """The searchable, sortable list of participants held in memory."""

    def __init__(self) -> None:
        self._entries: dict[int, _Entry] = {}
        self._orders: dict[tuple[str, bool], list[_Entry]] = {}
        self._duplicates: set[int] = set()
        self._sets: dict[tuple[str, str], frozenset[int]] = {}
        self._last: tuple[ParticipantFilter, str, bool, list[tuple[str, str]], list[_Entry]] | None = None
        self.loaded = False

    # --- building and refreshing -------------------------------------------
    @classmethod
    def build(cls, session: Session) -> ParticipantIndex:
        index = cls()
        index.reload(session)
        return index

    def reload(self, session: Session) -> None:
        query = (select(*_COLUMNS).join(Branch, Branch.id == Participant.branch_id)
                 .where(Participant.merged_into_id.is_(None)))
        self._entries = {row[0]: _entry(row) for row in session.execute(query)}
        self._changed()
        self.loaded = True

    def refresh_ids(self, session: Session, ids: Iterable[int]) -> None:
        """Read again the given participants after a change (a merged one
        leaves the list)."""
        ids = list(ids)
        query = (select(*_COLUMNS).join(Branch, Branch.id == Participant.branch_id)
                 .where(Participant.id.in_(ids), Participant.merged_into_id.is_(None)))
        fresh = {row[0]: _entry(row) for row in session.execute(query)}
        for pid in ids:
            if pid in fresh:
                self._entries[pid] = fresh[pid]
            else:
                self._entries.pop(pid, None)
        self._changed()

    def _changed(self) -> None:
        self._orders.clear()
        self._sets.clear()
        self._last = None
        seen: dict[tuple, list[int]] = {}
        for e in self._entries.values():
            for key in e.dup_keys:
                seen.setdefault(key, []).append(e.id)
        self._duplicates = {pid for ids in seen.values() if len(ids) > 1 for pid in ids}

    # --- queries -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def is_duplicate(self, participant_id: int) -> bool:
        return participant_id in self._duplicates

    def _ordered(self, sort: str, descending: bool) -> list[_Entry]:
        key = (sort, descending)
        if key not in self._orders:
            dups = self._duplicates
            self._orders[key] = sorted(self._entries.values(), key=lambda e: (e.sort_value(sort, dups), e.id),
                                       reverse=descending)
        return self._orders[key]

    def _id_set(self, session_factory, kind: str, code: str) -> frozenset[int]:  # noqa: ANN001
        key = (kind, code)
        if key not in self._sets:
            table = ParticipantSector if kind == "sector" else ParticipantLanguage
            column = table.sector if kind == "sector" else table.language
            with session_factory() as session:
                self._sets[key] = frozenset(session.scalars(select(table.participant_id).where(column == code)))
        return self._sets[key]

    def search(self, flt: ParticipantFilter, sort: str = "last_name", descending: bool = False,
               session_factory=None) -> SearchResult:  # noqa: ANN001
        """Ids matching the filter in the order asked, with the counts per
        status. ``session_factory`` (a callable returning a Session context)
        is needed only for the sector and language filters."""
        if sort not in SORT_KEYS:
            raise ValueError(f"unknown sort key: {sort}")
        tests = _word_tests(flt.text)
        base = flt.without_text()
        last = self._last
        if last is not None and last[0] == base and last[1:3] == (sort, descending) and _narrows(last[3], tests):
            pool = last[4]
            new_tests = tests  # re-check every word: cheap on the narrowed pool
        else:
            pool = self._prefiltered(base, sort, descending, session_factory)
            new_tests = tests
        matched = [e for e in pool if _matches(e, new_tests)] if new_tests else pool
        self._last = (base, sort, descending, tests, matched)
        counts = Counter(e.status for e in matched)
        if flt.status is not None:
            ids = [e.id for e in matched if e.status is flt.status]
        else:
            ids = [e.id for e in matched]
        return SearchResult(ids, dict(counts))

    def _prefiltered(self, flt: ParticipantFilter, sort: str, descending: bool, session_factory) -> list[_Entry]:  # noqa: ANN001
        entries = self._ordered(sort, descending)
        checks = []
        if flt.role is not None:
            checks.append(lambda e, v=flt.role: e.role is v)
        if flt.branch_id is not None:
            checks.append(lambda e, v=flt.branch_id: e.branch_id == v)
        if flt.coordinator_id is not None:
            checks.append(lambda e, v=flt.coordinator_id: e.coordinator_id == v)
        if flt.applied_before is not None:
            checks.append(lambda e, v=flt.applied_before: e.status in WAITING_STATUSES
                          and e.applied_on is not None and e.applied_on <= v)
        if flt.duplicates_only:
            checks.append(lambda e, v=self._duplicates: e.id in v)
        for kind, code in (("sector", flt.sector), ("language", flt.language)):
            if code:
                if session_factory is None:
                    raise ValueError("a session factory is needed to filter by sector or language")
                ids = self._id_set(session_factory, kind, code)
                checks.append(lambda e, v=ids: e.id in v)
        if not checks:
            return entries
        return [e for e in entries if all(check(e) for check in checks)]


def _matches(e: _Entry, tests: list[tuple[str, str]]) -> bool:
    for word, phone in tests:
        if word not in e.text and not (phone and phone in e.phone_key):
            return False
    return True


def search_ids(session: Session, flt: ParticipantFilter, sort: str = "last_name", descending: bool = False) -> list[int]:
    """Ids of the participants matching the filter (one-off: builds an index)."""
    index = ParticipantIndex.build(session)
    return index.search(flt, sort, descending, session_factory=lambda: _Borrowed(session)).ids


class _Borrowed:
    """Lends an open session as a context manager without closing it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def __enter__(self) -> Session:
        return self.session

    def __exit__(self, *exc: object) -> None:
        return None


def fetch_rows(session: Session, ids: Sequence[int], duplicates: set[int] | ParticipantIndex | None = None) -> list[ParticipantRow]:
    """Rows for the given ids, in the same order."""
    if not ids:
        return []
    query = (
        select(
            Participant.id, Participant.first_name, Participant.last_name, Participant.role,
            Participant.status, Branch.name, Participant.municipality, Participant.applied_on,
            Participant.email, Participant.phone,
        )
        .join(Branch, Branch.id == Participant.branch_id)
        .where(Participant.id.in_(list(ids)))
    )
    if isinstance(duplicates, ParticipantIndex):
        is_dup = duplicates.is_duplicate
    else:
        dup_set = duplicates or set()
        is_dup = dup_set.__contains__
    by_id = {row[0]: ParticipantRow(*row, duplicate=is_dup(row[0])) for row in session.execute(query)}
    return [by_id[i] for i in ids if i in by_id]


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Participant)
                          .where(Participant.merged_into_id.is_(None))) or 0


@dataclass(frozen=True)
class Choice:
    value: int | str
    text: str


def branch_choices(session: Session) -> list[Choice]:
    return [Choice(i, n) for i, n in session.execute(select(Branch.id, Branch.name).order_by(Branch.name))]


def coordinator_choices(session: Session) -> list[Choice]:
    query = select(Coordinator.id, Coordinator.first_name, Coordinator.last_name).order_by(
        Coordinator.last_name, Coordinator.first_name)
    return [Choice(i, f"{first} {last}".strip()) for i, first, last in session.execute(query)]
