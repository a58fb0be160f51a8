"""Follow-up alerts, computed from an injected ``today`` so they are testable.

A duo needs attention when:
- no meeting has been logged for 14 days (active duo);
- no coordinator check-in for a month, or for 15 days in the first month
  (two check-ins in the first month);
- the six months end within 3 weeks (or are over and the duo is still active);
- the end evaluation of either side is not done after the end;
- the outcome follow-up is due at 3 and at 12 months after the end;
- the agreement is not signed 2 weeks after both said yes.

The facts each rule needs are aggregated in SQL (one row per duo, with
correlated sub-queries on the (duo_id, held_on) indexes), over open and
recently ended duos only; the rules then run in Python on those rows.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import String, and_, exists, func, literal, null, or_, select, type_coerce
from sqlalchemy.orm import Session

from ..i18n import N_, Translator, _, current
from ..models import CheckIn, Coordinator, Duo, DuoStage, Evaluation, Meeting, Outcome, OutcomeMoment, Participant, \
    Respondent
from .dates import add_months
from .privacy.consent import FOLLOW_UP, consents_to_clause

NO_MEETING_DAYS = 14
CHECK_IN_DAYS = 30
CHECK_IN_FIRST_MONTH_DAYS = 15
ENDING_SOON_DAYS = 21
AGREEMENT_WAIT_DAYS = 14
#: ended duos are followed until the 12-month outcome is in, with a grace period
FOLLOW_ENDED_MONTHS = 15


class AlertKind(enum.StrEnum):
    AGREEMENT_NOT_SIGNED = "agreement_not_signed"
    NO_MEETING = "no_meeting"
    CHECK_IN_DUE = "check_in_due"
    ENDING_SOON = "ending_soon"
    EVALUATION_DUE = "evaluation_due"
    OUTCOME_3_MONTHS_DUE = "outcome_3_months_due"
    OUTCOME_12_MONTHS_DUE = "outcome_12_months_due"


ALERT_LABELS: dict[AlertKind, str] = {
    AlertKind.AGREEMENT_NOT_SIGNED: N_("Agreement not signed"),
    AlertKind.NO_MEETING: N_("No meeting logged"),
    AlertKind.CHECK_IN_DUE: N_("Check-in due"),
    AlertKind.ENDING_SOON: N_("Six months ending"),
    AlertKind.EVALUATION_DUE: N_("Evaluation due"),
    AlertKind.OUTCOME_3_MONTHS_DUE: N_("3-month follow-up due"),
    AlertKind.OUTCOME_12_MONTHS_DUE: N_("12-month follow-up due"),
}


def alert_label(kind: AlertKind) -> str:
    return _(ALERT_LABELS[kind])


class DuoFacts(NamedTuple):
    """What the alert rules need to know about one duo (a named tuple: built
    straight from the SQL row, thousands at a time)."""

    id: int
    stage: DuoStage
    coordinator_id: int | None
    branch_id: int
    agreement_signed_on: dt.date | None
    planned_end_on: dt.date | None
    ended_on: dt.date | None
    mentor_decided_on: dt.date | None
    mentee_decided_on: dt.date | None
    last_meeting_on: dt.date | None
    meetings: int
    last_check_in_on: dt.date | None
    mentor_evaluated: bool
    mentee_evaluated: bool
    has_outcome_3m: bool
    has_outcome_12m: bool
    #: the mentee consented to be contacted after the duo (services/privacy/consent)
    follow_up_consent: bool = True


class Alert(NamedTuple):
    duo_id: int
    kind: AlertKind
    due_on: dt.date  # the day the alert appeared
    days: int = 0  # days since the last meeting / check-in, or days left
    detail: str = ""  # the sides whose evaluation is missing: "mentor,mentee"

    @property
    def title(self) -> str:
        return alert_label(self.kind)

    def message(self, translator: Translator | None = None) -> str:
        """A sentence saying what is due and since when, in ``translator``'s
        language (default: the interface's)."""
        t = translator if translator is not None else current()
        k = AlertKind
        if self.kind is k.NO_MEETING:
            return t.ngettext("No meeting logged for {days} day", "No meeting logged for {days} days",
                              self.days).format(days=self.days)
        if self.kind is k.CHECK_IN_DUE:
            return t.ngettext("No check-in for {days} day", "No check-in for {days} days",
                              self.days).format(days=self.days)
        if self.kind is k.ENDING_SOON:
            if self.days < 0:
                return t.gettext("The six months ended on {date}: end the duo").format(
                    date=t.format_date(self.due_on))
            return t.ngettext("The six months end in {days} day", "The six months end in {days} days",
                              self.days).format(days=self.days)
        if self.kind is k.EVALUATION_DUE:
            from .labels import label

            sides = [label(Respondent(v), t) for v in self.detail.split(",") if v]
            return t.gettext("End evaluation to do: {sides}").format(sides=", ".join(sides))
        if self.kind is k.OUTCOME_3_MONTHS_DUE:
            return t.gettext("Ask what became of the mentee (3 months, since {date})").format(
                date=t.format_date(self.due_on))
        if self.kind is k.OUTCOME_12_MONTHS_DUE:
            return t.gettext("Ask what became of the mentee (12 months, since {date})").format(
                date=t.format_date(self.due_on))
        return t.ngettext("Agreement not signed {days} day after both said yes",
                          "Agreement not signed {days} days after both said yes", self.days).format(days=self.days)


# --- the rules -----------------------------------------------------------------
def check_in_due_on(facts: DuoFacts) -> dt.date | None:
    """The day a check-in becomes due: 15 days after the signature or after a
    check-in in the first half of the first month (so two in the first month),
    then a month after the last one."""
    if facts.agreement_signed_on is None:
        return None
    signed = facts.agreement_signed_on
    last = max(facts.last_check_in_on or signed, signed)
    first_half = signed + dt.timedelta(days=CHECK_IN_FIRST_MONTH_DAYS)
    return last + dt.timedelta(days=CHECK_IN_FIRST_MONTH_DAYS if last <= first_half else CHECK_IN_DAYS)


def alerts_for(facts: DuoFacts, today: dt.date) -> list[Alert]:
    """The alerts of one duo on ``today`` (pure: no database)."""
    out: list[Alert] = []
    k = AlertKind
    if facts.stage is DuoStage.AWAITING_AGREEMENT and facts.mentor_decided_on and facts.mentee_decided_on:
        both_yes = max(facts.mentor_decided_on, facts.mentee_decided_on)
        due = both_yes + dt.timedelta(days=AGREEMENT_WAIT_DAYS)
        if today >= due:
            out.append(Alert(facts.id, k.AGREEMENT_NOT_SIGNED, due, (today - both_yes).days))
    elif facts.stage is DuoStage.ACTIVE and facts.agreement_signed_on is not None:
        signed = facts.agreement_signed_on
        last = max(facts.last_meeting_on or signed, signed)
        due = last + dt.timedelta(days=NO_MEETING_DAYS)
        if today >= due:
            out.append(Alert(facts.id, k.NO_MEETING, due, (today - last).days))
        due = check_in_due_on(facts)
        if due is not None and today >= due:
            last = max(facts.last_check_in_on or signed, signed)
            out.append(Alert(facts.id, k.CHECK_IN_DUE, due, (today - last).days))
        if facts.planned_end_on is not None:
            due = facts.planned_end_on - dt.timedelta(days=ENDING_SOON_DAYS)
            if today >= due:
                out.append(Alert(facts.id, k.ENDING_SOON, facts.planned_end_on if today > facts.planned_end_on
                                 else due, (facts.planned_end_on - today).days))
    elif facts.stage is DuoStage.ENDED and facts.ended_on is not None:
        ended = facts.ended_on
        missing = [side for side, done in ((Respondent.MENTOR, facts.mentor_evaluated),
                                           (Respondent.MENTEE, facts.mentee_evaluated)) if not done]
        if missing and today >= ended:
            out.append(Alert(facts.id, k.EVALUATION_DUE, ended, (today - ended).days,
                             ",".join(side.value for side in missing)))
        due_3m, due_12m = add_months(ended, 3), add_months(ended, 12)
        if not facts.follow_up_consent:
            pass  # no outcome question to a mentee who did not consent to it (GDPR art. 6, 7)
        elif today >= due_12m:
            if not facts.has_outcome_12m and today < add_months(ended, FOLLOW_ENDED_MONTHS):
                out.append(Alert(facts.id, k.OUTCOME_12_MONTHS_DUE, due_12m, (today - due_12m).days))
        elif today >= due_3m and not facts.has_outcome_3m:
            out.append(Alert(facts.id, k.OUTCOME_3_MONTHS_DUE, due_3m, (today - due_3m).days))
    return out


# --- facts from the database ------------------------------------------------------
def followed_condition(today: dt.date):  # noqa: ANN201
    """Duos the follow-up looks at: open ones and those ended recently."""
    cutoff = add_months(today, -FOLLOW_ENDED_MONTHS)
    return or_(Duo.stage.in_((DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE)),
               and_(Duo.stage == DuoStage.ENDED, Duo.ended_on >= cutoff))


def facts_query(*conditions, activity: bool = True):  # noqa: ANN001, ANN201
    """One row per duo with the aggregates, as correlated sub-queries that
    each read a few index entries (ix_meeting_duo_held_on, ...). Without
    ``activity`` the meetings and check-ins are not read (ended duos' alerts
    do not need them)."""
    if activity:
        last_meeting = select(func.max(Meeting.held_on)).where(Meeting.duo_id == Duo.id).scalar_subquery()
        meetings = select(func.count()).select_from(Meeting).where(Meeting.duo_id == Duo.id).scalar_subquery()
        last_check_in = select(func.max(CheckIn.held_on)).where(CheckIn.duo_id == Duo.id).scalar_subquery()
    else:
        last_meeting, meetings, last_check_in = null(), literal(0), null()

    def evaluated(side: Respondent):  # noqa: ANN202
        return exists().where(Evaluation.duo_id == Duo.id, Evaluation.respondent == side)

    def outcome(moment: OutcomeMoment):  # noqa: ANN202
        return exists().where(Outcome.duo_id == Duo.id, Outcome.moment == moment)

    def raw(column):  # noqa: ANN001, ANN202
        # dates come back as ISO text and are parsed once per distinct value
        # (below), much faster than the per-row date processor
        return type_coerce(column, String)

    return select(
        Duo.id, Duo.stage, Duo.coordinator_id, Duo.branch_id, raw(Duo.agreement_signed_on).label("signed"),
        raw(Duo.planned_end_on).label("planned_end"), raw(Duo.ended_on).label("ended"),
        raw(Duo.mentor_decided_on).label("mentor_decided"), raw(Duo.mentee_decided_on).label("mentee_decided"),
        raw(last_meeting).label("last_meeting"), meetings.label("meetings"), raw(last_check_in).label("last_check_in"),
        evaluated(Respondent.MENTOR).label("mentor_evaluated"), evaluated(Respondent.MENTEE).label("mentee_evaluated"),
        outcome(OutcomeMoment.AFTER_3_MONTHS).label("outcome_3m"),
        outcome(OutcomeMoment.AFTER_12_MONTHS).label("outcome_12m"),
        # a mentee on hold (restricted, GDPR art. 18) is not asked either
        exists().where(Participant.id == Duo.mentee_id, consents_to_clause(FOLLOW_UP),
                       Participant.restricted_since.is_(None)).label("follow_up_consent"),
    ).where(*conditions)


_DATE_COLUMNS = (4, 5, 6, 7, 8, 9, 11)


def _facts_of(rows: Iterable[Sequence]) -> list[DuoFacts]:
    days: dict[str, dt.date] = {}

    def day(text: str | dt.date | None) -> dt.date | None:
        # SQLite gives ISO text; PostgreSQL's driver gives dates (type_coerce
        # changes no SQL, so the column stays a date there)
        if text is None or type(text) is dt.date:
            return text
        if isinstance(text, dt.datetime):
            return text.date()
        value = days.get(text)
        if value is None:
            value = days[text] = dt.date.fromisoformat(text[:10])
        return value

    stages = DuoStage._value2member_map_
    out = []
    for row in rows:
        values = list(row)
        values[1] = stages[values[1]] if isinstance(values[1], str) else values[1]
        for i in _DATE_COLUMNS:
            values[i] = day(values[i])
        out.append(DuoFacts._make(values))
    return out


def _rows(session: Session, query) -> list:  # noqa: ANN001
    """Plain rows of a query, without per-row type processing (the values
    are ISO dates, enum values and numbers; the query holds no user input,
    only ids, dates and enum values, rendered as literals)."""
    connection = session.connection()
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    return connection.exec_driver_sql(sql).all()


def load_facts(session: Session, today: dt.date, *conditions, ended_activity: bool = True  # noqa: ANN002
               ) -> list[DuoFacts]:
    """Facts of the duos followed (open, or ended in the last 15 months).
    ``ended_activity=False`` skips counting the meetings of ended duos (the
    bulk of the work at scale) when nothing shows them."""
    if ended_activity:
        return _facts_of(_rows(session, facts_query(followed_condition(today), *conditions)))
    cutoff = add_months(today, -FOLLOW_ENDED_MONTHS)
    open_ = _rows(session, facts_query(Duo.stage.in_((DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE)), *conditions))
    # ended duos that may have something due (a superset; the rules decide)
    maybe_due = or_(~exists().where(Evaluation.duo_id == Duo.id, Evaluation.respondent == Respondent.MENTOR),
                    ~exists().where(Evaluation.duo_id == Duo.id, Evaluation.respondent == Respondent.MENTEE),
                    and_(Duo.ended_on <= today - dt.timedelta(days=88), ~exists().where(
                        Outcome.duo_id == Duo.id, Outcome.moment == OutcomeMoment.AFTER_3_MONTHS)),
                    and_(Duo.ended_on <= today - dt.timedelta(days=364), ~exists().where(
                        Outcome.duo_id == Duo.id, Outcome.moment == OutcomeMoment.AFTER_12_MONTHS)))
    ended = _rows(session, facts_query(Duo.stage == DuoStage.ENDED, Duo.ended_on >= cutoff, maybe_due, *conditions,
                                       activity=False))
    return _facts_of(open_ + ended)


def duo_alerts(session: Session, duo_id: int, today: dt.date) -> list[Alert]:
    rows = _rows(session, facts_query(Duo.id == duo_id))
    return alerts_for(_facts_of(rows)[0], today) if rows else []


# --- the "today" list ---------------------------------------------------------------
@dataclass(frozen=True)
class TodayItem:
    alert: Alert
    duo_id: int
    mentor: str
    mentee: str


@dataclass(frozen=True)
class TodayGroup:
    coordinator_id: int | None
    coordinator: str  # '' when the duo has no coordinator
    items: list[TodayItem]


_ORDER = {kind: i for i, kind in enumerate(AlertKind)}


def today_list(session: Session, today: dt.date, coordinator_id: int | None = None,
               branch_id: int | None = None) -> list[TodayGroup]:
    """Everything due today, gathered per coordinator (most urgent first)."""
    conditions = []
    if coordinator_id is not None:
        conditions.append(Duo.coordinator_id == coordinator_id)
    if branch_id is not None:
        conditions.append(Duo.branch_id == branch_id)
    facts = load_facts(session, today, *conditions, ended_activity=False)
    return group_alerts(session, [(f, a) for f in facts for a in alerts_for(f, today)])


def group_alerts(session: Session, pairs: Iterable[tuple[DuoFacts, Alert]], with_names: bool = True
                 ) -> list[TodayGroup]:
    """Alerts gathered per coordinator; without names, the screen fetches
    them for the group the user opens."""
    pairs = list(pairs)
    names = _names(session, sorted({f.id for f, _a in pairs})) if with_names else {}
    coordinators = {c.id: c.full_name for c in session.scalars(select(Coordinator))}
    groups: dict[int | None, list[TodayItem]] = {}
    for facts, alert in pairs:
        mentor, mentee = names.get(facts.id, ("", ""))
        groups.setdefault(facts.coordinator_id, []).append(TodayItem(alert, facts.id, mentor, mentee))
    out = []
    for cid, items in groups.items():
        items.sort(key=lambda i: (_ORDER[i.alert.kind], i.alert.due_on, i.duo_id))
        out.append(TodayGroup(cid, coordinators.get(cid, "") if cid is not None else "", items))
    out.sort(key=lambda g: (g.coordinator_id is None, g.coordinator))
    return out


def _names(session: Session, duo_ids: list[int]) -> dict[int, tuple[str, str]]:
    """(mentor, mentee) full names of the given duos."""
    from sqlalchemy.orm import aliased

    mentor, mentee = aliased(Participant), aliased(Participant)
    out: dict[int, tuple[str, str]] = {}
    connection = session.connection()  # Core rows: plain strings, no ORM layer
    for start in range(0, len(duo_ids), 5000):
        chunk = duo_ids[start:start + 5000]
        query = (select(Duo.id, mentor.first_name, mentor.last_name, mentee.first_name, mentee.last_name)
                 .join(mentor, mentor.id == Duo.mentor_id).join(mentee, mentee.id == Duo.mentee_id)
                 .where(Duo.id.in_(chunk)))
        for did, f1, l1, f2, l2 in connection.execute(query):
            out[did] = (f"{f1} {l1}".strip(), f"{f2} {l2}".strip())
    return out
