"""The people a matching session works with, loaded in a few bulk queries
and returned as plain, immutable profiles (no session attached)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import (
    DEFAULT_MATCHING_WEIGHTS,
    AvailabilitySlot,
    Branch,
    DayPart,
    Duo,
    DuoStage,
    Gender,
    Participant,
    ParticipantLanguage,
    ParticipantSector,
    ParticipantStatus,
    Role,
)
from ..duo_lifecycle import OPEN_STAGES
from ...i18n import N_
from ..errors import Message, NotFound
from ...text import fold, sort_name
from .criteria import keywords

S = ParticipantStatus
MENTEE_STATUSES = (S.READY_TO_MATCH,)
# A mentor is matched only once trained; one in a duo only when the branch
# allows more than one mentee at a time.
MENTOR_STATUSES = (S.TRAINED, S.READY_TO_MATCH, S.IN_DUO)
DAY_PARTS = (DayPart.MORNING, DayPart.AFTERNOON, DayPart.EVENING)


def slot_index(weekday: int, part: DayPart) -> int:
    return weekday * len(DAY_PARTS) + DAY_PARTS.index(part)


def slot_of(index: int) -> tuple[int, DayPart]:
    return index // len(DAY_PARTS), DAY_PARTS[index % len(DAY_PARTS)]


@dataclass(frozen=True)
class PoolBranch:
    id: int
    code: str
    name: str
    city: str
    country: str
    max_mentees_per_mentor: int
    weights: dict[str, float]


@dataclass(frozen=True)
class Profile:
    id: int
    role: Role
    branch_id: int
    first_name: str
    last_name: str
    status: ParticipantStatus
    gender: Gender
    country: str
    postal_code: str
    municipality: str
    languages: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    slots: tuple[int, ...] = ()
    keywords: frozenset[str] = frozenset()
    waiting_since: dt.date | None = None
    preferred_mentor_gender: Gender | None = None
    preferred_mentor_languages: tuple[str, ...] = ()  # mentee's wish: a mentor who speaks one of these
    preferred_mentor_sector: str = ""  # mentee's wish: a mentor from this sector
    capacity: int = 1  # places a mentor may take at once
    open_duos: int = 0  # proposals and duos in progress
    name_prefix: str = ""  # the surname's prefix ("van der"): not sorted on in the Netherlands

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def free_places(self) -> int:
        return max(0, self.capacity - self.open_duos)

    def waiting_days(self, today: dt.date) -> int:
        return max(0, (today - self.waiting_since).days) if self.waiting_since else 0


@dataclass
class Pool:
    branch: PoolBranch
    today: dt.date
    mentees: list[Profile]
    mentors: list[Profile]
    refused: set[tuple[int, int]] = field(default_factory=set)  # (mentor_id, mentee_id)


def branch_info(branch: Branch) -> PoolBranch:
    weights = dict(DEFAULT_MATCHING_WEIGHTS)
    weights.update({k: float(v) for k, v in (branch.matching_weights or {}).items() if k in weights})
    return PoolBranch(branch.id, branch.code, branch.name, branch.city, branch.country,
                      max(1, branch.max_mentees_per_mentor), weights)


def find_branch(session: Session, code_or_id: str | int) -> Branch:
    if isinstance(code_or_id, int) or str(code_or_id).isdigit():
        branch = session.get(Branch, int(code_or_id))
    else:
        branch = session.scalar(select(Branch).where(func.upper(Branch.code) == str(code_or_id).upper()))
    if branch is None:
        raise NotFound(Message(N_("There is no branch “{code}”."), code=code_or_id))
    return branch


def _collect(session: Session, column, value, ids_query) -> dict[int, list]:  # noqa: ANN001
    out: dict[int, list] = {}
    for pid, v in session.execute(select(column, value).where(column.in_(ids_query))):
        out.setdefault(pid, []).append(v)
    return out


def load_profiles(session: Session, branch: Branch, role: Role, statuses, today: dt.date,  # noqa: ANN001
                  ids: list[int] | None = None) -> list[Profile]:
    cond = [Participant.branch_id == branch.id, Participant.role == role, Participant.status.in_(statuses),
            Participant.merged_into_id.is_(None), Participant.restricted_since.is_(None),
            Participant.erased_on.is_(None)]  # restricted or anonymised: never matched (GDPR art. 18, 17)
    if ids is not None:
        cond.append(Participant.id.in_(ids))
    ids_query = select(Participant.id).where(*cond).scalar_subquery()
    langs = _collect(session, ParticipantLanguage.participant_id, ParticipantLanguage.language, ids_query)
    sectors = _collect(session, ParticipantSector.participant_id, ParticipantSector.sector, ids_query)
    slots: dict[int, list[int]] = {}
    for pid, weekday, part in session.execute(
            select(AvailabilitySlot.participant_id, AvailabilitySlot.weekday, AvailabilitySlot.part)
            .where(AvailabilitySlot.participant_id.in_(ids_query))):
        slots.setdefault(pid, []).append(slot_index(weekday, part))
    open_col = Duo.mentor_id if role is Role.MENTOR else Duo.mentee_id
    open_counts = dict(session.execute(
        select(open_col, func.count()).where(Duo.stage.in_(OPEN_STAGES), open_col.in_(ids_query))
        .group_by(open_col)).all())
    capacity_cap = max(1, branch.max_mentees_per_mentor)
    rows = session.execute(select(
        Participant.id, Participant.first_name, Participant.last_name, Participant.status, Participant.gender,
        Participant.postal_code, Participant.municipality, Participant.interests, Participant.personality_notes,
        Participant.status_since, Participant.applied_on, Participant.preferred_mentor_gender,
        Participant.preferred_mentor_languages, Participant.preferred_mentor_sector,
        Participant.max_mentees, Participant.name_prefix).where(*cond).order_by(Participant.id)).all()
    profiles = []
    for r in rows:
        since = r.status_since or r.applied_on
        profiles.append(Profile(
            id=r.id, role=role, branch_id=branch.id, first_name=r.first_name, last_name=r.last_name,
            status=r.status, gender=r.gender, country=branch.country, postal_code=r.postal_code or "",
            municipality=r.municipality or "", languages=tuple(sorted(langs.get(r.id, ()))),
            sectors=tuple(sorted(sectors.get(r.id, ()))), slots=tuple(sorted(slots.get(r.id, ()))),
            keywords=keywords(r.interests or ""),  # interests only: notes on personality are not interests
            waiting_since=since if role is Role.MENTEE else None,
            preferred_mentor_gender=r.preferred_mentor_gender if role is Role.MENTEE else None,
            preferred_mentor_languages=tuple(r.preferred_mentor_languages or ()) if role is Role.MENTEE else (),
            preferred_mentor_sector=(r.preferred_mentor_sector or "") if role is Role.MENTEE else "",
            capacity=min(capacity_cap, max(1, r.max_mentees or 1)) if role is Role.MENTOR else 1,
            open_duos=open_counts.get(r.id, 0), name_prefix=r.name_prefix or ""))
    return profiles


def is_waiting(mentee: Profile) -> bool:
    """A mentee ready to match is on the board until proposed."""
    return mentee.open_duos == 0


def is_matchable(mentor: Profile, keep_full: bool = True) -> bool:
    """A trained mentor with a free place; one whose places are all taken by
    proposals stays (marked full) unless already in a duo or not kept."""
    return mentor.free_places > 0 or (keep_full and mentor.status is not S.IN_DUO)


def mentee_order(mentee: Profile, today: dt.date) -> tuple:
    """Longest waiting first."""
    return (mentee.waiting_since or today, mentee.id)


def mentor_order(mentor: Profile) -> tuple:
    """Mentors with a free place first, then by name, sorted as the
    participants list sorts it (text.sort_name: in a Dutch branch "de Vries"
    under V, in Belgium under D)."""
    return (mentor.free_places == 0, sort_name(mentor.last_name, mentor.name_prefix, mentor.country),
            fold(mentor.first_name), mentor.id)


def load_pool(session: Session, branch: Branch | str | int, today: dt.date, *,
              keep_full_mentors: bool = True) -> Pool:
    """Waiting mentees (ready to match, no proposal or duo yet; longest
    waiting first) and the mentors who can be matched (trained; those in a
    duo only if they still have a free place). Mentors whose places are all
    taken by proposals stay on the board, marked full, unless asked not to."""
    if not isinstance(branch, Branch):
        branch = find_branch(session, branch)
    mentees = [p for p in load_profiles(session, branch, Role.MENTEE, MENTEE_STATUSES, today) if is_waiting(p)]
    mentees.sort(key=lambda p: mentee_order(p, today))
    mentors = [p for p in load_profiles(session, branch, Role.MENTOR, MENTOR_STATUSES, today)
               if is_matchable(p, keep_full_mentors)]
    mentors.sort(key=mentor_order)
    refused = set(tuple(r) for r in session.execute(select(Duo.mentor_id, Duo.mentee_id).where(
        Duo.branch_id == branch.id, Duo.stage == DuoStage.REFUSED)).all())
    return Pool(branch_info(branch), today, mentees, mentors, refused)
