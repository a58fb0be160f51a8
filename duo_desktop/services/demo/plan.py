"""Who does what when: each participant's dated steps through the pipeline
and each duo's dates, before any row is written. Mentors are planned first,
with the chain of duos they take one after the other; each proposal then gets
a mentee who applied shortly before it (a match within about a month), or one
who goes back to the pool after a refused pair."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...models import AttendanceStatus, DuoStage, ParticipantStatus, Role
from .names import MENTEE_CULTURES, MENTOR_CULTURES
from .places import BRANCHES, BranchSpec
from .timeline import Calendar, DuoPlan, days, plan_duo, weighted

S = ParticipantStatus
A = AttendanceStatus


@dataclass
class PlannedPerson:
    """A demo participant before it is written: who, and the steps they go through."""

    index: int
    role: Role
    branch: int
    culture: str
    female: bool
    age: int  # at application
    applied: dt.date
    steps: list[tuple[ParticipantStatus, dt.date, str]] = field(default_factory=list)
    intake_on: dt.date | None = None
    ne_reason: str = ""
    attendance: list[tuple[str, dt.date, AttendanceStatus]] = field(default_factory=list)  # (kind, date, status)
    override: bool = False
    duplicate_of: int | None = None  # entered twice: the index of the first record

    def step(self, status: ParticipantStatus, on: dt.date, reason: str = "") -> None:
        self.steps.append((status, on, reason))

    @property
    def status(self) -> ParticipantStatus:
        return self.steps[-1][0]


def _weighted_key(rng, weights: dict[str, int]) -> str:  # noqa: ANN001
    return weighted(rng, weights)


class Planner:
    def __init__(self, rng, today: dt.date, participants: int) -> None:  # noqa: ANN001
        self.rng = rng
        self.today = today
        self.start = dt.date(today.year - 7, 1, 1)
        self.total = participants
        self.calendars = [Calendar.build(self.start, today + days(90)) for _ in BRANCHES]
        self.people: list[PlannedPerson] = []
        self.duos: list[DuoPlan] = []
        self.shares = tuple((i, b.share) for i, b in enumerate(BRANCHES))
        self._ok = 0

    # --- helpers ------------------------------------------------------------
    def _branch(self) -> int:
        return weighted(self.rng, self.shares)

    def _applied(self, growth: bool = True) -> dt.date:
        """A date of application since the programme started, more recent
        ones more likely (the programme grows)."""
        span = (self.today - self.start).days
        u = self.rng.random() ** 0.5 if growth else self.rng.random()
        return self.start + days(int(u * span))

    def _new(self, role: Role, branch: int, applied: dt.date) -> PlannedPerson:
        spec = BRANCHES[branch]
        cultures = spec.mentee_cultures if role is Role.MENTEE else spec.mentor_cultures
        culture = _weighted_key(self.rng, cultures)
        if role is Role.MENTEE:
            age = min(spec.mentee_max_age, 18 + int(self.rng.triangular(0, spec.mentee_max_age - 17, 6)))
        else:
            age = min(74, spec.mentor_min_age + int(self.rng.triangular(0, 22, 11)))
        person = PlannedPerson(len(self.people), role, branch, culture, self.rng.random() < (
            0.46 if role is Role.MENTEE else 0.5), age, applied)
        person.step(S.APPLICANT, applied)
        self.people.append(person)
        return person

    def _milestones(self, person: PlannedPerson) -> dict[str, dt.date]:
        cal = self.calendars[person.branch]
        info = cal.next_on(cal.info_sessions, person.applied + days(3)) or person.applied + days(14)
        intake = info + days(self.rng.randint(2, 9))
        out = {"info": info, "intake": intake}
        if person.role is Role.MENTOR:
            training = cal.next_on(cal.trainings, intake + days(5)) or intake + days(30)
            out["training"] = training
            out["trained"] = training + days(3)
            out["ready"] = out["trained"] + days(self.rng.randint(2, 30))
        else:
            out["ready"] = intake if self.rng.random() < 0.7 else intake + days(self.rng.randint(3, 20))
        return out

    def _walk(self, person: PlannedPerson, ms: dict[str, dt.date], until: dt.date) -> None:
        """The pipeline steps up to ``until`` (and today), with attendance."""
        order = [("info", S.INFO_SESSION_ATTENDED), ("intake", S.INTAKE_DONE)]
        if person.role is Role.MENTOR:
            order.append(("trained", S.TRAINED))
        order.append(("ready", S.READY_TO_MATCH))
        for key, status in order:
            on = ms[key]
            if on > until or on > self.today:
                nxt = "info" if key == "info" else "training" if key == "trained" else ""
                if nxt and until >= self.today and ms[nxt] > self.today - days(4):  # registered for what comes next
                    person.attendance.append((nxt, ms[nxt], A.REGISTERED))
                return
            person.step(status, on)
            if key == "info":
                person.attendance.append(("info", on, A.ATTENDED))
            elif key == "intake":
                person.intake_on = on
            elif key == "trained":
                person.attendance.append(("training", ms["training"], A.ATTENDED))

    def _drop(self, person: PlannedPerson, ms: dict[str, dt.date], kind: str, lang: str) -> dt.date:
        """Withdrawn or not eligible at some step; returns the date."""
        from .texts import NOT_ELIGIBLE_REASONS, TEXTS

        rng = self.rng
        if kind == "not_eligible":
            at = "info" if rng.random() < 0.4 else "intake"
            on = ms[at] + days(rng.randint(0, 5))
            if person.role is Role.MENTOR:
                person.ne_reason = "age"
                person.age = BRANCHES[person.branch].mentor_min_age - rng.randint(1, 5)
            else:
                person.ne_reason = rng.choice(("age", "permit", "office")
                                              if BRANCHES[person.branch].require_employment_office
                                              else ("age", "permit"))
                if person.ne_reason == "age":
                    person.age = BRANCHES[person.branch].mentee_max_age + rng.randint(1, 4)
            until = ms["info"] if at == "info" else ms["intake"]
            reason = NOT_ELIGIBLE_REASONS[person.ne_reason][lang]
            status = S.NOT_ELIGIBLE
        else:
            stages = ["applied", "info", "intake"] + (["trained"] if person.role is Role.MENTOR else ["ready"])
            at = rng.choice(stages)
            base = person.applied if at == "applied" else ms[at]
            on = base + days(rng.randint(5, 60))
            until = base if at != "applied" else person.applied
            if at == "applied":
                missed = ms["info"]
                if missed <= self.today:
                    person.attendance.append(("info", missed, A.ABSENT if rng.random() < 0.7 else A.EXCUSED))
            if at == "intake" and person.role is Role.MENTOR and ms["training"] <= self.today:
                person.attendance.append(("training", ms["training"], A.EXCUSED))
            reason = rng.choice(TEXTS[lang]["withdrawn"])
            status = S.WITHDRAWN
        self._walk(person, ms, until)
        if on <= self.today:
            person.step(status, max(on, person.steps[-1][1]), reason)
        return on

    # --- mentors and their chains of duos ----------------------------------------
    def mentors(self) -> None:
        rng = self.rng
        mentors = 0
        while True:
            ok = self._ok
            mentees_needed = ok * 1.02 + 0.3 * (len(self.duos) - ok)
            if mentees_needed >= 0.72 * (self.total - mentors) - 8 or mentors >= 0.45 * self.total:
                break
            self._mentor(rng)
            mentors += 1

    def _mentor(self, rng) -> None:  # noqa: ANN001
        branch = self._branch()
        spec: BranchSpec = BRANCHES[branch]
        person = self._new(Role.MENTOR, branch, self._applied())
        ms = self._milestones(person)
        r = rng.random()
        if r < 0.07:
            self._drop(person, ms, "withdrawn", spec.default_language)
            return
        if r < 0.10:
            self._drop(person, ms, "not_eligible", spec.default_language)
            return
        self._walk(person, ms, self.today)
        if person.status is not S.READY_TO_MATCH:
            return
        free, count = ms["ready"], 0
        while True:
            proposed = free + days(rng.randint(0, 21) if count else rng.randint(3, 25))
            if proposed > self.today:
                return  # trained, with free capacity: work for the matching board
            duo = plan_duo(rng, branch, person.index, proposed, spec.duo_months, self.today)
            self.duos.append(duo)
            self._ok += duo.kind == "ok"
            if duo.stage in (DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE, DuoStage.ENDED):
                person.step(S.IN_DUO, duo.decided_on)
            if duo.is_open:
                return
            if duo.kind != "ok":
                free = duo.free_again_on + days(rng.randint(3, 14))
                continue
            count += 1
            keeps_on = rng.random() < (0.9 if count == 1 else 0.72)
            duo.mentor_keeps_on = keeps_on
            if not keeps_on:
                person.step(S.ALUMNI, duo.ended_on, "")
                return
            person.step(S.READY_TO_MATCH, duo.ended_on)
            free = duo.ended_on + days(rng.randint(14, 60))

    # --- mentees ------------------------------------------------------------
    def mentees(self) -> None:
        """A mentee for every proposal, in date order per branch."""
        rng = self.rng
        order = sorted(range(len(self.duos)), key=lambda i: (self.duos[i].proposed_on, self.duos[i].mentor, i))
        self.duos = [self.duos[i] for i in order]
        pool: list[list[tuple[dt.date, int]]] = [[] for _ in BRANCHES]
        refused: dict[int, set[int]] = {}  # mentee -> mentors refused with, never proposed again
        for duo in self.duos:
            mentee = None
            waiting = pool[duo.branch]
            for k, (available, index) in enumerate(waiting):
                if available <= duo.proposed_on and duo.mentor not in refused.get(index, ()):
                    mentee = self.people[index]
                    del waiting[k]
                    break
            if mentee is None:
                mentee = self._mentee_for(duo)
            duo.mentee = mentee.index
            if duo.stage in (DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE, DuoStage.ENDED):
                mentee.step(S.IN_DUO, duo.decided_on)
            if duo.stage is DuoStage.ENDED:
                mentee.step(S.ALUMNI, duo.ended_on)
            elif duo.stage in (DuoStage.REFUSED, DuoStage.CANCELLED):
                again = duo.free_again_on + days(rng.randint(3, 10))
                if duo.stage is DuoStage.REFUSED:
                    refused.setdefault(mentee.index, set()).add(duo.mentor)
                waiting.append((again, mentee.index))

    def _mentee_for(self, duo: DuoPlan) -> PlannedPerson:
        rng = self.rng
        applied = duo.proposed_on - days(rng.randint(20, 40))
        person = self._new(Role.MENTEE, duo.branch, applied)
        ms = self._milestones(person)
        ms["intake"] = min(ms["intake"], duo.proposed_on - days(1))
        ms["ready"] = min(max(ms["ready"], ms["intake"]), duo.proposed_on)
        if rng.random() < 0.02:
            person.age = BRANCHES[duo.branch].mentee_max_age + 1  # accepted with a recorded reason
            person.override = True
        self._walk(person, ms, duo.proposed_on)
        return person

    def other_mentees(self) -> None:
        """Mentees who are not (yet) in a duo: recent applicants in every step,
        people waiting for a match, people who withdrew or were not eligible."""
        rng = self.rng
        mentors = sum(1 for p in self.people if p.role is Role.MENTOR)
        mentees = len(self.people) - mentors
        withdrawn: list[list[int]] = [[] for _ in BRANCHES]
        for _ in range(max(0, self.total - mentors - mentees)):
            branch = self._branch()
            lang = BRANCHES[branch].default_language
            r = rng.random()
            if r < 0.4:
                person = self._new(Role.MENTEE, branch, self.today - days(rng.randint(0, 75)))
                if withdrawn[branch] and rng.random() < 0.04:
                    # someone who withdrew applies again and is entered a second time: a case
                    # for the duplicate check (same name and birth date, phone typed differently)
                    first = self.people[rng.choice(withdrawn[branch])]
                    person.duplicate_of, person.culture, person.female = first.index, first.culture, first.female
                self._walk(person, self._milestones(person), self.today)
            else:
                person = self._new(Role.MENTEE, branch, self._applied())
                self._drop(person, self._milestones(person), "withdrawn" if r < 0.8 else "not_eligible", lang)
                if person.status is S.WITHDRAWN:
                    withdrawn[branch].append(person.index)
