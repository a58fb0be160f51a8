"""Rows of one duo's life: its stage history, weekly meetings, coordinator
check-ins, end evaluations and outcomes at the end, after 3 and 12 months."""

from __future__ import annotations

import datetime as dt

from ...models import (
    CheckInWith,
    ContractType,
    Decision,
    DuoStage,
    EndReason,
    Gain,
    MeetingChannel,
    MeetingTopic,
    ObjectivesReached,
    OutcomeKind,
    OutcomeMoment,
    Respondent,
)
from ..dates import add_months
from .texts import TEXTS
from .timeline import DuoPlan, days, weighted

T = MeetingTopic
EARLY_TOPICS = (T.CV, T.COVER_LETTER, T.JOB_SEARCH, T.TRAINING_PLAN, T.ADMINISTRATION, T.WELLBEING)
LATE_TOPICS = (T.INTERVIEW_PRACTICE, T.NETWORK, T.JOB_SEARCH, T.LANGUAGE_PRACTICE, T.COVER_LETTER, T.WELLBEING)
CHANNELS = ((MeetingChannel.IN_PERSON, 0.75), (MeetingChannel.VIDEO, 0.15), (MeetingChannel.PHONE, 0.10))
CONTRACTS = ((ContractType.PERMANENT, 0.25), (ContractType.FIXED_TERM, 0.35), (ContractType.TEMPORARY, 0.22),
             (ContractType.SUBSIDISED, 0.1), (ContractType.STUDENT, 0.03), (ContractType.OTHER, 0.05))
GAINS = tuple(Gain)
CHECKIN_RATINGS = ((2, 0.06), (3, 0.24), (4, 0.45), (5, 0.25))
SATISFIED = ((2, 0.05), (3, 0.15), (4, 0.45), (5, 0.35))
UNSATISFIED = ((2, 0.15), (3, 0.35), (4, 0.35), (5, 0.15))


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def duo_row(duo: DuoPlan, duo_id: int, ids: dict, lang: str, place: str, rng) -> dict:  # noqa: ANN001
    """The duo's own columns, as seen on ``today``."""
    S = DuoStage
    planned = duo.stage not in (S.PROPOSED,) and not (duo.stage is S.CANCELLED and len(duo.history) == 2)
    decided = duo.stage in (S.AWAITING_AGREEMENT, S.ACTIVE, S.ENDED, S.REFUSED)
    mentor_decision = mentee_decision = Decision.PENDING
    refusal = ""
    if decided:
        mentor_decision = mentee_decision = Decision.ACCEPTED
        if duo.stage is S.REFUSED:
            refusal = rng.choice(TEXTS[lang]["refused"])
            if duo.refused_by == "mentee":
                mentee_decision = Decision.REFUSED
                mentor_decision = Decision.ACCEPTED if rng.random() < 0.7 else Decision.PENDING
            else:
                mentor_decision = Decision.REFUSED
                mentee_decision = Decision.ACCEPTED if rng.random() < 0.7 else Decision.PENDING
    end_note = rng.choice(TEXTS[lang]["other_end"]) if duo.end_reason is EndReason.OTHER else ""
    notes = rng.choice(TEXTS[lang]["cancelled"]) if duo.stage is S.CANCELLED else ""
    last = duo.history[-1][2]
    return dict(
        id=duo_id, branch_id=ids["branch"], mentor_id=ids["mentor"], mentee_id=ids["mentee"],
        coordinator_id=ids["coordinator"], stage=duo.stage, proposed_on=duo.proposed_on, match_score=duo.score,
        first_meeting_at=duo.first_meeting_at if planned else None, first_meeting_place=place if planned else "",
        mentor_decision=mentor_decision, mentor_decided_on=duo.decided_on if mentor_decision is not Decision.PENDING
        else None, mentee_decision=mentee_decision,
        mentee_decided_on=duo.decided_on if mentee_decision is not Decision.PENDING else None,
        refusal_reason=refusal, agreement_signed_on=duo.signed_on,
        agreement_language=lang if duo.signed_on else "", planned_end_on=duo.planned_end_on,
        ended_on=duo.ended_on, end_reason=duo.end_reason, end_note=end_note, notes=notes,
        created_at=_at(duo.proposed_on, 10), updated_at=last,
    )


def stage_rows(duo: DuoPlan, duo_id: int, coordinator_id: int, lang: str) -> list[dict]:
    return [dict(duo_id=duo_id, from_stage=from_stage, to_stage=to_stage, changed_at=at,
                 coordinator_id=coordinator_id, note="") for from_stage, to_stage, at in duo.history]


def _topic_sets(topics: tuple[MeetingTopic, ...]) -> tuple[list[str], ...]:
    """Every set of one to three topics, singles and pairs more often."""
    values = [t.value for t in topics]
    singles = [[v] for v in values]
    pairs = [[a, b] for i, a in enumerate(values) for b in values[i + 1:]]
    triples = [[a, b, c] for i, a in enumerate(values) for j, b in enumerate(values[i + 1:], i + 1)
               for c in values[j + 1:]]
    return tuple(singles * 4 + pairs + triples[::2])


EARLY_SETS, LATE_SETS = _topic_sets(EARLY_TOPICS), _topic_sets(LATE_TOPICS)
DURATIONS = (120, 120, 120, 120, 90, 90, 150, 60)
STEPS = (7, 7, 7, 7, 7, 6, 8, 14)  # days to the next meeting; 14 when a week is skipped


