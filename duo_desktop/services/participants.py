"""Reading participants for lists: ids matching a filter, sorted, then rows for
the ids on screen (the item model fetches rows lazily).

The database answers which participants match (the filters in SQL, the
words typed through the trigram index of ``participant.search_text``,
store/search_index). The list keeps in memory only what SQL cannot give
cheaply (issue 15: 110 MB and 4.6 s of CPU at 100,000 before): the display
order of every listed participant for the sort asked (an array of ids,
0.8 MB each; names sorted as the screen shows them, duo_desktop/text.sort_name)
and who may be a duplicate (services/duplicates). The order is patched in
place after a change made through the services, and read whole again when
another screen says participants changed. Merged duplicates
(``merged_into_id`` set) and anonymised people (``erased_on`` set,
services/privacy) are never listed; a restricted person is, so that their
record can be opened.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, String, and_, func, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..models import (
    Branch,
    Coordinator,
    Participant,
    ParticipantStatus,
    Role,
)
from . import participant_filters
from .dates import add_months
from .duplicates import duplicate_keys, similar_groups
from .participant_filters import WAITING_STATUSES, needles  # noqa: F401  (part of this module's interface)
from ..text import fold, sort_name

#: Sort keys the list accepts, in the order of the table's columns
_STATUS_ORDER = {status: n for n, status in enumerate(ParticipantStatus)}
SORT_KEYS = ("duplicate", "last_name", "first_name", "role", "status", "branch", "municipality", "applied_on")
#: Orders kept in memory besides the default one (0.8 MB each at 100,000)
KEPT_ORDERS = 2
_LIVE = and_(Participant.merged_into_id.is_(None), Participant.erased_on.is_(None))
#: The status as stored (its value), without the ORM's conversion of every row to the enum
_RAW_STATUS = type_coerce(Participant.status, String())


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
    return add_months(today, -months)


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


#: What a sort key is computed from (one row per participant)
_SORT_COLUMNS = (Participant.id, Participant.last_name, Participant.name_prefix, Branch.country,
                 Participant.first_name, Participant.role, Participant.status, Branch.city,
                 Participant.municipality, Participant.applied_on)
_DUP_COLUMNS = (Participant.id, Participant.search_name, Participant.birth_date, Participant.email,
                Participant.phone_key)


def _sort_key(sort: str, duplicates: set[int]) -> Callable[[Any], tuple]:
    """The key of a row of ``_SORT_COLUMNS`` for a sort: the names as the
    list shows them (the branch's country decides whether a surname prefix
    is sorted on: NL no, de Vries under V), then the id, so that every key
    is unique and an order is the same however it was built."""

    def names(row) -> tuple:  # noqa: ANN001
        pid, last, prefix, country, first = row[:5]
        return (sort_name(last, prefix or "", country or ""), fold(first), pid)

    if sort == "last_name":
        return names
    if sort == "first_name":
        return lambda row: (fold(row[4]), sort_name(row[1], row[2] or "", row[3] or ""), row[0])
    if sort == "duplicate":
        return lambda row: (row[0] not in duplicates, *names(row))
    # the column compared first, chosen once per sort (not per row: 100,000 rows a sort)
    first_key: Callable[[Any], Any] = {
        "role": lambda row: row[5].value, "status": lambda row: _STATUS_ORDER[row[6]],
        "branch": lambda row: fold(row[7]), "municipality": lambda row: fold(row[8]),
        "applied_on": lambda row: row[9] or dt.date.min}[sort]
    return lambda row: (first_key(row), *names(row))


def _dup_fingerprint(search_name: str, birth: dt.date | None, email: str, phone_key: str) -> int:
    """A hash of what decides whether someone may be a duplicate."""
    return hash((duplicate_keys(search_name, birth, email, phone_key or ""), search_name, birth))


class ParticipantIndex:
    """The list's orders and duplicate flags; the search itself is SQL."""

    def __init__(self) -> None:
        self._orders: dict[tuple[str, bool], array] = {}
        self._duplicates: set[int] = set()
        self._fp_ids, self._fp = array("q"), array("q")  # ids ascending, fingerprints of their keys
        self._bind = None
        self._counts: dict[ParticipantStatus, int] | None = None  # everyone listed, per status
        self.loaded = False

    # --- building and refreshing -------------------------------------------
    @classmethod
    def build(cls, session: Session) -> ParticipantIndex:
        index = cls()
        index.reload(session)
        return index

    def reload(self, session: Session) -> None:
        self._bind = session.get_bind()
        connection = session.connection()
        self._read_duplicates(connection)
        self._orders, self._counts = {}, None
        self._ordered(connection, "last_name", False)  # the default order, ready for the first keystroke
        self.loaded = True

    def _read_duplicates(self, connection: Connection) -> None:
        """Who shares a duplicate key with someone, or has a similar name and
        the same birth date (services/duplicates), among the listed people.
        Streamed: nothing per person is kept but a fingerprint of their keys
        (an int in a sorted array, for ``refresh_ids``)."""
        owner: dict[int, int] = {}  # hash of a key -> the first id seen with it
        duplicates: set[int] = set()
        prints: list[tuple[int, int]] = []
        query = select(*_DUP_COLUMNS).where(_LIVE).order_by(Participant.birth_date)
        for birth, group in groupby(connection.execute(query), key=itemgetter(2)):
            similar = []
            for pid, name, _birth, email, phone_key in group:
                keys = duplicate_keys(name, birth, email, phone_key or "")
                # only whether two people share a key matters: its hash stands for it (64 bits)
                for key in keys:
                    first = owner.setdefault(hash(key), pid)
                    if first != pid:
                        duplicates.update((first, pid))
                prints.append((pid, hash((keys, name, birth))))
                if name and birth:
                    similar.append((pid, name, birth))
            # only people born the same day are compared (duplicates.similar_groups)
            duplicates.update(similar_groups(similar))
        del owner
        prints.sort()
        self._duplicates = duplicates
        self._fp_ids = array("q", (pid for pid, _fp in prints))
        self._fp = array("q", (fp for _pid, fp in prints))

    def _fingerprint_of(self, pid: int) -> int | None:
        at = bisect_left(self._fp_ids, pid)
        return self._fp[at] if at < len(self._fp_ids) and self._fp_ids[at] == pid else None

    def refresh_ids(self, session: Session, ids: Iterable[int]) -> None:
        """Read again the given participants after a change (a merged one
        leaves the list): each is moved to its place in the orders kept,
        found by bisection (a few rows read), rather than sorting 100,000
        people again."""
        ids = list(dict.fromkeys(ids))
        self._counts = None
        connection = session.connection()
        fresh = {row[0]: row for row in connection.execute(
            select(*_DUP_COLUMNS).where(Participant.id.in_(ids), _LIVE))}
        changed = any(pid not in fresh or self._fingerprint_of(pid) != _dup_fingerprint(*fresh[pid][1:])
                      for pid in ids)
        if changed:
            self._read_duplicates(connection)  # someone left or came in, or a duplicate flag may change
            self._orders.pop(("duplicate", False), None)
            self._orders.pop(("duplicate", True), None)
        gone = set(ids)
        for (sort, descending), order in list(self._orders.items()):
            kept = array("q", (pid for pid in order if pid not in gone))
            keys = _Keys(connection, _sort_key(sort, self._duplicates))
            for pid in ids:
                if pid in fresh:
                    kept.insert(_position(kept, keys(pid), keys, descending), pid)
            self._orders[(sort, descending)] = kept

    # --- queries -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._fp_ids)

    def is_duplicate(self, participant_id: int) -> bool:
        return participant_id in self._duplicates

    def _ordered(self, connection: Connection, sort: str, descending: bool) -> array:
        """Every listed id in the order asked; the default order and the last
        ``KEPT_ORDERS`` asked are kept."""
        wanted = (sort, descending)
        if wanted in self._orders:
            self._orders[wanted] = self._orders.pop(wanted)  # the most recently used last
            return self._orders[wanted]
        query = select(*_SORT_COLUMNS).join(Branch, Branch.id == Participant.branch_id).where(_LIVE)
        key = _sort_key(sort, self._duplicates)
        keys = sorted((key(row) for row in connection.execute(query)), reverse=descending)
        order = array("q", (k[-1] for k in keys))  # every key ends with the id
        del keys
        others = [key for key in self._orders if key != ("last_name", False)]
        for key in others[:max(0, len(others) - KEPT_ORDERS + 1)]:
            del self._orders[key]
        self._orders[wanted] = order
        return order

    def search(self, flt: ParticipantFilter, sort: str = "last_name", descending: bool = False,
               session_factory=None) -> SearchResult:  # noqa: ANN001
        """Ids matching the filter in the order asked, with the counts per
        status. ``session_factory`` (a callable returning a Session context)
        gives the session to read in; without it, the index opens one on the
        database it was built from."""
        if sort not in SORT_KEYS:
            raise ValueError(f"unknown sort key: {sort}")
        if session_factory is None:
            if self._bind is None:
                raise ValueError("a session factory is needed to search an index never built")
            session_factory = lambda: Session(self._bind)  # noqa: E731
        with session_factory() as session:
            connection = session.connection()
            order = self._ordered(connection, sort, descending)
            where = participant_filters.conditions(connection, flt)
            counts = None
            if not where and not flt.duplicates_only:
                if self._counts is None:  # every listed person: counted once per change
                    self._counts = {ParticipantStatus(status): n for status, n in connection.execute(
                        select(_RAW_STATUS, func.count()).where(_LIVE).group_by(Participant.status))}
                counts = dict(self._counts)
                if flt.status is None:
                    return SearchResult(order.tolist(), counts)
                where = [Participant.status == flt.status]
            rows = connection.execute(select(Participant.id, _RAW_STATUS).where(_LIVE, *where)).all()
            if flt.duplicates_only:
                rows = [row for row in rows if row[0] in self._duplicates]
            if counts is None:
                counts = {ParticipantStatus(status): n for status, n in Counter(status for _id, status in rows).items()}
            if flt.status is not None:
                rows = [row for row in rows if row[1] == flt.status.value]
            found = [pid for pid, _status in rows]
            ids = _in_order(order, found)
            if len(ids) < len(found):
                # found by the database but not in the orders kept: added (or brought back) by another
                # coordinator since the last reload; put in their places, so that what is counted is listed
                listed = set(ids)
                self.refresh_ids(session, [pid for pid in found if pid not in listed])
                ids = _in_order(self._ordered(connection, sort, descending), found)
        return SearchResult(ids, counts)


