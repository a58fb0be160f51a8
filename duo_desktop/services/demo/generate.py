"""Writes the planned demo programme with Core bulk inserts (executemany),
in one transaction: it is saved whole, or, when the user cancels or anything
fails, not at all. The database is marked as a demo one (programme.is_demo);
a database holding real data is refused (RuleError "real_data"): demo and
real data never mix (issue 10)."""

from __future__ import annotations

import datetime as dt
import gc
import math
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass

import json
from operator import itemgetter

from sqlalchemy import JSON, Boolean, Date, DateTime, Engine, Enum, Integer, String, func, insert, select
from sqlalchemy.orm import Session

from ...models import (
    DEFAULT_MATCHING_WEIGHTS,
    AttendanceStatus,
    AuditEntry,
    AvailabilitySlot,
    Branch,
    Coordinator,
    Duo,
    DuoStageChange,
    Event,
    EventKind,
    Participant,
    ParticipantLanguage,
    ParticipantSector,
    Role,
    StatusChange,
)
from ...models import Attendance, CheckIn, Evaluation, Meeting, Outcome
from ...models.base import uuid7
from ...store.sequences import advance_sequences
from ..errors import Cancelled, RuleError
from ...text import fold, search_text
from . import followup, people
from .names import COORDINATOR_NAMES, MENTEE_CULTURES, MENTOR_CULTURES, person_name
from .places import BRANCHES, municipalities
from .plan import PlannedPerson, Planner
from .texts import TEXTS
from ..dates import add_months
from .timeline import intervision_date, weighted
from ..demo_status import REAL_DATA, is_empty  # noqa: F401  (where they used to be)

Progress = Callable[[int, int], bool]
CHUNK = 20_000
TABLES = (Branch, Coordinator, Participant, ParticipantLanguage, ParticipantSector, AvailabilitySlot,
          StatusChange, Event, Attendance, Duo, DuoStageChange, Meeting, CheckIn, Evaluation, Outcome, AuditEntry)


@dataclass(frozen=True)
class DemoSummary:
    branches: int
    coordinators: int
    participants: int
    mentors: int
    mentees: int
    events: int
    attendances: int
    duos: int
    meetings: int
    check_ins: int
    evaluations: int
    outcomes: int
    rows: int  # rows written in all tables

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class _Ids:
    """The next free id of each table, so rows need no RETURNING."""

    def __init__(self, connection) -> None:  # noqa: ANN001
        self.next = {t.__table__.name: (connection.scalar(select(func.max(t.id))) or 0) + 1 for t in TABLES}

    def take(self, table: str, count: int = 1) -> int:
        first = self.next[table]
        self.next[table] += count
        return first


def generate(engine: Engine, participants: int = 2000, seed: int = 1, today: dt.date | None = None,
             progress: Progress | None = None) -> DemoSummary:
    """Fill the database with a synthetic programme of about ``participants``
    people (more only when a very small number cannot hold one duo). The same
    seed and ``today`` give the same rows. Raises Cancelled, with nothing
    written, when ``progress`` returns False."""
    today = today or dt.date.today()
    total = max(1, participants) * 2

    def report(done: int) -> None:
        if progress is not None and progress(min(done, total), total) is False:
            raise Cancelled()

    report(0)
    collecting = gc.isenabled()
    gc.disable()  # millions of fresh rows: the cyclic collector would only walk them again and again
    try:
        return _generate(participants, seed, today, engine, report, total)
    finally:
        if collecting:
            gc.enable()


