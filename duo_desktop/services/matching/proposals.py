"""What the matching board does to the domain, one transaction each: propose
a pair (after the hard rules), take a proposal back, plan the first meeting,
record each side's decision, save the branch's weights. Every change goes
through services.duo_lifecycle."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import DEFAULT_MATCHING_WEIGHTS, Branch, Decision, Duo, DuoStage, Participant, Role
from .. import duo_lifecycle as life
from ..errors import Message, NotFound, RuleError
from .explain import ReasonMessage
from .pool import MENTEE_STATUSES, MENTOR_STATUSES, Pool, branch_info, load_pool, load_profiles
from .scoring import ScoreMatrix, explain_pair, score_matrix

PROPOSAL_STAGES = (DuoStage.PROPOSED, DuoStage.FIRST_MEETING_PLANNED)


@dataclass(frozen=True)
class BranchChoice:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class ProposalRow:
    duo_id: int
    mentee_id: int
    mentee_name: str
    mentor_id: int
    mentor_name: str
    stage: DuoStage
    proposed_on: dt.date
    score: float | None
    first_meeting_at: dt.datetime | None
    first_meeting_place: str
    mentor_decision: Decision
    mentee_decision: Decision


def branches(session: Session) -> list[BranchChoice]:
    return [BranchChoice(b.id, b.code, b.city) for b in session.scalars(select(Branch).order_by(Branch.city))]


def board(session: Session, branch_id: int, today: dt.date, weights: dict[str, float] | None = None
          ) -> ScoreMatrix:
    """The waiting mentees, the mentors and every pair's score."""
    return score_matrix(load_pool(session, branch_id, today), weights)


def _profiles_of(session: Session, mentee: Participant, mentor: Participant, today: dt.date):  # noqa: ANN202
    from ...models import ParticipantStatus as S

    all_statuses = tuple(S)
    mentee_p = load_profiles(session, mentee.branch, Role.MENTEE, all_statuses, today, [mentee.id])
    mentor_p = load_profiles(session, mentor.branch, Role.MENTOR, all_statuses, today, [mentor.id])
    return mentee_p[0] if mentee_p else None, mentor_p[0] if mentor_p else None


def _get(session: Session, pid: int) -> Participant:
    person = session.get(Participant, pid)
    if person is None:
        raise NotFound(Message(N_("Participant {id} does not exist."), id=pid))
    return person


def check_pair(session: Session, mentee_id: int, mentor_id: int, today: dt.date):  # noqa: ANN201
    """The pair's explanation (score, reasons and broken rules). Raises
    NotFound, or RuleError "merged", "erased" or "restricted" (see
    duo_lifecycle.refuse_unmatchable), else "wrong_roles" when the two are
    not a mentee and a mentor."""
    mentee, mentor = _get(session, mentee_id), _get(session, mentor_id)
    for person in (mentee, mentor):  # never matched: said as such, not as a wrong role
        life.refuse_unmatchable(person)
    mentee_p, mentor_p = _profiles_of(session, mentee, mentor, today)
    if mentee_p is None or mentor_p is None:
        raise RuleError(N_("A duo is one mentor and one mentee."), "wrong_roles")
    refused = {(mentor.id, mentee.id)} if life.is_refused_pair(session, mentor.id, mentee.id) else set()
    pool = Pool(branch_info(mentee.branch), today, [mentee_p], [mentor_p], refused)
    return explain_pair(mentee_p, mentor_p, pool)


def propose_pair(session: Session, mentee_id: int, mentor_id: int, now: dt.datetime,
                 coordinator_id: int | None = None) -> int:
    """Propose a duo; refused with the first broken rule, in words. The two
    people are locked first (duo_lifecycle.lock_people), so what is checked
    is what another coordinator saved the instant before; a place already
    taken is refused naming the duo that took it (``mentee_busy``,
    ``mentor_full``) and nothing is saved."""
    mentee, mentor = _get(session, mentee_id), _get(session, mentor_id)
    life.lock_people(session, mentor_id, mentee_id)
    if mentee.role is Role.MENTEE and mentor.role is Role.MENTOR:
        life.check_places(session, mentor, mentee)
    explanation = check_pair(session, mentee_id, mentor_id, now.date())
    if explanation.blockers:
        first = explanation.blockers[0]
        raise RuleError(N_("This duo cannot be proposed: {reason}."), first.code, reason=ReasonMessage(first))
    duo = life.propose(session, mentor, mentee, now, coordinator_id, score=round(explanation.score, 1))
    return duo.id