#: Above this many listed people, numpy picks the matching ids out of the order (1-2 ms for
#: 100,000 against 8 for a Python loop); below, it is not worth importing at start-up (issue 15)
NUMPY_FROM = 20_000


def _in_order(order: array, found: list[int]) -> list[int]:
    """The ids of ``found`` in the order of ``order`` (every id in it)."""
    if len(order) < NUMPY_FROM:
        wanted = set(found)
        return [pid for pid in order if pid in wanted]
    import numpy as np

    ids = np.frombuffer(order, dtype=np.int64)
    return ids[np.isin(ids, np.fromiter(found, dtype=np.int64, count=len(found)), assume_unique=True)].tolist()


class _Keys:
    """Sort keys of single participants, read when a bisection needs them."""

    def __init__(self, connection: Connection, key: Callable[[Any], tuple]) -> None:
        self.connection, self.key, self.known = connection, key, {}

    def __call__(self, pid: int) -> tuple:
        if pid not in self.known:
            row = self.connection.execute(select(*_SORT_COLUMNS).join(Branch, Branch.id == Participant.branch_id)
                                          .where(Participant.id == pid)).one()
            self.known[pid] = self.key(row)
        return self.known[pid]


def _position(order: array, key: tuple, keys: _Keys, descending: bool) -> int:
    lo, hi = 0, len(order)
    while lo < hi:
        mid = (lo + hi) // 2
        other = keys(order[mid])
        if (other > key) if descending else (other < key):
            lo = mid + 1
        else:
            hi = mid
    return lo