def _generate(participants: int, seed: int, today: dt.date, engine: Engine, report: Callable[[int], None],
              total: int) -> DemoSummary:
    rng = random.Random(seed)
    planner = Planner(rng, today, participants)
    planner.mentors()
    report(participants // 3)
    planner.mentees()
    planner.other_mentees()
    report(participants // 2)
    with engine.begin() as connection:
        _refuse_real_data(connection)
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # a big page cache for one big transaction
            connection.exec_driver_sql("PRAGMA cache_size=-262144")
        try:
            counts = _write(connection, planner, rng, today, participants, report)
            advance_sequences(connection)  # the rows came with their ids (PostgreSQL)
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA cache_size=-2000")
    report(total)
    mentors = sum(1 for p in planner.people if p.role is Role.MENTOR)
    return DemoSummary(
        branches=counts["branch"], coordinators=counts["coordinator"], participants=counts["participant"],
        mentors=mentors, mentees=counts["participant"] - mentors, events=counts["event"],
        attendances=counts["attendance"], duos=counts["duo"], meetings=counts["meeting"],
        check_ins=counts["check_in"], evaluations=counts["evaluation"], outcomes=counts["outcome"],
        rows=sum(counts.values()))


def _refuse_real_data(connection) -> None:  # noqa: ANN001
    from ..settings import programme

    session = Session(bind=connection)
    try:
        if programme.holds_real_data(session):
            raise RuleError(REAL_DATA, "real_data")
        programme.mark_demo(session)
        session.flush()
    finally:
        session.close()


def _write(connection, planner: Planner, rng, today: dt.date, participants: int,  # noqa: ANN001
           report: Callable[[int], None]) -> dict[str, int]:
    ids = _Ids(connection)
    rows = _Rows(planner, ids, rng, today, connection).build(lambda share: report(
        participants // 2 + int(share * participants // 2)))
    counts = {name: len(r) for name, r in rows.items()}
    # uids from the seed too: same seed and date, same programme, uids included
    uid_rng = random.Random(rng.getrandbits(64))
    millis = int(dt.datetime.combine(today, dt.time(), dt.timezone.utc).timestamp() * 1000)
    for table in TABLES:
        if "uid" in table.__table__.c:
            for row in rows[table.__tablename__]:
                row.setdefault("uid", uuid7(millis, uid_rng.getrandbits(80)))
    written = 0
    grand_total = sum(counts.values()) or 1
    for table in TABLES:
        batch = rows[table.__tablename__]
        for start in range(0, len(batch), CHUNK):
            chunk = batch[start:start + CHUNK]
            _insert(connection, table, chunk)
            written += len(chunk)
            report(participants + int(participants * written / grand_total))
    return counts


def _fast_processor(column, dialect):  # noqa: ANN001, ANN202
    """SQLite bind processors for the bulk path, with the very storage
    format of SQLAlchemy's own (ISO dates, microsecond datetimes, JSON text),
    in C where possible; StrEnum and bool values bind as they are."""
    kind = column.type
    if isinstance(kind, (Enum, Boolean, Integer, String)):
        return None
    if isinstance(kind, DateTime):
        return lambda v: None if v is None else v.isoformat(" ", "microseconds")
    if isinstance(kind, Date):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(kind, JSON):
        memo: dict = {}

        def dump(value):  # noqa: ANN001, ANN202
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                key = tuple(value)
                if key not in memo:
                    memo[key] = json.dumps(value)
                return memo[key]
            return json.dumps(value)
        return dump
    return kind._cached_bind_processor(dialect)  # noqa: SLF001


def _insert(connection, table, rows: list[dict]) -> None:  # noqa: ANN001
    """Bulk insert: on SQLite, one executemany of tuples; elsewhere, Core
    insert with a list of dicts."""
    if not rows:
        return
    if connection.dialect.paramstyle != "qmark":
        connection.execute(insert(table), rows)
        return
    columns = table.__table__.columns
    names = list(rows[0])
    for column in columns:
        if column.name not in names and not column.primary_key and column.server_default is None:
            if column.default is not None and column.default.is_callable:  # a new uid per row
                names.append(column.name)
                for row in rows:
                    row.setdefault(column.name, column.default.arg(None))
                continue
            if column.default is None or not column.default.is_scalar:
                raise ValueError(f"demo rows of {table.__tablename__} lack {column.name}")
            names.append(column.name)
            for row in rows:
                row.setdefault(column.name, column.default.arg)
    for name in names:
        processor = _fast_processor(columns[name], connection.dialect)
        if processor is not None:
            for row in rows:
                row[name] = processor(row[name])
    quote = connection.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.__tablename__)} ({', '.join(quote(n) for n in names)}) "
           f"VALUES ({', '.join('?' * len(names))})")
    connection.exec_driver_sql(sql, list(map(itemgetter(*names), rows)))


class _Rows:
    def __init__(self, planner: Planner, ids: _Ids, rng, today: dt.date, connection) -> None:  # noqa: ANN001
        self.planner, self.ids, self.rng, self.today = planner, ids, rng, today
        self.connection = connection
        self.rows: dict[str, list[dict]] = {t.__table__.name: [] for t in TABLES}
        self.branch_ids: list[int] = []
        self.coordinators: list[list[int]] = []
        self.pids: list[int] = []
        self.person_coordinator: list[int] = []
        self.events: dict[tuple, int] = {}
        self.first_sector: list[str] = []
        self._intervision_attendance: dict[tuple[int, int], AttendanceStatus] = {}

    def build(self, progress: Callable[[float], None]) -> dict[str, list[dict]]:
        self._branches()
        self._events()
        people_count = len(self.planner.people)
        for n, person in enumerate(self.planner.people):
            self._participant(person)
            if n % 2000 == 0:
                progress(0.6 * n / max(1, people_count))
        self._intervision_groups = [max(1, sum(1 for p in self.planner.people if p.branch == b and
                                               p.role is Role.MENTOR) // 80) for b in range(len(BRANCHES))]
        for n, duo in enumerate(self.planner.duos):
            self._duo(duo)
            if n % 2000 == 0:
                progress(0.6 + 0.4 * n / max(1, len(self.planner.duos)))
        self._attendance()
        self.rows["audit_entry"].append(dict(
            id=self.ids.take("audit_entry"), at=dt.datetime.combine(self.today, dt.time(8)), coordinator_id=None,
            action="demo", entity="participant", entity_id=None,
            details={"participants": len(self.planner.people), "duos": len(self.planner.duos)}))
        return self.rows

    # --- branches and coordinators ---------------------------------------------------
    def _branches(self) -> None:
        existing = dict(self.connection.execute(select(Branch.code, Branch.id)).all())
        created = dt.datetime.combine(self.planner.start, dt.time(9))
        for spec in BRANCHES:
            if spec.code in existing:
                branch_id = existing[spec.code]
            else:
                branch_id = self.ids.take("branch")
                self.rows["branch"].append(dict(
                    id=branch_id, code=spec.code, name=f"DUO for a JOB {spec.city}", city=spec.city,
                    country=spec.country, employment_office=spec.office, address=spec.address,
                    phone=f"+{ {'BE': 32, 'FR': 33, 'NL': 31}[spec.country]} 2 555 01 {len(self.branch_ids):02d}",
                    email=f"{spec.code.lower()}@duo.example.org", default_language=spec.default_language,
                    mentee_min_age=18, mentee_max_age=spec.mentee_max_age, mentor_min_age=spec.mentor_min_age,
                    require_non_eu_background=True, require_work_permit=True,
                    require_employment_office=spec.require_employment_office, min_weekly_hours=2,
                    duo_months=spec.duo_months, max_mentees_per_mentor=1,
                    matching_weights=dict(DEFAULT_MATCHING_WEIGHTS), settings={}, created_at=created,
                    updated_at=created))
            self.branch_ids.append(branch_id)
            ids = []
            for first, last in COORDINATOR_NAMES[spec.code]:
                cid = self.ids.take("coordinator")
                ids.append(cid)
                email = f"{fold(first)}.{fold(last).replace(' ', '')}@duo.example.org"
                self.rows["coordinator"].append(dict(
                    id=cid, branch_id=branch_id, first_name=first, last_name=last, email=email,
                    phone="", active=True, created_at=created, updated_at=created))
            self.coordinators.append(ids)

    # --- events ------------------------------------------------------------------------
    def _event(self, key: tuple, branch: int, kind: EventKind, starts: dt.datetime, ends: dt.datetime,
               capacity: int) -> int:
        spec = BRANCHES[branch]
        event_id = self.ids.take("event")
        title_key = {"info_session": "info", "training": "training", "intervision": "intervision"}[kind.value]
        self.rows["event"].append(dict(
            id=event_id, branch_id=self.branch_ids[branch], kind=kind, title=TEXTS[spec.default_language][title_key],
            starts_at=starts, ends_at=ends, place=spec.address, capacity=capacity, notes="",
            created_at=starts - dt.timedelta(days=30), updated_at=starts - dt.timedelta(days=30)))
        self.events[key] = event_id
        return event_id

    def _events(self) -> None:
        scale = max(1, math.ceil(self.planner.total / 2000))
        for branch, calendar in enumerate(self.planner.calendars):
            for day in calendar.info_sessions:
                self._event(("info", branch, day), branch, EventKind.INFO_SESSION,
                            dt.datetime.combine(day, dt.time(14)), dt.datetime.combine(day, dt.time(16)), 30 * scale)
            for day in calendar.trainings:
                self._event(("training", branch, day), branch, EventKind.TRAINING,
                            dt.datetime.combine(day, dt.time(9)),
                            dt.datetime.combine(day + dt.timedelta(days=3), dt.time(16)), 16 * scale)

    # --- participants ------------------------------------------------------------------------
    def _participant(self, person: PlannedPerson) -> None:
        rng = self.rng
        spec = BRANCHES[person.branch]
        cultures = MENTEE_CULTURES if person.role is Role.MENTEE else MENTOR_CULTURES
        culture = cultures[person.culture]
        first, last = person_name(culture, person.female, rng)
        pid = self.ids.take("participant")
        self.pids.append(pid)
        lang = spec.default_language if spec.code != "BXL" or rng.random() < 0.75 else "nl"
        place = rng.choice(municipalities(spec.code))
        birth = people.birth_date(rng, person.applied, person.age)
        row = people.profile(rng, pid, person.role, spec, culture, first, last, person.female, birth,
                             person.applied, person.intake_on, place, lang, person.ne_reason)
        if person.duplicate_of is not None:
            first_record = self.rows["participant"][person.duplicate_of]
            row.update({key: first_record[key] for key in (
                "first_name", "last_name", "name_prefix", "search_name", "birth_date", "gender", "phone_key", "country_of_birth",
                "nationality")})
            row["phone"] = "0" + first_record["phone_key"] if first_record["phone_key"] else ""
            row["email"] = first_record["email"] if rng.random() < 0.5 else ""
        # Core bulk insert: no ORM event computes what the list searches in (issue 15)
        row["search_text"] = search_text(row["search_name"], row["email"], row["municipality"], row["phone_key"])
        coordinator = rng.choice(self.coordinators[person.branch])
        self.person_coordinator.append(coordinator)
        status, since, _reason = person.steps[-1]
        row.update(id=pid, branch_id=self.branch_ids[person.branch], coordinator_id=coordinator, role=person.role,
                   status=status, status_since=since, updated_at=dt.datetime.combine(since, dt.time(17)),
                   merged_into_id=None, restricted_since=None, erased_on=None)
        if person.override:
            row["eligibility_overrides"] = {"mentee_age": TEXTS[lang]["override"]}
        self.rows["participant"].append(row)
        for code, level in people.languages(rng, person.role, culture, spec, row["country_of_birth"]):
            self.rows["participant_language"].append(dict(participant_id=pid, language=code, level=level))
        codes = people.sectors(rng, person.role)
        self.first_sector.append(codes[0])
        for code in codes:
            self.rows["participant_sector"].append(dict(participant_id=pid, sector=code))
        for weekday, part in people.availability(rng, person.role):
            self.rows["availability_slot"].append(dict(participant_id=pid, weekday=weekday, part=part))
        previous = None
        for status, on, reason in person.steps:
            self.rows["status_change"].append(dict(participant_id=pid, from_status=previous, to_status=status,
                                                   changed_on=on, reason=reason, coordinator_id=coordinator))
            previous = status

    def _attendance(self) -> None:
        seen: set[tuple[int, int]] = set()
        out = self.rows["attendance"]
        for person in self.planner.people:
            pid = self.pids[person.index]
            for kind, day, status in person.attendance:
                event_id = self.events.get((kind, person.branch, day))
                if event_id is not None and (event_id, pid) not in seen:
                    seen.add((event_id, pid))
                    out.append(dict(event_id=event_id, participant_id=pid, status=status))
        for (event_id, pid), status in self._intervision_attendance.items():
            out.append(dict(event_id=event_id, participant_id=pid, status=status))

    # --- duos ------------------------------------------------------------------------------
    def _duo(self, duo) -> None:  # noqa: ANN001
        rng, today = self.rng, self.today
        spec = BRANCHES[duo.branch]
        lang = self.rows["participant"][duo.mentee]["preferred_language"]
        lang = lang if lang in TEXTS else spec.default_language
        coordinator = self.person_coordinator[duo.mentee]
        duo_id = self.ids.take("duo")
        ids = {"branch": self.branch_ids[duo.branch], "mentor": self.pids[duo.mentor],
               "mentee": self.pids[duo.mentee], "coordinator": coordinator}
        self.rows["duo"].append(followup.duo_row(duo, duo_id, ids, lang, spec.address, rng))
        self.rows["duo_stage_change"].extend(followup.stage_rows(duo, duo_id, coordinator, lang))
        self.rows["meeting"].extend(followup.meeting_rows(duo, duo_id, today, rng))
        self.rows["check_in"].extend(followup.checkin_rows(duo, duo_id, coordinator, today, lang, rng))
        self.rows["evaluation"].extend(followup.evaluation_rows(duo, duo_id, duo.mentor_keeps_on, today, lang, rng))
        sector = self.first_sector[duo.mentee] if rng.random() < 0.6 else rng.choice(people.SECTOR_CODES)
        self.rows["outcome"].extend(followup.outcome_rows(duo, duo_id, sector, today, rng))
        if duo.signed_on is not None:
            self._intervisions(duo)

    def _intervisions(self, duo) -> None:  # noqa: ANN001
        """The mentor joins an intervision every other month during the duo."""
        groups = self._intervision_groups[duo.branch]
        group = duo.mentor % groups
        last = duo.ended_on or (self.today + dt.timedelta(days=45))
        mentor_pid = self.pids[duo.mentor]
        for months in (1, 3, 5):
            month = add_months(duo.signed_on, months)
            day = intervision_date(month.year, month.month)
            if day > last:
                break
            key = ("intervision", duo.branch, day, group)
            event_id = self.events.get(key) or self._event(
                key, duo.branch, EventKind.INTERVISION, dt.datetime.combine(day, dt.time(14)),
                dt.datetime.combine(day, dt.time(16, 30)), 15)
            status = (AttendanceStatus.REGISTERED if day > self.today else weighted(self.rng, (
                (AttendanceStatus.ATTENDED, 0.82), (AttendanceStatus.EXCUSED, 0.12), (AttendanceStatus.ABSENT, 0.06))))
            self._intervision_attendance.setdefault((event_id, mentor_pid), status)
