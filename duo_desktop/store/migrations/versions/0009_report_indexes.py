"""Indexes the year report reads from alone (issue 14)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 19:20:00

The whole report of a year on the 100,000-participant demo read, figure
after figure, table rows it only needed two or three columns of. With
these covering indexes the figures below read the index alone
(benchmarks/bench_reports.py gives the whole report against a bare count):

- status_change (to_status, changed_on, participant_id): intakes, mentors
  trained (who reached a status in the period);
- status_change (participant_id, to_status, changed_on): the waiting list
  (the statuses each mentee reached by a day);
- duo (mentor_id, proposed_on, stage): mentors who start another duo;
- duo (mentee_id, proposed_on): a mentee's first proposal (median wait,
  proposed within a month);
- duo (stage, ended_on, end_reason): the nine "duos ended" figures, the
  results' bases, outcomes per year;
- outcome (duo_id, moment, kind): positive outcome at the end, outcomes
  per year.

The three indexes they extend (status_change (to_status, changed_on),
status_change (participant_id), outcome (duo_id, moment)) are replaced
under the same name. SQLite and
PostgreSQL alike.
"""
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

NEW = [
    ('ix_duo_mentor_proposed', 'duo', ['mentor_id', 'proposed_on', 'stage']),
    ('ix_duo_mentee_proposed', 'duo', ['mentee_id', 'proposed_on']),
    ('ix_duo_stage_ended', 'duo', ['stage', 'ended_on', 'end_reason']),
]
WIDENED = [  # (name, table, columns before, columns now)
    ('ix_status_change_to_status_on', 'status_change', ['to_status', 'changed_on'],
     ['to_status', 'changed_on', 'participant_id']),
    ('ix_status_change_participant_id', 'status_change', ['participant_id'],
     ['participant_id', 'to_status', 'changed_on']),
    ('ix_outcome_duo_moment', 'outcome', ['duo_id', 'moment'], ['duo_id', 'moment', 'kind']),
]


def upgrade() -> None:
    for name, table, columns in NEW:
        op.create_index(name, table, columns)
    for name, table, _before, now in WIDENED:
        op.drop_index(name, table)
        op.create_index(name, table, now)


def downgrade() -> None:
    for name, table, before, _now in WIDENED:
        op.drop_index(name, table)
        op.create_index(name, table, before)
    for name, table, _columns in NEW:
        op.drop_index(name, table)