_LIVE = and_(Participant.merged_into_id.is_(None), Participant.erased_on.is_(None))


def quick_list(session: Session) -> list[int]:
    """The ids of every participant by name, straight from SQL: what the
    screen shows while its search index is still being built at start-up
    (68 ms at 100,000, against seconds for the index); read from the covering
    index ix_participant_listed_name (migration 0008)."""
    return _first_column(session.connection(), select(Participant.id).where(_LIVE)
                         .order_by(Participant.last_name, Participant.first_name, Participant.id))


def status_counts(session: Session) -> dict[ParticipantStatus, int]:
    """Participants per status (not merged, not anonymised): the status
    strip's counts while the search index is still being built."""
    rows = session.execute(select(Participant.status, func.count()).where(_LIVE).group_by(Participant.status))
    return {status: n for status, n in rows}


def _first_column(connection: Connection, statement: Select) -> list[int]:
    """The integers of the first column of every row, read through the
    driver's own cursor, in the session's transaction: SQLAlchemy's result
    processing costs about 0.6 µs a row, which for the 100,000 ids of the
    start-up list (60 ms) is more than the query itself (30 ms;
    benchmarks/bench_01_startup.py). For a statement without parameters whose
    first column needs no type processing (an id)."""
    compiled = statement.compile(dialect=connection.dialect)
    if compiled.params:
        raise ValueError("a statement with parameters goes through connection.execute")
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled))
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def search_ids(session: Session, flt: ParticipantFilter, sort: str = "last_name", descending: bool = False) -> list[int]:
    """Ids of the participants matching the filter (one-off: the order asked,
    and who may be a duplicate only when the filter or the sort needs it)."""
    index = ParticipantIndex()
    if flt.duplicates_only or sort == "duplicate":
        index._read_duplicates(session.connection())  # noqa: SLF001
    return index.search(flt, sort, descending, session_factory=lambda: nullcontext(session)).ids


def fetch_rows(session: Session, ids: Sequence[int], duplicates: set[int] | ParticipantIndex | None = None) -> list[ParticipantRow]:
    """Rows for the given ids, in the same order."""
    if not ids:
        return []
    query = (
        select(
            Participant.id, Participant.first_name, Participant.last_name, Participant.role,
            Participant.status, Branch.city, Participant.municipality, Participant.applied_on,
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
                          .where(Participant.merged_into_id.is_(None), Participant.erased_on.is_(None))) or 0


@dataclass(frozen=True)
class Choice:
    value: int | str
    text: str


def branch_choices(session: Session) -> list[Choice]:
    return [Choice(i, n) for i, n in session.execute(select(Branch.id, Branch.city).order_by(Branch.city))]


def coordinator_choices(session: Session) -> list[Choice]:
    query = select(Coordinator.id, Coordinator.first_name, Coordinator.last_name).order_by(
        Coordinator.last_name, Coordinator.first_name)
    return [Choice(i, f"{first} {last}".strip()) for i, first, last in session.execute(query)]
