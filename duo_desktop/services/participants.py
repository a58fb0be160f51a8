"""Reading participants for lists: ids matching a filter, sorted, then rows for
the ids on screen (the item model fetches rows lazily).

Searching 100,000 participants with ``LIKE '%…%'`` on every keystroke is too
slow, so the list keeps an in-memory index (``ParticipantIndex``) of the few
columns it filters and sorts on, with the folded search text. The index is
built with one query, refreshed row by row after a change made through the
services, and rebuilt whole when another screen says participants changed.
Merged duplicates (``merged_into_id`` set) and anonymised people
(``erased_on`` set, services/privacy) are never listed; a restricted person
is, so that their record can be opened.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from itertools import compress
from typing import Any, NamedTuple

from sqlalchemy import and_, func, select
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
from .dates import add_months
from .duplicates import duplicate_keys, similar_groups
from .text import digits, fold, sort_name

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


class _Entry:
    __slots__ = ("id", "text", "phone_key", "role", "role_key", "status", "status_rank", "branch_id", "branch",
                 "coordinator_id", "applied_on", "applied_key", "last_name", "first_name", "municipality",
                 "dup_keys", "name_key", "birth_date")


_NAME_ORDER = ("last_name", "first_name", "id")
#: Attributes each sort key compares, most significant first (read in C by attrgetter)
_SORT_ATTRS: dict[str, tuple[str, ...]] = {
    "last_name": _NAME_ORDER,
    "first_name": ("first_name", "last_name", "id"),
    "role": ("role_key", *_NAME_ORDER),
    "status": ("status_rank", *_NAME_ORDER),
    "branch": ("branch", *_NAME_ORDER),
    "municipality": ("municipality", *_NAME_ORDER),
    "applied_on": ("applied_key", *_NAME_ORDER),
}


def _sort_key(sort: str, duplicates: set[int]) -> Callable[[_Entry], Any]:
    if sort == "duplicate":
        names = attrgetter(*_NAME_ORDER)
        return lambda e: (e.id not in duplicates, names(e))
    return attrgetter(*_SORT_ATTRS[sort])


_COLUMNS = (Participant.id, Participant.search_name, Participant.email, Participant.municipality,
            Participant.phone_key, Participant.role, Participant.status, Participant.branch_id, Branch.city,
            Participant.coordinator_id, Participant.applied_on, Participant.last_name, Participant.first_name,
            Participant.birth_date, Participant.name_prefix, Branch.country)


def _entry(row, shared: dict | None = None) -> _Entry:  # noqa: ANN001
    """One participant of the index. ``shared`` (kept while an index is
    read) makes equal short texts one object: a branch, a municipality or a
    first name repeats across 100,000 people (issue 15: memory)."""
    (pid, search_name, email, municipality, phone_key, role, status, branch_id, branch, coordinator_id,
     applied_on, last_name, first_name, birth_date, prefix, country) = row
    one = (lambda text: shared.setdefault(text, text)) if shared is not None else (lambda text: text)
    e = _Entry()
    e.id = pid
    municipality = one(fold(municipality))
    e.phone_key = phone_key or ""
    # the phone key comes last; NUL separates texts in _Pool.of
    e.text = " ".join(part for part in (search_name, fold(email), municipality, e.phone_key)
                      if part).replace("\0", "")
    e.role, e.status, e.branch_id, e.branch = role, status, branch_id, one(fold(branch))
    e.role_key, e.status_rank = role.value, _STATUS_ORDER[status]
    e.coordinator_id, e.applied_on = coordinator_id, applied_on
    e.applied_key = applied_on or dt.date.min
    # the branch's country decides whether a surname prefix is sorted on (NL: no, de Vries under V)
    e.last_name = one(sort_name(last_name, prefix or "", country or ""))
    e.first_name, e.municipality = one(fold(first_name)), municipality
    # Only whether two people share a key matters: its hash stands for it (64 bits; a collision
    # between two of 100,000 people's keys is about one chance in 10^8), a few ints instead of
    # tuples of strings (30 MB at 100,000)
    e.dup_keys = tuple(hash(key) for key in duplicate_keys(search_name, birth_date, email, e.phone_key))
    e.name_key, e.birth_date = search_name, birth_date
    return e


_PHONE_CHARS = "0123456789 +/.-()"


def _word_tests(text: str) -> list[tuple[str, str | None]]:
    """(folded word, phone digits or None) for each word typed. A word made
    of digits is also looked for in phone numbers (without leading zeros);
    a phone number typed with spaces or separators ("0470 12 34") is one
    number."""
    d = digits(text)
    if d and not text.strip(_PHONE_CHARS):
        return [(d, d.lstrip("0"))]
    tests: list[tuple[str, str | None]] = []
    for word in fold(text).split():
        wd = digits(word)
        tests.append((word, wd.lstrip("0") if wd and not word.strip(_PHONE_CHARS) else None))
    return tests


def _narrows(old: list[tuple[str, str | None]], new: list[tuple[str, str | None]]) -> bool:
    """True when every match of ``new`` is also a match of ``old`` (typing
    one more letter), so the previous result can be filtered further."""
    if len(new) < len(old):
        return False
    for (ow, od), (nw, nd) in zip(old, new, strict=False):
        if ow not in nw or (od is None) != (nd is None) or (od is not None and od not in nd):
            return False
    return True


class ParticipantIndex:
    """The searchable, sortable list of participants held in memory."""

    def __init__(self) -> None:
        self._entries: dict[int, _Entry] = {}
        self._orders: dict[tuple[str, bool], tuple[list[_Entry], _Pool]] = {}
        self._duplicates: set[int] = set()
        self._sets: dict[tuple[str, str], frozenset[int]] = {}
        self._last: tuple[ParticipantFilter, str, bool, list[tuple[str, str]], _Pool] | None = None
        self.loaded = False

    # --- building and refreshing -------------------------------------------
    @classmethod
    def build(cls, session: Session) -> ParticipantIndex:
        index = cls()
        index.reload(session)
        return index

    def reload(self, session: Session) -> None:
        query = (select(*_COLUMNS).join(Branch, Branch.id == Participant.branch_id)
                 .where(Participant.merged_into_id.is_(None), Participant.erased_on.is_(None)))
        shared: dict[str, str] = {}
        self._entries = {row[0]: _entry(row, shared) for row in session.connection().execute(query)}
        self._changed()
        self._ordered("last_name", False)  # the default order, ready for the first keystroke
        self.loaded = True

    def refresh_ids(self, session: Session, ids: Iterable[int]) -> None:
        """Read again the given participants after a change (a merged one
        leaves the list)."""
        ids = list(ids)
        query = (select(*_COLUMNS).join(Branch, Branch.id == Participant.branch_id)
                 .where(Participant.id.in_(ids), Participant.merged_into_id.is_(None),
                        Participant.erased_on.is_(None)))
        fresh = {row[0]: _entry(row) for row in session.execute(query)}
        old = {pid: self._entries.get(pid) for pid in ids}
        for pid in ids:
            if pid in fresh:
                self._entries[pid] = fresh[pid]
            else:
                self._entries.pop(pid, None)
        if any(pid not in fresh or old[pid] is None or old[pid].dup_keys != fresh[pid].dup_keys for pid in ids):
            self._changed()  # someone left or came in, or a duplicate flag may change: start again
            return
        # Only a status or a detail changed: patch the sorted orders in place
        # rather than sorting 100,000 entries again
        self._sets.clear()
        self._last = None
        for key, (entries, pool) in list(self._orders.items()):
            order = _sort_key(key[0], self._duplicates)
            if any(order(old[pid]) != order(fresh[pid]) for pid in ids):
                del self._orders[key]
                continue
            entries = list(entries)
            texts, statuses = list(pool.texts), list(pool.statuses)
            for pid in ids:
                pos = entries.index(old[pid])
                entries[pos] = fresh[pid]
                texts[pos], statuses[pos] = fresh[pid].text, fresh[pid].status
            self._orders[key] = (entries, _Pool(pool.ids, texts, statuses))

    def _changed(self) -> None:
        self._orders.clear()
        self._sets.clear()
        self._last = None
        entries = self._entries.values()
        seen = Counter(key for e in entries for key in e.dup_keys)
        shared = {key for key, n in seen.items() if n > 1}
        self._duplicates = {e.id for e in entries if not shared.isdisjoint(e.dup_keys)}
        self._duplicates |= similar_groups((e.id, e.name_key, e.birth_date) for e in entries).keys()

    # --- queries -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def is_duplicate(self, participant_id: int) -> bool:
        return participant_id in self._duplicates

    def _ordered(self, sort: str, descending: bool) -> tuple[list[_Entry], _Pool]:
        key = (sort, descending)
        if key not in self._orders:
            entries = sorted(self._entries.values(), key=_sort_key(sort, self._duplicates), reverse=descending)
            self._orders[key] = (entries, _Pool.of(entries))
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
            pool = last[4]  # typing one more letter: filter the previous result further
        else:
            pool = self._prefiltered(base, sort, descending, session_factory)
        matched = _text_filter(pool, tests)
        self._last = (base, sort, descending, tests, matched)
        counts = Counter(matched.statuses)
        if flt.status is not None:
            ids = [i for i, st in zip(matched.ids, matched.statuses, strict=True) if st is flt.status]
        else:
            ids = list(matched.ids)
        return SearchResult(ids, dict(counts))

    def _prefiltered(self, flt: ParticipantFilter, sort: str, descending: bool, session_factory) -> _Pool:  # noqa: ANN001
        entries, pool = self._ordered(sort, descending)
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
            return pool
        return pool.keep([all(check(e) for check in checks) for e in entries])


class _Pool(NamedTuple):
    """Participants in display order as parallel plain lists: scanning a
    list of strings and compressing lists is much faster than reading an
    attribute of 100,000 objects."""

    ids: list[int]
    texts: list[str]
    statuses: list[ParticipantStatus]

    @classmethod
    def of(cls, entries: list[_Entry]) -> _Pool:
        # Join then split: the texts are created one after the other, so a scan
        # reads memory in order (several times faster than texts scattered by
        # the database read)
        texts = "\0".join(e.text for e in entries).split("\0") if entries else []
        # new int objects, allocated one after the other for the same reason
        # (copying the ids of a result touches each of them)
        return cls([e.id + 0 for e in entries], texts, [e.status for e in entries])

    def keep(self, mask: list[bool]) -> _Pool:
        if all(mask):
            return self
        return _Pool(*(list(compress(column, mask)) for column in self))


def _text_filter(pool: _Pool, tests: list[tuple[str, str | None]]) -> _Pool:
    """One pass per word typed, each a list comprehension and a compress."""
    for word, phone in tests:
        if phone == "":
            continue  # only zeros typed so far: could be the start of any phone number
        # a number is looked for without its leading zeros (phone keys have none), anywhere in the text
        needle = word if phone is None else phone
        pool = pool.keep([needle in t for t in pool.texts])
    return pool


def quick_list(session: Session) -> SearchResult:
    """Every participant by name, straight from SQL: what the screen shows
    while its search index is still being built at start-up (a fraction of
    a second at 100,000, against seconds for the index)."""
    live = and_(Participant.merged_into_id.is_(None), Participant.erased_on.is_(None))
    # read from the covering index ix_participant_listed_name (migration 0008), through the
    # connection: the ORM's row processing would cost more than the query itself
    connection = session.connection()
    ids = connection.execute(select(Participant.id).where(live)
                             .order_by(Participant.last_name, Participant.first_name, Participant.id)).scalars().all()
    rows = connection.execute(select(Participant.status, func.count()).where(live).group_by(Participant.status))
    counts = {status: n for status, n in rows}
    return SearchResult(ids, counts)


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