def withdraw_proposal(session: Session, duo_id: int) -> tuple[int, int]:
    """Take back a proposal that went no further; returns (mentee, mentor)."""
    duo = life.get_duo(session, duo_id)
    pair = (duo.mentee_id, duo.mentor_id)
    life.delete_proposal(session, duo_id)
    return pair


def propose_pairs(session: Session, pairs: list[tuple[int, int]], now: dt.datetime,
                  coordinator_id: int | None = None) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], Exception]]:
    """Several (mentee, mentor) pairs in one transaction ("accept all"
    drafts): the duo ids of those proposed and the refusal of the others.
    Each pair's rules are checked before anything of it is written, so a
    refused pair leaves nothing behind."""
    done: dict[tuple[int, int], int] = {}
    refused: dict[tuple[int, int], Exception] = {}
    for mentee_id, mentor_id in pairs:
        try:
            done[(mentee_id, mentor_id)] = propose_pair(session, mentee_id, mentor_id, now, coordinator_id)
        except (RuleError, NotFound) as exc:
            refused[(mentee_id, mentor_id)] = exc
    return done, refused


def withdraw_proposals(session: Session, duo_ids: list[int]
                       ) -> tuple[dict[int, tuple[int, int]], dict[int, Exception]]:
    """Take several proposals back in one transaction: the (mentee, mentor)
    of those withdrawn and why the others were kept (checked before the
    delete)."""
    done: dict[int, tuple[int, int]] = {}
    kept: dict[int, Exception] = {}
    for duo_id in duo_ids:
        try:
            done[duo_id] = withdraw_proposal(session, duo_id)
        except (RuleError, NotFound) as exc:
            kept[duo_id] = exc
    return done, kept


def list_proposals(session: Session, branch_id: int) -> list[ProposalRow]:
    rows = []
    duos = session.scalars(select(Duo).where(Duo.branch_id == branch_id, Duo.stage.in_(PROPOSAL_STAGES))
                           .order_by(Duo.proposed_on, Duo.id))
    for d in duos:
        rows.append(ProposalRow(d.id, d.mentee_id, d.mentee.full_name, d.mentor_id, d.mentor.full_name, d.stage,
                                d.proposed_on, d.match_score, d.first_meeting_at, d.first_meeting_place,
                                d.mentor_decision, d.mentee_decision))
    return rows


def plan_first_meeting(session: Session, duo_id: int, at: dt.datetime, place: str, now: dt.datetime,
                       coordinator_id: int | None = None) -> None:
    if not place.strip():
        raise RuleError(N_("Say where the first meeting takes place."), "place_required")
    life.plan_first_meeting(session, life.get_duo(session, duo_id), at, place.strip(), now, coordinator_id)


def record_decision(session: Session, duo_id: int, side: str, decision: Decision, on: dt.date, now: dt.datetime,
                    reason: str = "", coordinator_id: int | None = None) -> DuoStage:
    """One side's decision after the first meeting; returns the duo's stage
    (refused: both are back in the pool and never proposed together again;
    awaiting agreement: both said yes)."""
    duo = life.get_duo(session, duo_id)
    if on > now.date():
        raise RuleError(N_("A decision cannot be dated in the future."), "date")
    life.record_decision(session, duo, side, decision, on, now, reason, coordinator_id)
    return duo.stage


def save_weights(session: Session, branch_id: int, weights: dict[str, float]) -> dict[str, float]:
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise NotFound(Message(N_("There is no branch “{code}”."), code=branch_id))
    clean = {}
    for key in DEFAULT_MATCHING_WEIGHTS:
        value = float(weights.get(key, DEFAULT_MATCHING_WEIGHTS[key]))
        if not 0 <= value <= 10:
            raise RuleError(N_("A weight is between 0 and 10."), "weight", field=key)
        clean[key] = value
    if not any(clean.values()):
        raise RuleError(N_("At least one criterion needs a weight above 0."), "weight", field="weights")
    branch.matching_weights = clean
    return clean


__all__ = ["MENTEE_STATUSES", "MENTOR_STATUSES"]