def meeting_rows(duo: DuoPlan, duo_id: int, today: dt.date, rng) -> list[dict]:  # noqa: ANN001
    """Weekly two-hour meetings from the agreement to the end (or today); now
    and then a week is skipped (holidays, illness). One random number a
    meeting keeps 100,000 participants quick."""
    if duo.signed_on is None:
        return []
    end = min(duo.ended_on or today, today)
    rows, day, week = [], duo.signed_on + days(rng.randint(2, 7)), 0
    while day <= end:
        bits = rng.getrandbits(32)
        sets = EARLY_SETS if week < 8 else LATE_SETS
        channel = (MeetingChannel.IN_PERSON if bits & 0xFF < 192 else
                   MeetingChannel.VIDEO if bits & 0xFF < 230 else MeetingChannel.PHONE)
        rows.append(dict(duo_id=duo_id, held_on=day, duration_minutes=DURATIONS[(bits >> 8) & 7], channel=channel,
                         topics=sets[(bits >> 11) % len(sets)], note=""))
        week += 1
        day += days(STEPS[(bits >> 24) & 7])
    return rows


def checkin_rows(duo: DuoPlan, duo_id: int, coordinator_id: int, today: dt.date, lang: str, rng) -> list[dict]:  # noqa: ANN001
    if duo.signed_on is None:
        return []
    end = min(duo.ended_on or today, today)
    rows = []
    for offset in (21, 60, 120, 170):
        on = duo.signed_on + days(offset + rng.randint(-4, 6))
        if on > end:
            break
        rating = weighted(rng, CHECKIN_RATINGS)
        worry = rating <= 2 or rng.random() < 0.08
        rows.append(dict(duo_id=duo_id, coordinator_id=coordinator_id, held_on=on,
                         with_whom=rng.choice((CheckInWith.BOTH, CheckInWith.BOTH, CheckInWith.MENTOR,
                                               CheckInWith.MENTEE)),
                         channel=rng.choice((MeetingChannel.PHONE, MeetingChannel.PHONE, MeetingChannel.IN_PERSON,
                                             MeetingChannel.VIDEO)),
                         rating=rating, concerns=rng.choice(TEXTS[lang]["concerns"]) if worry else "",
                         follow_up_needed=worry))
    return rows


def evaluation_rows(duo: DuoPlan, duo_id: int, mentor_keeps_on: bool, today: dt.date, lang: str,  # noqa: PLR0913
                    rng) -> list[dict]:  # noqa: ANN001
    if duo.ended_on is None:
        return []
    rows = []
    positive = duo.final_outcome is not None and duo.final_outcome.is_positive
    for respondent, answers in ((Respondent.MENTEE, 0.85), (Respondent.MENTOR, 0.92)):
        on = duo.ended_on + days(rng.randint(0, 21))
        if on > today or rng.random() > answers:
            continue
        reached = (ObjectivesReached.YES if positive and rng.random() < 0.7 else
                   ObjectivesReached.PARTLY if rng.random() < 0.7 else ObjectivesReached.NO)
        satisfaction = weighted(rng, SATISFIED if positive else UNSATISFIED)
        rows.append(dict(duo_id=duo_id, respondent=respondent, completed_on=on, objectives_reached=reached,
                         satisfaction=satisfaction, gains=[g.value for g in rng.sample(GAINS, rng.randint(1, 3))],
                         wants_new_duo=mentor_keeps_on if respondent is Respondent.MENTOR else None,
                         comments=rng.choice(TEXTS[lang]["comments"]), created_at=_at(on, 11), updated_at=_at(on, 11)))
    return rows


def outcome_rows(duo: DuoPlan, duo_id: int, sector: str, today: dt.date, rng) -> list[dict]:  # noqa: ANN001
    """What became of the mentee: the final state is known after 12 months;
    earlier moments show the way there."""
    if duo.ended_on is None:
        return []
    final = duo.final_outcome
    K = OutcomeKind
    if duo.end_reason is EndReason.MENTEE_FOUND_JOB:
        at_end = at_3 = K.JOB
    elif duo.end_reason is EndReason.TRAINING_STARTED:
        at_end = at_3 = final
    else:
        at_end = final if final in (K.INTERNSHIP,) or rng.random() < 0.25 else K.STILL_SEARCHING
        at_3 = final if rng.random() < 0.7 else at_end
        if final is K.UNKNOWN:
            at_end, at_3 = K.STILL_SEARCHING, K.UNKNOWN
    started: dict[K, dt.date] = {}
    rows = []
    for moment, kind, learnt in (
        (OutcomeMoment.AT_END, at_end, duo.ended_on + days(rng.randint(0, 14))),
        (OutcomeMoment.AFTER_3_MONTHS, at_3, add_months(duo.ended_on, 3) + days(rng.randint(0, 20))),
        (OutcomeMoment.AFTER_12_MONTHS, final, add_months(duo.ended_on, 12) + days(rng.randint(0, 30))),
    ):
        if learnt > today:
            break
        if kind not in started and kind not in (K.STILL_SEARCHING, K.UNKNOWN):
            started[kind] = min(learnt, duo.ended_on + days(rng.randint(-20, 80)))
        rows.append(dict(
            duo_id=duo_id, kind=kind, moment=moment, learnt_on=learnt,
            contract_type=weighted(rng, CONTRACTS) if kind is K.JOB else None,
            sector=sector if kind in (K.JOB, K.INTERNSHIP) else "", outcome_date=started.get(kind), note="",
            created_at=_at(learnt, 15), updated_at=_at(learnt, 15)))
    return rows
